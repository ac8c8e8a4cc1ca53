using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// The enterprise portal and the staff register in Chromium against the real host. An enterprise registers (API), confirms its
/// e-mail and is approved; its user sets a password from the e-mailed link, signs in and lands on <c>/Portal</c>, edits the
/// profile, withdraws a consent, and is refused the staff register. Then the admin filters the register by commune and opens
/// the enterprise, whose timeline (the first tab) shows what the enterprise user did.
/// </summary>
public sealed partial class EnterprisePortalBrowserTests(ITestOutputHelper output)
{
    private const int HoaBinhWard = 4795;
    private const string HoaBinhWardName = "Phường Hòa Bình";
    private const string Password = "Portal#2026-PhuTho";

    /// <summary>Waits for the document, not every stylesheet and script (slow on a busy machine).</summary>
    private static readonly PageWaitForURLOptions DomReady = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    /// <summary>The pilot cohort staff put the approved enterprise in.</summary>
    private const string CohortName = "Đợt 1 - 2026";

    [Fact]
    public async Task Enterprise_user_edits_its_profile_and_withdraws_a_consent_then_staff_filter_by_commune_and_see_the_timeline()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath),
            $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}: run `apt-get update && apt-get install -y chromium` (never `playwright install`).");

        // A shared, busy build machine can take minutes to migrate and seed a fresh database.
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        var token = "Cổng " + Guid.NewGuid().ToString("N")[..6];
        var name = $"Công ty TNHH {token}";
        var email = $"portal-{Guid.NewGuid():N}@example.vn";
        var setPasswordPath = await RegisterAndApproveAsync(host, name, email);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var enterpriseContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await enterpriseContext.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        try
        {
            // The link from the approval e-mail: set the password, then sign in.
            await page.GotoAsync(setPasswordPath);
            await page.FillAsync("input[name='Input.Password']", Password);
            await page.FillAsync("input[name='Input.ConfirmPassword']", Password);
            await page.GetByTestId("set-password-submit").ClickAsync();
            await page.WaitForURLAsync(new Regex("/Account/Login"), DomReady);
            await page.FillAsync("input[name='Input.Email']", email);
            await page.FillAsync("input[name='Input.Password']", Password);
            await page.GetByTestId("login-submit").ClickAsync();

            // Lands on the portal, not the staff dashboard.
            await page.WaitForURLAsync(new Regex("/Portal$"), DomReady);
            Assert.Equal("Cổng doanh nghiệp", (await page.GetByTestId("portal-heading").InnerTextAsync()).Trim());
            Assert.Equal(name, (await page.GetByTestId("portal-enterprise-name").InnerTextAsync()).Trim());
            Assert.Equal(0, await page.GetByTestId("dashboard-heading").CountAsync());

            // Edits its profile: the tax code is read-only, the changes are kept.
            await page.GetByTestId("portal-link-enterprise").ClickAsync();
            Assert.NotNull(await page.Locator("input[name='Input.TaxCode']").GetAttributeAsync("readonly"));
            Assert.Equal(0, await page.Locator("select[name='Input.ProgrammeStatus']").CountAsync());
            await page.FillAsync("input[name='Input.ShortName']", "Cổng Thử");
            await page.FillAsync("input[name='Input.Employees']", "15");
            await page.GetByTestId("portal-profile-save").ClickAsync();
            Assert.Equal("Đã lưu hồ sơ doanh nghiệp.", (await page.GetByTestId("status-message").InnerTextAsync()).Trim());
            Assert.Equal("Cổng Thử", await page.InputValueAsync("input[name='Input.ShortName']"));
            Assert.Equal("15", await page.InputValueAsync("input[name='Input.Employees']"));

            // Withdraws the advertising consent; the grant stays in the history.
            await page.GotoAsync("/Portal/Enterprise/Contacts");
            var advertising = page.Locator("[data-testid='consent-row'][data-purpose='Advertising']");
            Assert.Equal("Đã đồng ý", (await advertising.Locator(".badge").InnerTextAsync()).Trim());
            await advertising.GetByTestId("consent-withdraw").ClickAsync();
            Assert.Equal("Đã rút lại đồng ý nhận thông tin chương trình, quảng cáo của Trần Thị Cổng. Lịch sử vẫn được lưu.",
                (await page.GetByTestId("status-message").InnerTextAsync()).Trim());
            advertising = page.Locator("[data-testid='consent-row'][data-purpose='Advertising']");
            Assert.Equal("Chưa đồng ý", (await advertising.Locator(".badge").InnerTextAsync()).Trim());
            Assert.Equal(1, await advertising.GetByTestId("consent-grant").CountAsync());
            // The history sits in a closed <details>: read its text content, spaces collapsed.
            var history = (await page.GetByTestId("consent-history-item").AllTextContentsAsync())
                .Select(h => string.Join(' ', h.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
            Assert.Equal(2, history.Count);
            Assert.Contains(history, h => h.Contains("Thông tin chương trình, quảng cáo", StringComparison.Ordinal)
                                          && h.Contains("rút lại lúc", StringComparison.Ordinal));
            Assert.Contains(history, h => h.Contains("Thông báo dịch vụ", StringComparison.Ordinal) && !h.Contains("rút lại", StringComparison.Ordinal));
            Assert.Equal("Ngôn ngữ nhận thư: Tiếng Việt", (await page.GetByTestId("contact-language-cell").InnerTextAsync()).Trim());

            // Staff pages are forbidden to an enterprise user.
            var staff = await page.GotoAsync("/Enterprises");
            Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.Ordinal);
            Assert.Equal(403, staff!.Status);
        }
        catch (Exception)
        {
            await FailureInfoAsync(page, host, "portal");
            throw;
        }

        var staffContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var admin = await staffContext.NewPageAsync();
        admin.SetDefaultTimeout(30_000);
        try
        {
            await admin.GotoAsync("/Account/Login");
            await admin.FillAsync("input[name='Input.Email']", HostProcess.AdminEmail);
            await admin.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await admin.GetByTestId("login-submit").ClickAsync();
            await admin.GetByTestId("dashboard-heading").WaitForAsync();

            // Filter by commune: htmx updates the table and the address bar.
            await admin.GotoAsync("/Enterprises");
            await admin.GetByTestId("filter-ward").SelectOptionAsync(HoaBinhWard.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await admin.WaitForURLAsync(new Regex($"ward={HoaBinhWard}"), DomReady);
            await Assertions.Expect(admin.GetByTestId("enterprise-ward").First).ToHaveTextAsync(HoaBinhWardName);
            var wards = await admin.GetByTestId("enterprise-ward").AllInnerTextsAsync();
            Assert.NotEmpty(wards);
            Assert.All(wards, w => Assert.Equal(HoaBinhWardName, w.Trim()));

            // With the search on top of the filter, only the new enterprise is left.
            await admin.FillAsync("#q", token);
            await Assertions.Expect(admin.GetByTestId("enterprise-row")).ToHaveCountAsync(1);
            Assert.Contains($"ward={HoaBinhWard}", admin.Url, StringComparison.Ordinal);
            await admin.GetByTestId("enterprise-row").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();

            // The timeline is the tab that opens first, newest first.
            await Assertions.Expect(admin.GetByTestId("tab-timeline")).ToHaveClassAsync(new Regex("active"));
            await Assertions.Expect(admin.GetByTestId("timeline")).ToBeVisibleAsync();
            var texts = (await admin.GetByTestId("timeline-text").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
            output.WriteLine(string.Join("\n", texts));
            Assert.Equal("Trần Thị Cổng rút lại đồng ý nhận thông tin chương trình, quảng cáo", texts[0]);
            Assert.Equal("Sửa hồ sơ doanh nghiệp", texts[1]);
            Assert.Contains("Đăng ký được duyệt", texts);
            Assert.Contains("Xác nhận e-mail đăng ký", texts);
            Assert.Contains($"Tham gia đợt thí điểm “{CohortName}”", texts);
            Assert.Equal($"Gửi đăng ký tự nguyện “{name}”", texts[^1]);

            // The consent's channel by its Vietnamese label, not its stored name (PortalForm, Registration).
            Assert.Equal("cổng doanh nghiệp", (await admin.GetByTestId("timeline-item").Nth(0).GetByTestId("timeline-detail").InnerTextAsync()).Trim());
            var details = (await admin.GetByTestId("timeline-detail").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
            Assert.Contains("đăng ký", details);
            Assert.DoesNotContain("PortalForm", details);
            Assert.DoesNotContain("Registration", details);

            // The enterprise user's change: who, and old → new.
            var change = admin.GetByTestId("timeline-item").Nth(1);
            Assert.Equal(email, (await change.GetByTestId("timeline-actor").InnerTextAsync()).Trim());
            var changes = await change.GetByTestId("timeline-changes").InnerTextAsync();
            Assert.Contains("Cổng Thử", changes, StringComparison.Ordinal);
            Assert.Contains("15", changes, StringComparison.Ordinal);
            // Fields by their Vietnamese labels, not their property names.
            var labels = (await change.GetByTestId("timeline-changes").Locator("th").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
            Assert.Contains("Tên viết tắt", labels);
            Assert.Contains("Số lao động", labels);
            Assert.DoesNotContain("Employees", changes, StringComparison.Ordinal);
            Assert.DoesNotContain("ShortName", changes, StringComparison.Ordinal);

            // Contacts tab: the registered contact with its language and consents; staff add an English-speaking contact,
            // a bad e-mail and mobile being refused field by field first, then edit it.
            await admin.GetByTestId("tab-contacts").ClickAsync();
            var registered = admin.Locator("[data-testid='contact-row'][data-name='Trần Thị Cổng']");
            await Assertions.Expect(registered.GetByTestId("contact-language-cell")).ToHaveTextAsync("Tiếng Việt");
            await Assertions.Expect(registered.Locator("[data-testid='consent-state'][data-purpose='Service']")).ToHaveAttributeAsync("data-given", "true");
            await Assertions.Expect(registered.Locator("[data-testid='consent-state'][data-purpose='Advertising']")).ToHaveAttributeAsync("data-given", "false");
            await admin.GetByTestId("contacts-manage").ClickAsync();
            await admin.WaitForURLAsync(new Regex("/Enterprises/[0-9a-f-]+/Contacts"), DomReady);

            var english = $"john-{Guid.NewGuid():N}@example.com";
            await admin.GetByTestId("contact-fullname").FillAsync("John Smith");
            await admin.GetByTestId("contact-email").FillAsync("not-an-address");
            await admin.GetByTestId("contact-mobile").FillAsync("123");
            await admin.GetByTestId("contact-language").SelectOptionAsync("en");
            await admin.GetByTestId("contact-save").ClickAsync();
            await Assertions.Expect(admin.GetByTestId("contact-email")).ToHaveClassAsync(new Regex("is-invalid"));
            await Assertions.Expect(admin.GetByTestId("contact-mobile")).ToHaveClassAsync(new Regex("is-invalid"));
            Assert.NotEmpty((await admin.GetByTestId("error-email").InnerTextAsync()).Trim());
            Assert.NotEmpty((await admin.GetByTestId("error-mobile").InnerTextAsync()).Trim());
            Assert.Equal("John Smith", await admin.GetByTestId("contact-fullname").InputValueAsync());
            await Assertions.Expect(admin.GetByTestId("contact-row")).ToHaveCountAsync(1);

            await admin.GetByTestId("contact-email").FillAsync(english);
            await admin.GetByTestId("contact-mobile").FillAsync("0987 654 321");
            await admin.GetByTestId("contact-position").FillAsync("CFO");
            await admin.GetByTestId("contact-save").ClickAsync();
            Assert.Equal("Đã lưu người liên hệ John Smith.", (await admin.GetByTestId("status-message").InnerTextAsync()).Trim());
            var john = admin.Locator("[data-testid='contact-row'][data-name='John Smith']");
            await Assertions.Expect(john.GetByTestId("contact-language-cell")).ToHaveTextAsync("Tiếng Anh");
            await Assertions.Expect(john).ToContainTextAsync(english);
            await Assertions.Expect(john).ToContainTextAsync("+84987654321");
            await Assertions.Expect(admin.GetByTestId("contact-row")).ToHaveCountAsync(2);

            await john.GetByTestId("contact-edit").ClickAsync();
            Assert.Equal("en", await admin.GetByTestId("contact-language").InputValueAsync());
            await admin.GetByTestId("contact-position").FillAsync("Kế toán trưởng");
            await admin.GetByTestId("contact-save").ClickAsync();
            Assert.Equal("Đã lưu người liên hệ John Smith.", (await admin.GetByTestId("status-message").InnerTextAsync()).Trim());
            john = admin.Locator("[data-testid='contact-row'][data-name='John Smith']");
            await Assertions.Expect(john).ToContainTextAsync("Kế toán trưởng");
            await Assertions.Expect(john.GetByTestId("contact-language-cell")).ToHaveTextAsync("Tiếng Anh");
        }
        catch (Exception)
        {
            await FailureInfoAsync(admin, host, "staff");
            throw;
        }
    }

    /// <summary>Registers through the API, confirms the e-mail, approves as admin; returns the set-password link's path and query.</summary>
    private static async Task<string> RegisterAndApproveAsync(HostProcess host, string name, string email)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var formToken = (await http.GetFromJsonAsync<JsonElement>("/api/registrations/form-token")).GetProperty("token").GetString();
        await Task.Delay(TimeSpan.FromSeconds(3.5)); // the minimum fill time of a human
        var submitted = await http.PostAsJsonAsync("/api/registrations", new
        {
            enterprise = new
            {
                taxCode = NewTaxCode(), name, legalForm = "SingleMemberLlc", industryCode = "G4711", employees = 6,
                annualRevenueVnd = 2_000_000_000m, capitalVnd = 1_000_000_000m, wardCode = HoaBinhWard, street = "Số 8, đường Cù Chính Lan",
            },
            contact = new { fullName = "Trần Thị Cổng", position = "Giám đốc", email, mobile = "0912345678" },
            consents = new { service = true, advertising = true },
            formToken,
        });
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.IsSuccessStatusCode, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();

        var confirmLink = await LinkAsync(host, email, "Confirm", "/Register/Confirm");
        var confirmToken = Uri.UnescapeDataString(confirmLink[(confirmLink.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.True((await http.PostAsJsonAsync("/api/registrations/confirm", new { token = confirmToken })).IsSuccessStatusCode);

        var login = await (await http.PostAsJsonAsync("/api/auth/login", new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var approved = await http.PostAsync($"/api/registrations/{id}/approve", null);
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());

        // Staff put the new enterprise in a pilot cohort: the timeline shows it.
        var enterpriseId = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enterpriseId").GetGuid();
        var joined = await http.PostAsJsonAsync($"/api/enterprises/{enterpriseId}/cohorts", new { name = CohortName, joinedOn = "2026-01-05" });
        Assert.True(joined.IsSuccessStatusCode, await joined.Content.ReadAsStringAsync());

        var link = new Uri(await LinkAsync(host, email, "approved", "/Account/SetPassword"));
        return link.PathAndQuery;
    }

    private static async Task<string> LinkAsync(HostProcess host, string address, string subjectPart, string path)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Directory.Exists(host.OutboxPath))
            {
                foreach (var file in Directory.GetFiles(host.OutboxPath, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == address) && (message.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal))
                    {
                        return LinkRegex().Matches(message.TextBody ?? "").Select(m => m.Value).First(l => l.Contains(path, StringComparison.Ordinal));
                    }
                }
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"No e-mail to {address} with '{subjectPart}'.");
    }

    /// <summary>A valid random 10-digit tax code (province prefix 25; check digit per the General Department of Taxation's weights).</summary>
    private static string NewTaxCode()
    {
        int[] weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
        while (true)
        {
            var nine = "25" + Random.Shared.Next(1, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            var sum = nine.Select((c, i) => (c - '0') * weights[i]).Sum();
            var check = 10 - (sum % 11);
            if (check is >= 0 and <= 9)
            {
                return nine + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private async Task FailureInfoAsync(IPage page, HostProcess host, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        output.WriteLine($"Screenshot: {file}");
        output.WriteLine($"URL: {page.Url}");
        output.WriteLine("Host log:");
        output.WriteLine(host.Log);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkRegex();
}
