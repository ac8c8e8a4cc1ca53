using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// The campaign detail page shows only the actions the campaign's status allows; the Vietnamese pages show no raw enum
/// names ("Pilot", "once", "Micro"); the segment builder has the newer rules (trial past its end without an outcome,
/// registration approved within N days) with a live count equal to the API's — through Chromium against the real host.
/// </summary>
public sealed class OutreachActionsBrowserTests(ITestOutputHelper output)
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

    private static async Task<string> CreateCampaignAsync(HttpClient api, JsonElement template, string name, DateTime? onceLocal)
    {
        var response = await api.PostAsJsonAsync("/api/outreach/campaigns", new
        {
            name,
            purpose = template.GetProperty("purpose"),
            templateId = template.GetProperty("id").GetString(),
            scheduledAtLocal = onceLocal?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<int> CountAsync(HttpClient api, object rules) =>
        (await (await api.PostAsJsonAsync("/api/outreach/segments/preview", rules)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32();

    [Fact]
    public async Task Detail_shows_only_allowed_actions_pages_show_no_raw_enum_names_and_the_builder_saves_the_newer_rules()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}.");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var api = await AdminApiAsync(host.BaseAddress);
        var template = (await api.GetFromJsonAsync<JsonElement>("/api/outreach/templates")).EnumerateArray()
            .First(t => t.GetProperty("purpose").ToString() is "Service" or "1");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).Date.AddDays(1).AddHours(9);
        var paused = await CreateCampaignAsync(api, template, "Tạm dừng (thử)", tomorrow);
        (await api.PostAsync($"/api/outreach/campaigns/{paused}/pause", null)).EnsureSuccessStatusCode();
        var cancelled = await CreateCampaignAsync(api, template, "Đã hủy (thử)", tomorrow);
        (await api.PostAsync($"/api/outreach/campaigns/{cancelled}/cancel", null)).EnsureSuccessStatusCode();
        var sent = await CreateCampaignAsync(api, template, "Gửi một lần (thử)", null);
        (await api.PostAsync($"/api/outreach/campaigns/{sent}/send", null)).EnsureSuccessStatusCode();
        // The oracles of the live counts: the API's preview of the same rules.
        var pastEnd = await CountAsync(api, new { trialPastEndWithoutOutcome = true });
        var approved = await CountAsync(api, new { approvedWithinDays = 30 });

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
            await page.GetByTestId("nav-outreach").WaitForAsync();

            // 1. A paused campaign: Resume, Cancel and Edit, not Pause nor Send; after Resume, Pause and not Resume.
            await page.GotoAsync($"/Outreach/Details/{paused}");
            await Assertions.Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Tạm dừng");
            await Assertions.Expect(page.GetByTestId("action-resume")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("action-cancel")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("edit-schedule")).ToBeVisibleAsync();
            Assert.Equal(0, await page.GetByTestId("action-pause").CountAsync());
            Assert.Equal(0, await page.GetByTestId("action-send").CountAsync());
            await page.GetByTestId("action-resume").ClickAsync();
            await Assertions.Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Đã lên lịch");
            await Assertions.Expect(page.GetByTestId("action-pause")).ToBeVisibleAsync();
            Assert.Equal(0, await page.GetByTestId("action-resume").CountAsync());

            // A cancelled campaign: no action at all.
            await page.GotoAsync($"/Outreach/Details/{cancelled}");
            await Assertions.Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Đã hủy");
            foreach (var id in new[] { "action-pause", "action-resume", "action-send", "action-cancel", "edit-schedule" })
            {
                Assert.Equal(0, await page.GetByTestId(id).CountAsync());
            }

            // 2. A one-off campaign once sent: its run is "Một lần" (not "once"), and it cannot be sent again.
            await page.GotoAsync($"/Outreach/Details/{sent}");
            await Assertions.Expect(page.GetByTestId("run-occurrence").First).ToHaveTextAsync("Một lần");
            Assert.Equal(0, await page.GetByTestId("action-send").CountAsync());
            // The campaign list names the default audience in Vietnamese.
            await page.GotoAsync("/Outreach");
            var row = page.Locator("[data-testid=campaign-row][data-name='Gửi một lần (thử)']");
            await Assertions.Expect(row).ToContainTextAsync("Thí điểm");
            Assert.DoesNotContain("Pilot", await row.InnerTextAsync(), StringComparison.Ordinal);

            // A one-click opt-out from the sent e-mail: the suppression list names its source in Vietnamese, not "one-click".
            var deadline = DateTime.UtcNow.AddSeconds(90);
            string[] emls = [];
            while ((emls = Directory.Exists(host.OutboxPath) ? Directory.GetFiles(host.OutboxPath, "*.eml") : []).Length == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }

            Assert.True(emls.Length > 0, "The sent campaign wrote no e-mail to the file outbox.");
            var mail = await MimeKit.MimeMessage.LoadAsync(emls[0]);
            var link = new Uri(Regex.Match(mail.Headers["List-Unsubscribe"] ?? "", "<(https?://[^>]+)>").Groups[1].Value);
            var optOut = await api.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            Assert.True(optOut.IsSuccessStatusCode, await optOut.Content.ReadAsStringAsync());
            await page.GotoAsync("/Outreach/Suppressions");
            var suppressed = page.GetByTestId("suppression-row").Filter(new() { HasText = mail.To.Mailboxes.First().Address.Trim().ToLowerInvariant() });
            await Assertions.Expect(suppressed.GetByTestId("suppression-source")).ToHaveTextAsync("Nút hủy đăng ký một chạm (RFC 8058)");
            await Assertions.Expect(suppressed.GetByTestId("suppression-reason")).Not.ToHaveTextAsync("unsubscribe");

            // 3. The segment builder: enum labels in Vietnamese, and the two newer rules with the live count.
            await page.GotoAsync("/Outreach/Segments");
            await page.GetByTestId("segment-count").WaitForAsync();
            await Assertions.Expect(page.Locator("label[for='ProgrammeStatuses-Pilot']")).ToHaveTextAsync("Thí điểm");
            await Assertions.Expect(page.Locator("label[for='Sizes-Micro']")).ToHaveTextAsync("Siêu nhỏ");
            var form = await page.GetByTestId("segment-form").InnerTextAsync();
            foreach (var raw in new[] { "Pilot", "Micro", "SingleMemberLlc", "NotRegistered", "Planned" })
            {
                Assert.DoesNotContain(raw, form, StringComparison.Ordinal);
            }

            await page.SelectOptionAsync("#Input_TrialPastEndWithoutOutcome", "yes");
            await Assertions.Expect(page.GetByTestId("segment-count")).ToHaveTextAsync(pastEnd.ToString(CultureInfo.InvariantCulture));
            await page.SelectOptionAsync("#Input_TrialPastEndWithoutOutcome", "");
            await page.FillAsync("#Input_ApprovedWithinDays", "0");
            await Assertions.Expect(page.Locator("[data-testid=segment-error][data-field='rules.approvedWithinDays']"))
                .ToHaveTextAsync("Được duyệt đăng ký trong vòng (ngày): Từ 1 đến 366 ngày.");
            await page.FillAsync("#Input_ApprovedWithinDays", "30");
            await Assertions.Expect(page.GetByTestId("segment-count")).ToHaveTextAsync(approved.ToString(CultureInfo.InvariantCulture));
            await page.FillAsync("#Input_Name", "Chào mừng 30 ngày (thử)");
            await page.GetByTestId("segment-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("Chào mừng 30 ngày (thử)");
            var item = page.GetByTestId("segment-item").Filter(new() { HasText = "Chào mừng 30 ngày (thử)" });
            await Assertions.Expect(item.GetByTestId("segment-rules")).ToHaveTextAsync("Được duyệt đăng ký trong vòng (ngày): 30");

            var saved = (await api.GetFromJsonAsync<JsonElement>("/api/outreach/segments")).EnumerateArray()
                .Single(s => s.GetProperty("name").GetString() == "Chào mừng 30 ngày (thử)");
            Assert.Equal(30, saved.GetProperty("rules").GetProperty("approvedWithinDays").GetInt32());
            Assert.True(saved.GetProperty("rules").TryGetProperty("trialPastEndWithoutOutcome", out var past) is false || past.ValueKind == JsonValueKind.Null);
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"outreach-actions-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Screenshot: {file}");
            output.WriteLine($"URL: {page.Url}");
            output.WriteLine(host.Log);
            throw;
        }
    }
}

