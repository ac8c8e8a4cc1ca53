using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using MimeKit;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// Reports shared with the tax office, in Chromium against the real host: the admin invites a TaxPartner user of the provincial tax
/// office from the partners page (the set-password link comes from the file outbox); an officer shares a report with two columns;
/// the partner signs in, sees only that report and only those columns, and exports it to XLSX; after the officer revokes the share the
/// partner's next request answers 404; staff pages turn the partner away.
/// </summary>
public sealed partial class PartnerReportsBrowserTests(ITestOutputHelper output)
{
    private const string Password = "Thue#2026-PhuTho";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    [Fact]
    public async Task Admin_invites_a_partner_officer_shares_two_columns_partner_sees_and_exports_only_them_until_revoked()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}.");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var officerEmail = $"canbo-{suffix}@smesupport.test";
        var partnerEmail = $"thue-{suffix}@thue.example.vn";
        await PrepareOfficerAsync(host, officerEmail);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
        var pages = new List<IPage>();
        async Task<IPage> NewPageAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), AcceptDownloads = true });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(20_000);
            pages.Add(page);
            return page;
        }

        async Task<IPage> SignInAsync(string email, string password)
        {
            var page = await NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("input[name='Input.Email']", email);
            await page.FillAsync("input[name='Input.Password']", password);
            await page.GetByTestId("login-submit").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            return page;
        }

        try
        {
            // 1. The admin invites a user of the provincial tax office (seeded as THUE-TINH) from the partners page.
            var admin = await SignInAsync(HostProcess.AdminEmail, HostProcess.AdminPassword);
            await admin.GotoAsync("/Reports/Partners");
            var taxOffice = admin.GetByTestId("partner-org").Filter(new LocatorFilterOptions { HasText = "THUE-TINH" });
            await taxOffice.Locator("input[name='email']").FillAsync(partnerEmail);
            await taxOffice.Locator("input[name='fullName']").FillAsync("Lê Thị Thuế");
            await taxOffice.Locator("button[type='submit']").ClickAsync();
            await Assertions.Expect(admin.GetByTestId("partner-org").Filter(new LocatorFilterOptions { HasText = "THUE-TINH" }))
                .ToContainTextAsync(partnerEmail);

            // 2. The invitee sets a password through the link in the e-mail.
            var link = await LinkAsync(host.OutboxPath, partnerEmail, "/Account/SetPassword");
            var invitee = await NewPageAsync();
            await invitee.GotoAsync(new Uri(host.BaseAddress, new Uri(link).PathAndQuery).ToString());
            await invitee.FillAsync("input[name='Input.Password']", Password);
            await invitee.FillAsync("input[name='Input.ConfirmPassword']", Password);
            await invitee.GetByTestId("set-password-submit").ClickAsync();
            await invitee.WaitForURLAsync(url => !url.Contains("/Account/SetPassword", StringComparison.OrdinalIgnoreCase));

            // 3. An officer shares "e-invoice adoption by size" with the tax office: only the size and the issuing count.
            var officer = await SignInAsync(officerEmail, HostProcess.AdminPassword);
            await officer.GotoAsync("/Reports/View/einvoice-by-size");
            var form = officer.GetByTestId("share-form");
            await form.Locator("#share-partner").SelectOptionAsync(new SelectOptionValue { Label = "Thuế tỉnh (Cơ quan thuế cấp tỉnh) (THUE-TINH)" });
            foreach (var box in await form.Locator("input[name='columns']").AllAsync())
            {
                var key = await box.GetAttributeAsync("value");
                if (key is "group" or "issuing")
                {
                    await box.CheckAsync();
                }
                else
                {
                    await box.UncheckAsync();
                }
            }

            await form.Locator("button[type='submit']").ClickAsync();
            await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

            // 4. The partner sees that one report, with those two columns only, and exports it.
            var partner = await SignInAsync(partnerEmail, Password);
            await partner.GotoAsync("/Partner");
            var links = partner.GetByTestId("partner-shares").Locator("a");
            await Assertions.Expect(links).ToHaveCountAsync(1);
            Assert.Equal("Áp dụng hóa đơn điện tử theo quy mô", (await links.InnerTextAsync()).Trim());
            await links.ClickAsync();
            var headers = await partner.GetByTestId("report-table").Locator("th").AllInnerTextsAsync();
            Assert.Equal(["Quy mô", "Đang xuất hóa đơn"], headers.Select(h => h.Trim()).ToArray());
            Assert.Contains("Siêu nhỏ", await partner.GetByTestId("report-table").InnerTextAsync(), StringComparison.Ordinal);
            var viewUrl = partner.Url;

            var download = await partner.RunAndWaitForDownloadAsync(() => partner.GetByTestId("export-xlsx").ClickAsync());
            var file = Path.Combine(Path.GetTempPath(), $"partner-{suffix}.xlsx");
            await download.SaveAsAsync(file);
            var sheetText = ReadSheetText(file);
            Assert.Contains("Quy mô", sheetText, StringComparison.Ordinal);
            Assert.Contains("Đang xuất hóa đơn", sheetText, StringComparison.Ordinal);
            Assert.Contains("Siêu nhỏ", sheetText, StringComparison.Ordinal);
            Assert.DoesNotContain("Số doanh nghiệp", sheetText, StringComparison.Ordinal);
            Assert.DoesNotContain("Micro", sheetText, StringComparison.Ordinal);
            File.Delete(file);

            // 5. The officer revokes the share; the partner's next request answers 404 (page and export alike).
            await officer.GotoAsync("/Reports");
            var row = officer.GetByTestId("share-list").Locator("tr").Filter(new LocatorFilterOptions { HasText = "Thuế tỉnh (Cơ quan thuế cấp tỉnh)" })
                .Filter(new LocatorFilterOptions { Has = officer.Locator("button") });
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await row.Locator("button").ClickAsync();
            await Assertions.Expect(officer.GetByTestId("share-list").Locator("tr").Filter(new LocatorFilterOptions { HasText = "Thuế tỉnh (Cơ quan thuế cấp tỉnh)" })
                .Locator("button")).ToHaveCountAsync(0);
            var again = await partner.GotoAsync(viewUrl);
            Assert.Equal(404, again!.Status);
            var export = await partner.APIRequest.GetAsync(viewUrl.Replace("/Partner/View/", "/api/partner/reports/", StringComparison.Ordinal) + "/export.xlsx");
            Assert.Equal(404, export.Status);
            await partner.GotoAsync("/Partner");
            await Assertions.Expect(partner.GetByTestId("partner-shares").Locator("a")).ToHaveCountAsync(0);

            // 6. Staff pages turn the partner away.
            foreach (var path in new[] { "/Reports", "/Reports/View/einvoice-by-size", "/Reports/AccessLog", "/Enterprises" })
            {
                await partner.GotoAsync(path);
                Assert.Contains("/Account/AccessDenied", partner.Url, StringComparison.OrdinalIgnoreCase);
            }

            // The admin's access log shows the partner's view, export, and the refused request after the revocation.
            await admin.GotoAsync("/Reports/AccessLog?outcome=Denied");
            await Assertions.Expect(admin.GetByTestId("access-log").Locator("tr[data-outcome='Denied'] td[data-reason='Revoked']"))
                .Not.ToHaveCountAsync(0);
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            for (var i = 0; i < pages.Count; i++)
            {
                var shot = Path.Combine(dir, $"partner-reports-{i}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
                output.WriteLine($"Screenshot: {shot} ({pages[i].Url})");
            }

            output.WriteLine(host.Log);
            throw;
        }
    }

    /// <summary>The text of the workbook's shared strings and first sheet.</summary>
    private static string ReadSheetText(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var text = "";
        foreach (var entry in zip.Entries.Where(e => e.FullName is "xl/sharedStrings.xml" || e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text += reader.ReadToEnd();
        }

        return text;
    }

    private static async Task<string> LinkAsync(string outbox, string to, string pathPart)
    {
        for (var i = 0; i < 300; i++)
        {
            if (Directory.Exists(outbox))
            {
                foreach (var file in Directory.GetFiles(outbox, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))
                        && LinkRegex().Matches(message.TextBody ?? message.HtmlBody ?? "").Select(m => m.Value)
                            .FirstOrDefault(l => l.Contains(pathPart, StringComparison.Ordinal)) is { } link)
                    {
                        return System.Net.WebUtility.HtmlDecode(link);
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No e-mail to {to} with a link to {pathPart}.");
    }

    /// <summary>An Officer account with the admin's password (invited through the API, confirmed in the database).</summary>
    private static async Task PrepareOfficerAsync(HostProcess host, string email)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await http.PostAsJsonAsync("api/auth/login", new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var invited = await http.PostAsJsonAsync("api/identity/users/invite", new { email, roles = new[] { "Officer" } });
        Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());
        await using var db = new SqliteConnection($"Data Source={host.DatabasePath}");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "UPDATE AspNetUsers SET EmailConfirmed = 1, PasswordHash = (SELECT PasswordHash FROM AspNetUsers WHERE NormalizedEmail = upper($admin)) WHERE NormalizedEmail = upper($email)";
        cmd.Parameters.AddWithValue("$admin", HostProcess.AdminEmail);
        cmd.Parameters.AddWithValue("$email", email);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkRegex();
}
