using Microsoft.Playwright;
using Xunit;

namespace SmeSupport.Web.Tests;

/// <summary>
/// The public registration form's refusals in Chromium: each shows a translated, friendly message on the page (never the service's
/// English text) and keeps what was typed.
/// </summary>
public sealed partial class EnterprisePortalBrowserTests
{
    [Fact]
    public async Task Register_page_explains_an_email_that_has_an_account_and_a_form_sent_twice_in_vietnamese_and_keeps_the_input()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath),
            $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}: run `apt-get update && apt-get install -y chromium` (never `playwright install`).");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        var name = "Công ty TNHH Từ Chối " + Guid.NewGuid().ToString("N")[..6];
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

        async Task FillAsync(string tax, string email)
        {
            await visitor.FillAsync("input[name='Input.TaxCode']", tax);
            await visitor.FillAsync("input[name='Input.Name']", name);
            await visitor.SelectOptionAsync("select[name='Input.LegalForm']", "SingleMemberLlc");
            await visitor.FillAsync("input[name='Input.IndustryCode']", "4711");
            await visitor.FillAsync("input[name='Input.Employees']", "6");
            await visitor.FillAsync("input[name='Input.AnnualRevenueVnd']", "2000000000");
            await visitor.FillAsync("input[name='Input.CapitalVnd']", "1000000000");
            await visitor.SelectOptionAsync("select[name='Input.WardCode']", HoaBinhWard.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await visitor.FillAsync("input[name='Input.Street']", "Số 5, đường Cù Chính Lan");
            await visitor.FillAsync("input[name='Input.ContactFullName']", "Lê Văn Chối");
            await visitor.FillAsync("input[name='Input.ContactEmail']", email);
            await visitor.FillAsync("input[name='Input.ContactMobile']", "0912 345 678");
            await visitor.CheckAsync("input[name='Input.ServiceConsent']");
        }

        try
        {
            // The contact e-mail already belongs to an account (the admin's): the page says so in Vietnamese and keeps the form.
            await visitor.GotoAsync("/Register");
            await FillAsync(taxCode, HostProcess.AdminEmail);
            await Task.Delay(TimeSpan.FromSeconds(3.5)); // the minimum fill time of a human
            await visitor.GetByTestId("register-submit").ClickAsync();
            await visitor.GetByTestId("register-error").WaitForAsync();
            Assert.Equal("Địa chỉ e-mail của người liên hệ đã có tài khoản. Hãy đăng nhập bằng địa chỉ này, hoặc nhập một địa chỉ khác rồi gửi lại.",
                (await visitor.GetByTestId("register-error").InnerTextAsync()).Trim());
            Assert.Equal(name, await visitor.InputValueAsync("input[name='Input.Name']"));
            Assert.Equal(taxCode, await visitor.InputValueAsync("input[name='Input.TaxCode']"));
            Assert.Equal(HostProcess.AdminEmail, await visitor.InputValueAsync("input[name='Input.ContactEmail']"));

            // Corrected and sent: accepted. The same form token sent again (a second tab, a resent form) is explained, input kept.
            var token = await visitor.InputValueAsync("input[name='Input.FormToken']");
            await visitor.FillAsync("input[name='Input.ContactEmail']", $"refusal-{Guid.NewGuid():N}@example.vn");
            await Task.Delay(TimeSpan.FromSeconds(3.5));
            await visitor.GetByTestId("register-submit").ClickAsync();
            await visitor.GetByTestId("register-success").WaitForAsync();

            await visitor.GotoAsync("/Register");
            var secondTax = NewTaxCode();
            await FillAsync(secondTax, $"refusal2-{Guid.NewGuid():N}@example.vn");
            await visitor.Locator("input[name='Input.FormToken']").EvaluateAsync("(e, t) => e.value = t", token);
            await Task.Delay(TimeSpan.FromSeconds(3.5));
            await visitor.GetByTestId("register-submit").ClickAsync();
            await visitor.GetByTestId("register-error").WaitForAsync();
            Assert.Equal("Biểu mẫu này đã được gửi một lần. Thông tin bạn nhập vẫn còn bên dưới: kiểm tra lại rồi bấm «Gửi đăng ký» để gửi một đăng ký mới.",
                (await visitor.GetByTestId("register-error").InnerTextAsync()).Trim());
            Assert.Equal(secondTax, await visitor.InputValueAsync("input[name='Input.TaxCode']"));
            Assert.NotEqual(token, await visitor.InputValueAsync("input[name='Input.FormToken']")); // a fresh token to send it again
        }
        catch (Exception)
        {
            await FailureInfoAsync(visitor, host, "register-refusals");
            throw;
        }
    }
}
