using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// An officer (the seeded admin) builds a segment with its live count, creates a campaign to it once at a Vietnam time (a past
/// time first: the field error), and sees it listed — through Chromium against the real host.
/// </summary>
public sealed class OutreachBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

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
    public async Task Officer_builds_a_segment_with_a_live_count_then_schedules_a_campaign_to_it_and_sees_it_listed()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}.");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var api = await AdminApiAsync(host.BaseAddress);
        // The oracle: the API's count for the same rule.
        var expected = (await (await api.PostAsJsonAsync("/api/outreach/segments/preview", new { sizes = new[] { "Micro" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32();
        Assert.True(expected > 0);
        var template = (await api.GetFromJsonAsync<JsonElement>("/api/outreach/templates")).EnumerateArray()
            .First(t => t.GetProperty("purpose").ToString() is "Service" or "1");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).Date.AddDays(1);

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

            await page.GetByTestId("nav-outreach").ClickAsync();
            await page.GetByTestId("tab-segments").ClickAsync();
            await page.GetByTestId("segment-count").WaitForAsync(); // the preview of no rule at all, on load
            await page.FillAsync("#Input_Name", "Doanh nghiệp siêu nhỏ (thử)");
            await page.GetByTestId("rule-Sizes-Micro").CheckAsync();
            await Assertions.Expect(page.GetByTestId("segment-count")).ToHaveTextAsync(expected.ToString(CultureInfo.InvariantCulture));
            Assert.True(await page.Locator("[data-testid=segment-sample] tbody tr").CountAsync() is > 0 and <= 20);
            await page.GetByTestId("segment-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("Doanh nghiệp siêu nhỏ (thử)");
            await Assertions.Expect(page.GetByTestId("segment-list")).ToContainTextAsync("Doanh nghiệp siêu nhỏ (thử)");

            await page.GetByTestId("outreach-tabs").GetByRole(AriaRole.Link, new() { Name = "Chiến dịch" }).ClickAsync();
            await page.GetByTestId("campaign-new").ClickAsync();
            await page.FillAsync("#Input_Name", "Mời hội thảo siêu nhỏ (thử)");
            await page.SelectOptionAsync("#Input_Purpose", "Service");
            await page.SelectOptionAsync("#Input_TemplateId", template.GetProperty("id").GetString()!);
            await page.SelectOptionAsync("#Input_SegmentId", new SelectOptionValue { Label = "Doanh nghiệp siêu nhỏ (thử)" });
            await page.GetByTestId("kind-once").CheckAsync();
            await page.FillAsync("#Input_OnceLocal", tomorrow.AddDays(-3).ToString("yyyy-MM-dd'T'09:00", CultureInfo.InvariantCulture));
            await page.GetByTestId("campaign-save").ClickAsync();
            await Assertions.Expect(page.Locator(".invalid-feedback[data-field=scheduledAtLocal]")).ToContainTextAsync("tương lai");

            await page.FillAsync("#Input_OnceLocal", tomorrow.ToString("yyyy-MM-dd'T'09:00", CultureInfo.InvariantCulture));
            var local = tomorrow.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + " 09:00";
            await Assertions.Expect(page.GetByTestId("occurrence")).ToHaveTextAsync(local);
            await page.GetByTestId("campaign-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("campaign-schedule")).ToContainTextAsync(local);
            await Assertions.Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Đã lên lịch");

            await page.GetByTestId("nav-outreach").ClickAsync();
            var row = page.Locator("[data-testid=campaign-row][data-name='Mời hội thảo siêu nhỏ (thử)']");
            await Assertions.Expect(row).ToContainTextAsync("Doanh nghiệp siêu nhỏ (thử)");
            await Assertions.Expect(row).ToContainTextAsync(local);
            await Assertions.Expect(row.GetByTestId("campaign-status")).ToHaveTextAsync("Đã lên lịch");
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"outreach-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Screenshot: {file}");
            output.WriteLine($"URL: {page.Url}");
            output.WriteLine(host.Log);
            throw;
        }
    }
}

/// <summary>The outreach pages' strings exist in Vietnamese and English, none empty, the Vietnamese text NFC.</summary>
public sealed class OutreachResourceTests
{
    [Fact]
    public void Vietnamese_and_English_resources_have_the_same_keys_and_no_empty_value()
    {
        var dir = typeof(OutreachResourceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SmeSupportWebUIDir").Value!;
        var vi = Read(Path.Combine(dir, "Resources", "OutreachResource.resx"));
        var en = Read(Path.Combine(dir, "Resources", "OutreachResource.en.resx"));

        Assert.Empty(vi.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(vi.Keys));
        Assert.DoesNotContain(vi, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(en, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.All(vi, kv => Assert.True(kv.Value.IsNormalized(NormalizationForm.FormC), kv.Key));
        Assert.Equal("Gửi thư", vi["Nav.Outreach"]);

        // Every key the pages use exists.
        var pages = Path.Combine(dir, "Pages", "Outreach");
        var used = Directory.GetFiles(pages, "*.cshtml").SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "O\\[\"([A-Za-z.]+)\"")
            .Select(m => m.Groups[1].Value)).Where(k => !k.EndsWith('.')).Distinct();
        Assert.Empty(used.Except(vi.Keys));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
