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

    [Fact]
    public async Task Dashboard_commune_and_cohort_filters_are_dropdowns_of_the_reference_data()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}.");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        try
        {
            await page.GotoAsync("/");
            await page.FillAsync("input[name='Input.Email']", HostProcess.AdminEmail);
            await page.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await page.GetByTestId("login-submit").ClickAsync();
            await page.GetByTestId("dashboard-heading").WaitForAsync();

            // Both filters are selects: the communes of the province (Phú Thọ, code 25) by name, and the cohorts enterprises belong to.
            Assert.Equal("select", await page.EvalOnSelectorAsync<string>("#f-commune", "e => e.tagName.toLowerCase()"));
            Assert.Equal("select", await page.EvalOnSelectorAsync<string>("#f-cohort", "e => e.tagName.toLowerCase()"));
            var communes = await page.EvalOnSelectorAllAsync<string[]>("#f-commune option", "os => os.map(o => o.value + '|' + o.textContent.trim())");
            Assert.True(communes.Length > 100, $"{communes.Length} communes");
            Assert.Equal("|Tất cả", communes[0]);
            Assert.Contains("4792|Phường Tân Hòa", communes);
            var all = (await page.GetByTestId("dash-enterprises").InnerTextAsync()).Trim();

            await page.SelectOptionAsync("#f-commune", "4792");
            await page.GetByTestId("report-filters").Locator("button[type='submit']").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("commune=4792", StringComparison.Ordinal));
            Assert.Equal("4792", await page.InputValueAsync("#f-commune"));
            var filtered = (await page.GetByTestId("dash-enterprises").InnerTextAsync()).Trim();
            var api = await page.APIRequest.GetAsync("/api/reporting/dashboard/figures?commune=4792");
            Assert.True(api.Ok, await api.TextAsync());
            var expected = System.Text.Json.JsonDocument.Parse(await api.TextAsync()).RootElement.GetProperty("enterprises").GetInt32();
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), new string(filtered.Where(char.IsDigit).ToArray()));
            Assert.False(string.IsNullOrEmpty(all));
        }
        catch (Exception)
        {
            output.WriteLine($"URL: {page.Url}");
            output.WriteLine(host.Log);
            throw;
        }
    }
}
