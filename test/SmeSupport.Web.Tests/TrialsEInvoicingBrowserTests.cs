using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// An officer (the seeded admin) assigns a trial in bulk by tax code, starts it and records a check-in, then reconciles a small
/// tax-office file and accepts its change row by row — through Chromium against the real host.
/// </summary>
public sealed class TrialsEInvoicingBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);

    private static async Task<HttpClient> AdminApiAsync(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Officer_assigns_a_trial_in_bulk_then_reconciles_a_small_tax_office_file()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}.");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var api = await AdminApiAsync(host.BaseAddress);

        // An enterprise without any trial of Base CRM, and one still at NotRegistered for e-invoices.
        var platforms = await api.GetFromJsonAsync<JsonElement>("/api/trials/platforms");
        var platformId = platforms.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Base CRM").GetProperty("id").GetGuid();
        var enterprises = await api.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=200");
        var free = new List<(string TaxCode, string Name)>();
        foreach (var e in enterprises.GetProperty("items").EnumerateArray())
        {
            var trials = await api.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={e.GetProperty("id").GetGuid()}&platformId={platformId}");
            if (trials.GetProperty("totalCount").GetInt32() == 0)
            {
                free.Add((e.GetProperty("taxCode").GetString()!, e.GetProperty("name").GetString()!));
                if (free.Count == 2)
                {
                    break;
                }
            }
        }

        Assert.Equal(2, free.Count);
        var (taxCode, name) = free[0];
        var notRegisteredItems = (await api.GetFromJsonAsync<JsonElement>("/api/einvoicing/adoptions?step=NotRegistered&pageSize=2")).GetProperty("items");
        var notRegistered = notRegisteredItems[0];
        var adoptionEnterprise = notRegistered.GetProperty("enterpriseId").GetGuid();
        var adoptionTaxCode = notRegistered.GetProperty("taxCode").GetString()!;
        var secondTaxCode = notRegisteredItems[1].GetProperty("taxCode").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("input[name='Input.Email']", HostProcess.AdminEmail);
            await page.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await page.GetByTestId("login-submit").ClickAsync();

            // Bulk assignment by tax codes: one planned, one malformed and skipped with its reason.
            await page.GetByTestId("nav-trials").ClickAsync();
            await page.GetByTestId("bulk-assign-link").ClickAsync();
            await page.SelectOptionAsync("#PlatformId", platformId.ToString());

            // The cohort is picked from a list; no cohort and no filter is refused (it would take every enterprise).
            Assert.Equal("SELECT", await page.EvalOnSelectorAsync<string>("#Cohort", "e => e.tagName"));
            Assert.True(await page.Locator("#LegalForm option").CountAsync() > 1);
            await page.GetByTestId("bulk-submit").ClickAsync();
            Assert.StartsWith("Lựa chọn đang trống", (await page.GetByTestId("error-selection").InnerTextAsync()).Trim(), StringComparison.Ordinal);
            Assert.Equal(0, await page.GetByTestId("bulk-summary").CountAsync());

            await page.CheckAsync("#ModeTaxCodes");
            await page.FillAsync("#TaxCodes", $"{taxCode}\n12345");
            await page.GetByTestId("bulk-submit").ClickAsync();
            Assert.Equal("Đã lên kế hoạch 1 đợt dùng thử; bỏ qua 1.", (await page.GetByTestId("bulk-summary").InnerTextAsync()).Trim());
            Assert.Equal("Mã số thuế sai định dạng",
                (await page.Locator("[data-testid=bulk-skipped] tr[data-reason=MalformedTaxCode] td").Nth(1).InnerTextAsync()).Trim());

            // Open the new trial, start it, add a check-in.
            await page.GetByTestId("bulk-created").GetByText(name!).ClickAsync();
            await page.GetByTestId("start").ClickAsync();
            Assert.Equal("Đã bắt đầu đợt dùng thử.", (await page.GetByTestId("status-message").InnerTextAsync()).Trim());
            Assert.Equal("Đang dùng thử", (await page.GetByTestId("trial-status").InnerTextAsync()).Trim());
            await page.SelectOptionAsync("#Satisfaction", "4");
            await page.FillAsync("#Notes", "Cán bộ gọi điện hỏi thăm");
            await page.GetByTestId("checkin-submit").ClickAsync();
            Assert.Equal("Cán bộ gọi điện hỏi thăm", (await page.GetByTestId("checkin-notes").InnerTextAsync()).Trim());

            // Reconcile: one change (the tax office has accepted the registration), one malformed tax code.
            var vn = (DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            var csv = "MST,Trạng thái,Ngày đăng ký,Ngày chấp nhận\r\n"
                      + $"{adoptionTaxCode},Chấp nhận,{vn(Today.AddDays(-20))},{vn(Today.AddDays(-10))}\r\n"
                      + "0100109107,Chấp nhận,,\r\n"
                      + $"{secondTaxCode},Chấp nhận,{vn(Today.AddDays(-20))},{vn(Today.AddDays(-10))}\r\n";
            await page.GetByTestId("nav-einvoicing").ClickAsync();
            await page.GetByTestId("reconcile-link").ClickAsync();
            await page.SetInputFilesAsync("#Upload", new FilePayload
            {
                Name = "thue-thang-11.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(),
            });
            await page.GetByTestId("upload-submit").ClickAsync();
            Assert.Equal("2", (await page.GetByTestId("summary-count-Change").InnerTextAsync()).Trim());
            Assert.Equal("1", (await page.GetByTestId("summary-count-Error").InnerTextAsync()).Trim());
            Assert.Equal("2", await page.GetByTestId("accept-all-box").GetAttributeAsync("data-pending"));
            // The row's message in Vietnamese (the page's language).
            Assert.Contains("Mã số thuế '0100109107' không hợp lệ", await page.Locator("tr[data-outcome=Error]").InnerTextAsync(), StringComparison.Ordinal);

            // Nothing changed yet; accept the row (htmx swaps it).
            var before = await api.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{adoptionEnterprise}");
            Assert.Equal("NotRegistered", before.GetProperty("currentStep").GetString());
            await page.Locator("tr[data-outcome=Change]").First.GetByTestId("accept-row").ClickAsync();
            await page.Locator("tr[data-outcome=Change]").First.GetByTestId("row-accepted").WaitForAsync();
            // The "accept all" count follows (htmx reloads it): one change left.
            await page.Locator("[data-testid=accept-all-box][data-pending='1']").WaitForAsync();
            Assert.Contains("1", await page.GetByTestId("accept-all").InnerTextAsync(), StringComparison.Ordinal);
            var after = await api.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{adoptionEnterprise}");
            Assert.Equal("Accepted", after.GetProperty("currentStep").GetString());
            Assert.All(after.GetProperty("steps").EnumerateArray(), s => Assert.Equal("TaxOfficeFile", s.GetProperty("source").GetString()));

            // The import is kept in the history.
            await page.GotoAsync("/EInvoicing/Reconciliations");
            Assert.Contains("thue-thang-11.csv", await page.GetByTestId("import-table").InnerTextAsync(), StringComparison.Ordinal);

            // Assign a single trial: search the enterprise, errors field by field, then planned.
            var (otherTaxCode, otherName) = free[1];
            await page.GotoAsync("/Trials");
            await page.GetByTestId("assign-link").ClickAsync();
            await page.FillAsync("#Q", otherTaxCode);
            await page.GetByTestId("assign-search-submit").ClickAsync();
            await page.SelectOptionAsync("#EnterpriseId", new SelectOptionValue { Label = $"{otherTaxCode} — {otherName}" });
            await page.SelectOptionAsync("#PlatformId", platformId.ToString());
            await page.FillAsync("#StartDate", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.FillAsync("#EndDate", Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByTestId("assign-submit").ClickAsync();
            Assert.True(await page.GetByTestId("error-endDate").IsVisibleAsync());
            Assert.Equal(0, await page.GetByTestId("error-platformId").CountAsync());
            await page.FillAsync("#EndDate", Today.AddDays(29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByTestId("assign-submit").ClickAsync();
            await page.WaitForURLAsync("**/Trials/Details/**");
            Assert.Contains(otherName, await page.ContentAsync(), StringComparison.Ordinal);

            // Figures: the chart and the table agree with the API.
            var figures = await api.GetFromJsonAsync<JsonElement>("/api/trials/figures");
            var baseCrm = figures.GetProperty("byPlatform").EnumerateArray().Single(r => r.GetProperty("platformName").GetString() == "Base CRM");
            await page.GotoAsync("/Trials");
            await page.GetByTestId("figures-link").ClickAsync();
            Assert.Equal(figures.GetProperty("byPlatform").GetArrayLength(), await page.GetByTestId("figures-bar").CountAsync());
            Assert.Equal(baseCrm.GetProperty("started").GetInt32().ToString(CultureInfo.InvariantCulture),
                (await page.Locator("[data-testid=figures-platforms] tr[data-name='Base CRM'] td[data-col=started]").InnerTextAsync()).Trim());
            Assert.Equal(figures.GetProperty("byCategory").GetArrayLength(), await page.Locator("[data-testid=figures-categories] tbody tr").CountAsync());
            // The category table names its category once ("Nhóm", not "Nhóm | Nhóm"); the platform table has platform then category.
            var categoryHeads = (await page.Locator("[data-testid=figures-categories] thead th").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
            Assert.Equal(["Nhóm", "Đã bắt đầu"], categoryHeads.Take(2));
            Assert.Equal(categoryHeads.Count, categoryHeads.Distinct().Count());
            Assert.Equal(categoryHeads.Count, await page.Locator("[data-testid=figures-categories] tbody tr").First.Locator("td").CountAsync());
            var platformHeads = (await page.Locator("[data-testid=figures-platforms] thead th").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
            Assert.Equal(["Nền tảng", "Nhóm"], platformHeads.Take(2));
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"trials-einv-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Screenshot: {file}");
            output.WriteLine($"URL: {page.Url}");
            output.WriteLine(host.Log);
            throw;
        }
    }
}