/// <summary>The segment builder has an input for every rule <c>SegmentRulesDto</c> declares (so a new rule kind is not forgotten).</summary>
public sealed class OutreachSegmentBuilderCoverageTests
{
    [Fact]
    public void Every_rule_of_SegmentRulesDto_has_an_input_on_the_segment_builder()
    {
        var ui = typeof(OutreachSegmentBuilderCoverageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SmeSupportWebUIDir").Value!;
        var contracts = File.ReadAllText(Path.Combine(ui, "..", "..", "src", "SmeSupport.Outreach", "Contracts", "SegmentContracts.cs"));
        var start = contracts.IndexOf("public sealed record SegmentRulesDto", StringComparison.Ordinal);
        var body = contracts[start..contracts.IndexOf("\n}", start, StringComparison.Ordinal)];
        var rules = Regex.Matches(body, @"public [^ ]+ (\w+) \{ get; init; \}").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("TrialPastEndWithoutOutcome", rules);
        Assert.Contains("ApprovedWithinDays", rules);
        Assert.Equal(14, rules.Count);

        var page = File.ReadAllText(Path.Combine(ui, "Pages", "Outreach", "Segments.cshtml"));
        var inputs = Regex.Matches(page, "name=\"Input\\.(?:@name|(\\w+))\"").Select(m => m.Groups[1].Value).Where(v => v.Length > 0)
            .Concat(Regex.Matches(page, "Checks\\(\"[^\"]+\", \"(\\w+)\"").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Empty(rules.Except(inputs));
    }
}
