using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// The user administration page in Chromium against the real host: the admin reaches it from the
/// navigation, invites a user with the form (a field error first), locks and unlocks the new user.
/// </summary>
public sealed class UsersBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    [Fact]
    public async Task Admin_invites_a_user_from_the_Users_page_then_locks_and_unlocks_them()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath),
            $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}: run `apt-get update && apt-get install -y chromium` (never `playwright install`).");

        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var email = $"moi-{Guid.NewGuid():N}@smesupport.test";

        try
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("input[name='Input.Email']", HostProcess.AdminEmail);
            await page.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await page.GetByTestId("login-submit").ClickAsync();
            await page.GetByTestId("nav-admin").ClickAsync(); // the administration menu
            await page.GetByTestId("nav-users").ClickAsync();
            Assert.Equal("Quản lý người dùng", (await page.GetByTestId("users-heading").InnerTextAsync()).Trim());

            // A bad address: the error sits under the e-mail field, the typed name is kept.
            await page.FillAsync("input[name='Invite.Email']", "khong-hop-le");
            await page.FillAsync("input[name='Invite.FullName']", "Hoàng Thị Mời");
            await page.CheckAsync("#invite-role-Officer");
            await page.GetByTestId("invite-submit").ClickAsync();
            Assert.Equal("Địa chỉ email không hợp lệ.", (await page.GetByTestId("error-email").InnerTextAsync()).Trim());
            Assert.Equal("Hoàng Thị Mời", await page.InputValueAsync("input[name='Invite.FullName']"));

            await page.FillAsync("input[name='Invite.Email']", email);
            await page.CheckAsync("#invite-role-Officer");
            await page.GetByTestId("invite-submit").ClickAsync();
            Assert.Equal($"Đã gửi lời mời tới {email}.", (await page.GetByTestId("status-message").InnerTextAsync()).Trim());

            // htmx search narrows the table to the new user.
            await page.FillAsync("#q", email);
            var row = page.Locator($"tr[data-email='{email}']");
            await Assertions.Expect(page.GetByTestId("user-row")).ToHaveCountAsync(1);
            Assert.Equal("Không", (await row.GetByTestId("user-confirmed").InnerTextAsync()).Trim());

            await row.GetByTestId("lock-button").ClickAsync();
            Assert.Equal($"Đã khóa tài khoản {email}.", (await page.GetByTestId("status-message").InnerTextAsync()).Trim());
            Assert.Equal("Đến khi được mở khóa", (await page.Locator($"tr[data-email='{email}']").GetByTestId("user-locked-until").InnerTextAsync()).Trim());

            await page.Locator($"tr[data-email='{email}']").GetByTestId("unlock-button").ClickAsync();
            Assert.Equal($"Đã mở khóa tài khoản {email}.", (await page.GetByTestId("status-message").InnerTextAsync()).Trim());
            Assert.Equal("—", (await page.Locator($"tr[data-email='{email}']").GetByTestId("user-locked-until").InnerTextAsync()).Trim());
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"users-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Screenshot: {file}");
            output.WriteLine($"URL: {page.Url}");
            output.WriteLine("Host log:");
            output.WriteLine(host.Log);
            throw;
        }
    }
}
