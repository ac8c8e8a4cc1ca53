using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace SmeSupport.Web.Tests;

/// <summary>
/// Self-registration end to end in Chromium, as a new enterprise and an officer would do it: the public form, the e-mailed
/// confirmation link, the staff queue at <c>/Enterprises/Registrations</c> (approve), the e-mailed set-password link, and the first
/// sign-in, which lands on <c>/Portal</c>.
/// </summary>
public sealed partial class EnterprisePortalBrowserTests
{
    [Fact]
    public async Task Register_on_the_public_page_confirm_by_email_staff_approve_on_the_queue_page_then_sign_in_to_the_portal()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath),
            $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}: run `apt-get update && apt-get install -y chromium` (never `playwright install`).");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        var token = "Hàng " + Guid.NewGuid().ToString("N")[..6];
        var name = $"Công ty TNHH {token} <b>đậm</b>";
        var email = $"queue-{Guid.NewGuid():N}@example.vn";
        var taxCode = NewTaxCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var visitor = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() })).NewPageAsync();
        visitor.SetDefaultTimeout(30_000);
        try
        {
            // The public form.
            await visitor.GotoAsync("/Register");
            await visitor.FillAsync("input[name='Input.TaxCode']", taxCode);
            await visitor.FillAsync("input[name='Input.Name']", name);
            await visitor.SelectOptionAsync("select[name='Input.LegalForm']", "SingleMemberLlc");
            await visitor.FillAsync("input[name='Input.IndustryCode']", "4711");
            await visitor.FillAsync("input[name='Input.Employees']", "6");
            await visitor.FillAsync("input[name='Input.AnnualRevenueVnd']", "2000000000");
            await visitor.FillAsync("input[name='Input.CapitalVnd']", "1000000000");
            await visitor.SelectOptionAsync("select[name='Input.WardCode']", HoaBinhWard.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await visitor.FillAsync("input[name='Input.Street']", "Số 3, đường Cù Chính Lan");
            await visitor.FillAsync("input[name='Input.ContactFullName']", "Lê Văn Hàng");
            await visitor.FillAsync("input[name='Input.ContactEmail']", email);
            await visitor.FillAsync("input[name='Input.ContactMobile']", "0912 345 678");
            await visitor.CheckAsync("input[name='Input.ServiceConsent']");
            await Task.Delay(TimeSpan.FromSeconds(3.5)); // the minimum fill time of a human
            await visitor.GetByTestId("register-submit").ClickAsync();
            await visitor.GetByTestId("register-success").WaitForAsync();

            // The link from the confirmation e-mail: a button confirms (a mail scanner opening the link confirms nothing).
            var confirm = new Uri(await LinkAsync(host, email, "Confirm", "/Register/Confirm"));
            await visitor.GotoAsync(confirm.PathAndQuery);
            await visitor.GetByTestId("confirm-submit").ClickAsync();
            await visitor.GetByTestId("confirm-success").WaitForAsync();

            // The same link a second time: why it cannot be used, and no button inviting another try.
            await visitor.GotoAsync(confirm.PathAndQuery);
            await visitor.GetByTestId("confirm-submit").ClickAsync();
            await visitor.GetByTestId("confirm-error").WaitForAsync();
            Assert.Contains("đã được dùng", await visitor.GetByTestId("confirm-error").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await visitor.GetByTestId("confirm-submit").CountAsync());
        }
        catch (Exception)
        {
            await FailureInfoAsync(visitor, host, "register");
            throw;
        }

        var officer = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() })).NewPageAsync();
        officer.SetDefaultTimeout(30_000);
        try
        {
            await officer.GotoAsync("/Account/Login");
            await officer.FillAsync("input[name='Input.Email']", HostProcess.AdminEmail);
            await officer.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await officer.GetByTestId("login-submit").ClickAsync();
            await officer.GetByTestId("dashboard-heading").WaitForAsync();

            // From the register to the queue; the confirmed registration waits there with its contact and consents.
            await officer.GotoAsync("/Enterprises");
            await officer.GetByTestId("registrations-link").ClickAsync();
            await officer.WaitForURLAsync(new Regex("/Enterprises/Registrations"), DomReady);
            var row = officer.Locator($"[data-testid='registration'][data-tax-code='{taxCode}']");
            await row.WaitForAsync();
            Assert.Equal(name, (await row.GetByTestId("registration-name").InnerTextAsync()).Trim()); // markup shown as text
            Assert.Equal(0, await row.Locator("b").CountAsync());
            Assert.Equal("Chờ duyệt", (await row.GetByTestId("registration-status").InnerTextAsync()).Trim());
            var consents = string.Join(' ', (await row.GetByTestId("registration-consents").InnerTextAsync()).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("Tin dịch vụ: có · Tin chương trình/quảng cáo: không", consents);
            Assert.Contains(email, await row.InnerTextAsync(), StringComparison.Ordinal);

            // Rejecting needs a reason: an empty one is refused by the server too (the browser's check bypassed).
            await row.GetByTestId("reject-reason").EvaluateAsync("e => e.removeAttribute('required')");
            await row.GetByTestId("reject-button").ClickAsync();
            Assert.Equal("Cần nhập lý do từ chối; lý do sẽ được gửi email cho người đăng ký.", (await officer.GetByTestId("error-message").InnerTextAsync()).Trim());

            // Approve.
            row = officer.Locator($"[data-testid='registration'][data-tax-code='{taxCode}']");
            await row.GetByTestId("approve-button").ClickAsync();
            Assert.Equal($"Đã duyệt {name}; email đặt mật khẩu đã gửi tới {email}.", (await officer.GetByTestId("status-message").InnerTextAsync()).Trim());
            Assert.Equal(0, await officer.Locator($"[data-testid='registration'][data-tax-code='{taxCode}']").CountAsync());
            await officer.GetByTestId("status-Approved").ClickAsync();
            row = officer.Locator($"[data-testid='registration'][data-tax-code='{taxCode}']");
            Assert.Equal("Đã duyệt", (await row.GetByTestId("registration-status").InnerTextAsync()).Trim());
        }
        catch (Exception)
        {
            await FailureInfoAsync(officer, host, "queue");
            throw;
        }

        // The enterprise sets its password from the approval e-mail and signs in: the portal.
        try
        {
            var setPassword = new Uri(await LinkAsync(host, email, "approved", "/Account/SetPassword"));
            await visitor.GotoAsync(setPassword.PathAndQuery);
            await visitor.FillAsync("input[name='Input.Password']", Password);
            await visitor.FillAsync("input[name='Input.ConfirmPassword']", Password);
            await visitor.GetByTestId("set-password-submit").ClickAsync();
            await visitor.WaitForURLAsync(new Regex("/Account/Login"), DomReady);
            await visitor.FillAsync("input[name='Input.Email']", email);
            await visitor.FillAsync("input[name='Input.Password']", Password);
            await visitor.GetByTestId("login-submit").ClickAsync();
            await visitor.WaitForURLAsync(new Regex("/Portal$"), DomReady);
            Assert.Equal(name, (await visitor.GetByTestId("portal-enterprise-name").InnerTextAsync()).Trim());
        }
        catch (Exception)
        {
            await FailureInfoAsync(visitor, host, "first-sign-in");
            throw;
        }
    }
}
