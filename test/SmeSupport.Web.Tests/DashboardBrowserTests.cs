using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// Drives Debian's Chromium (<c>apt-get install chromium</c>, <c>/usr/bin/chromium</c>) through
/// Playwright against the real host started as a process. Playwright's own browsers are never
/// installed (<c>playwright install</c> downloads a build and fails in this workplace).
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    [Fact]
    public async Task Admin_signs_in_and_sees_the_pilot_figure_on_the_Vietnamese_dashboard()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Chromium is missing at {ChromiumPath}: run `apt-get update && apt-get install -y chromium` (never `playwright install`).");

        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        // An English browser: the UI must still start in Vietnamese (the default, switched only by the cookie).
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);

        try
        {
            await page.GotoAsync("/");
            await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            await page.FillAsync("input[name='Input.Email']", HostProcess.AdminEmail);
            await page.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await page.GetByTestId("login-submit").ClickAsync();

            var heading = page.GetByTestId("dashboard-heading");
            await heading.WaitForAsync();
            Assert.Equal("Tổng quan chương trình", (await heading.InnerTextAsync()).Trim());
            Assert.Equal("150", (await page.GetByTestId("figure-pilot-enterprises").InnerTextAsync()).Trim());
            Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));

            // The client libraries came through the RCL's static web assets.
            Assert.True(await page.EvaluateAsync<bool>("() => typeof window.htmx !== 'undefined' && typeof window.bootstrap !== 'undefined'"),
                "htmx or Bootstrap did not load from _content/SmeSupport.Web.UI/lib/.");
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"dashboard-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Screenshot: {file}");
            output.WriteLine($"URL: {page.Url}");
            output.WriteLine("Host log:");
            output.WriteLine(host.Log);
            throw;
        }
    }
}
