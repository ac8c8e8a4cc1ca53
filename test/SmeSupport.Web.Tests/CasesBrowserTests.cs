using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// Support cases in Chromium against the real host: an enterprise user opens a case from the portal and replies; an
/// officer answers with a public reply and an internal note; the enterprise user sees the reply and never the note;
/// a tax partner is turned away from the staff and portal case pages.
/// </summary>
public sealed class CasesBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    [Fact]
    public async Task Enterprise_user_opens_a_case_officer_answers_and_the_internal_note_stays_internal()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath),
            $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}: run `apt-get update && apt-get install -y chromium` (never `playwright install`).");

        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var enterpriseEmail = $"dn-{suffix}@smesupport.test";
        var officerEmail = $"canbo-{suffix}@smesupport.test";
        var partnerEmail = $"thue-{suffix}@smesupport.test";
        await PrepareAccountsAsync(host, (enterpriseEmail, "EnterpriseUser"), (officerEmail, "Officer"), (partnerEmail, "TaxPartner"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var pages = new List<IPage>();
        async Task<IPage> SignInAsync(string email)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(15_000);
            pages.Add(page);
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("input[name='Input.Email']", email);
            await page.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await page.GetByTestId("login-submit").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            return page;
        }

        const string subject = "Không đăng nhập được phần mềm hóa đơn";
        const string publicReply = "Chúng tôi sẽ gọi lại cho anh/chị trong chiều nay.";
        const string internalNote = "Nội bộ: doanh nghiệp dùng bản cũ, cần cập nhật chứng thư số.";
        try
        {
            // The enterprise user opens a case from the portal and adds a reply.
            var enterprise = await SignInAsync(enterpriseEmail);
            await enterprise.GetByTestId("nav-portal-cases").ClickAsync();
            Assert.Equal("Yêu cầu hỗ trợ của doanh nghiệp", (await enterprise.GetByTestId("portal-cases-heading").InnerTextAsync()).Trim());
            await enterprise.GetByTestId("portal-case-new").ClickAsync();
            await enterprise.FillAsync("#Subject", subject);
            await enterprise.SelectOptionAsync("#Type", "EInvoiceHelp");
            await enterprise.FillAsync("#Description", "Báo lỗi sai mật khẩu dù nhập đúng.");
            await enterprise.GetByTestId("portal-case-submit").ClickAsync();
            Assert.Equal("Đã gửi yêu cầu hỗ trợ.", (await enterprise.GetByTestId("status-message").InnerTextAsync()).Trim());
            Assert.Equal(subject, (await enterprise.GetByTestId("case-subject").InnerTextAsync()).Trim());
            Assert.Equal("Mới", (await enterprise.GetByTestId("case-status").InnerTextAsync()).Trim());
            var portalUrl = enterprise.Url;
            await enterprise.FillAsync("#body", "Chúng tôi dùng máy tính Windows 10.");
            await enterprise.GetByTestId("reply-submit").ClickAsync();
            Assert.Equal("Đã gửi trả lời.", (await enterprise.GetByTestId("status-message").InnerTextAsync()).Trim());
            await Assertions.Expect(enterprise.GetByTestId("public-message")).ToHaveCountAsync(1);

            // The officer finds it in the list, assigns it to themself, answers publicly and writes an internal note.
            var officer = await SignInAsync(officerEmail);
            await officer.GetByTestId("nav-cases").ClickAsync();
            Assert.Equal("Yêu cầu hỗ trợ", (await officer.GetByTestId("cases-heading").InnerTextAsync()).Trim());
            await officer.SelectOptionAsync("#f-type", "EInvoiceHelp");
            await officer.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
            Assert.Equal(subject, (await officer.GetByTestId("case-subject").InnerTextAsync()).Trim());
            Assert.False(string.IsNullOrWhiteSpace(await officer.GetByTestId("first-response-due").InnerTextAsync()));
            await officer.SelectOptionAsync("#assigneeId", new SelectOptionValue { Label = officerEmail });
            await officer.GetByTestId("assign-submit").ClickAsync();
            Assert.Equal("Đã phân công", (await officer.GetByTestId("case-status").InnerTextAsync()).Trim());
            Assert.Equal(officerEmail, (await officer.GetByTestId("case-assignee").InnerTextAsync()).Trim());

            await officer.FillAsync("#body", publicReply);
            await officer.GetByTestId("message-submit").ClickAsync();
            Assert.Equal("Đã gửi trả lời.", (await officer.GetByTestId("status-message").InnerTextAsync()).Trim());
            await officer.FillAsync("#body", internalNote);
            await officer.CheckAsync("#isInternal");
            await officer.GetByTestId("message-submit").ClickAsync();
            Assert.Equal("Đã lưu ghi chú nội bộ.", (await officer.GetByTestId("status-message").InnerTextAsync()).Trim());
            await Assertions.Expect(officer.GetByTestId("public-message")).ToHaveCountAsync(2);
            var note = officer.GetByTestId("internal-note");
            await Assertions.Expect(note).ToHaveCountAsync(1);
            Assert.Contains("Ghi chú nội bộ", await note.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(internalNote, (await note.Locator(".message-body").InnerTextAsync()).Trim());
            if (Environment.GetEnvironmentVariable("SMESUPPORT_SCREENSHOTS") is { Length: > 0 } detailShots)
            {
                await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(detailShots, "case-detail.png"), FullPage = true });
            }

            // The first response is recorded by the public reply.
            Assert.StartsWith("Đã phản hồi lúc", (await officer.GetByTestId("first-response-remaining").InnerTextAsync()).Trim(), StringComparison.Ordinal);

            // The enterprise user sees the officer's reply, never the internal note.
            await enterprise.GotoAsync(portalUrl);
            await Assertions.Expect(enterprise.GetByTestId("public-message")).ToHaveCountAsync(2);
            Assert.Equal(publicReply, (await enterprise.GetByTestId("public-message").Nth(1).Locator(".message-body").InnerTextAsync()).Trim());
            await Assertions.Expect(enterprise.GetByTestId("internal-note")).ToHaveCountAsync(0);
            Assert.DoesNotContain("cập nhật chứng thư số", await enterprise.ContentAsync(), StringComparison.Ordinal);
            Assert.Equal("Đã phân công", (await enterprise.GetByTestId("case-status").InnerTextAsync()).Trim());

            // The officer records a community visit and opens a follow-up case from it in one step.
            await officer.GetByTestId("nav-visits").ClickAsync();
            await officer.GetByTestId("visit-new").ClickAsync();
            await officer.SelectOptionAsync("#Input_WardCode", new SelectOptionValue { Index = 1 });
            await officer.SelectOptionAsync("#Input_MemberUserIds", new SelectOptionValue { Label = officerEmail });
            await officer.FillAsync("#Input_MemberNames", "Tổ công nghệ số cộng đồng");
            await officer.SelectOptionAsync("#Input_EnterpriseIds", new SelectOptionValue { Index = 0 });
            await officer.FillAsync("#Input_HouseholdCount", "3");
            await officer.CheckAsync("#topic-EInvoice");
            await officer.FillAsync("#Input_Notes", "Cần hướng dẫn ký số.");
            await officer.GetByTestId("visit-submit").ClickAsync();
            Assert.Equal("Đã ghi nhận chuyến thăm.", (await officer.GetByTestId("status-message").InnerTextAsync()).Trim());
            await officer.FillAsync("#fu-subject", "Hướng dẫn ký số sau chuyến thăm");
            await officer.SelectOptionAsync("#fu-type", "Training");
            await officer.GetByTestId("follow-up-submit").ClickAsync();
            Assert.Equal("Hướng dẫn ký số sau chuyến thăm", (await officer.GetByTestId("case-subject").InnerTextAsync()).Trim());
            await Assertions.Expect(officer.GetByTestId("internal-note")).ToHaveCountAsync(1);
            Assert.Contains("Ghi chú: Cần hướng dẫn ký số.", await officer.GetByTestId("internal-note").InnerTextAsync(), StringComparison.Ordinal);

            // Today's figures: the portal case and the follow-up (the demo cases were all opened on earlier days).
            await officer.GetByTestId("nav-case-figures").ClickAsync();
            var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).ToString("yyyy-MM-dd");
            await officer.GotoAsync($"/Cases/Figures?From={today}&To={today}&GroupBy=Type");
            var total = officer.GetByTestId("figures-total");
            Assert.Equal("2", (await total.GetByTestId("fig-cases").InnerTextAsync()).Trim());
            Assert.Equal("2", (await total.GetByTestId("fig-open").InnerTextAsync()).Trim());
            await Assertions.Expect(officer.GetByTestId("figures-row")).ToHaveCountAsync(2);
            if (Environment.GetEnvironmentVariable("SMESUPPORT_SCREENSHOTS") is { Length: > 0 } shots)
            {
                await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "figures.png"), FullPage = true });
                await enterprise.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "portal-case.png"), FullPage = true });
                await officer.GotoAsync("/Cases");
                await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "case-list.png"), FullPage = true });
                await officer.GoBackAsync();
            }

            // A tax partner sees no case link and is turned away from both the staff and the portal pages.
            var partner = await SignInAsync(partnerEmail);
            await Assertions.Expect(partner.GetByTestId("nav-cases")).ToHaveCountAsync(0);
            await Assertions.Expect(partner.GetByTestId("nav-portal-cases")).ToHaveCountAsync(0);
            var caseId = portalUrl[(portalUrl.LastIndexOf('/') + 1)..];
            foreach (var path in new[] { "/Cases", $"/Cases/{caseId}", "/Cases/Visits", "/Cases/Figures", "/Portal/Cases", $"/Portal/Cases/{caseId}" })
            {
                await partner.GotoAsync(path);
                Assert.Contains("/Account/AccessDenied", partner.Url, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(subject, await partner.ContentAsync(), StringComparison.Ordinal);
            }
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            for (var i = 0; i < pages.Count; i++)
            {
                var file = Path.Combine(dir, $"cases-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{i}.png");
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                output.WriteLine($"Screenshot: {file} ({pages[i].Url})");
            }

            output.WriteLine("Host log:");
            output.WriteLine(host.Log);
            throw;
        }
    }

    /// <summary>
    /// Invites the accounts through the API (as the admin would), then gives them the admin's password hash and binds the
    /// enterprise user to the first enterprise in the database (self-registration's approval does that in production).
    /// </summary>
    private static async Task PrepareAccountsAsync(HostProcess host, params (string Email, string Role)[] accounts)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await http.PostAsJsonAsync("api/auth/login", new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (email, role) in accounts)
        {
            var invited = await http.PostAsJsonAsync("api/identity/users/invite", new { email, roles = new[] { role } });
            Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());
        }

        await using var db = new SqliteConnection($"Data Source={host.DatabasePath}");
        await db.OpenAsync();
        foreach (var (email, role) in accounts)
        {
            await using var cmd = db.CreateCommand();
            cmd.CommandText = """
                UPDATE AspNetUsers SET EmailConfirmed = 1,
                  PasswordHash = (SELECT PasswordHash FROM AspNetUsers WHERE NormalizedEmail = upper($admin)),
                  EnterpriseId = CASE WHEN $role = 'EnterpriseUser' THEN (SELECT Id FROM Enterprises WHERE IsDeleted = 0 ORDER BY Id LIMIT 1) ELSE NULL END
                WHERE NormalizedEmail = upper($email)
                """;
            cmd.Parameters.AddWithValue("$admin", HostProcess.AdminEmail);
            cmd.Parameters.AddWithValue("$role", role);
            cmd.Parameters.AddWithValue("$email", email);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
    }
}
