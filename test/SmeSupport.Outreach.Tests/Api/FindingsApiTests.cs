using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>Findings of the new-user walkthrough and the breaker on the Outreach API (issue #6).</summary>
public sealed class FindingsApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    [Fact]
    public async Task A_manual_send_to_a_segment_matching_nobody_is_409_with_a_localized_code_and_the_campaign_stays_a_sendable_draft()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var name = "Không ai " + Guid.NewGuid().ToString("N")[..6];
        // A real ward where no enterprise is registered: the segment is valid and matches nobody.
        var ward = app.Scalar("SELECT w.Code FROM Wards w WHERE NOT EXISTS (SELECT 1 FROM Enterprises e WHERE e.WardCode = w.Code) LIMIT 1");
        var segment = await client.PostAsJsonAsync("/api/outreach/segments", new { name, rules = new { wardCodes = new[] { ward } } }, Json);
        Assert.Equal(HttpStatusCode.Created, segment.StatusCode);
        var segmentId = (await segment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var template = await OutreachApiTests.CreateCampaignAsync(client, CampaignPurpose.Service, "Mẫu cho " + name);
        var created = await client.PostAsJsonAsync("/api/outreach/campaigns",
            new { name, purpose = "Service", templateId = template.TemplateId, segmentId }, Json);
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/outreach/campaigns/{campaignId}/send");
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi");
        var send = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, send.StatusCode);
        var problem = await send.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(OutreachErrorCodes.SegmentMatchesNobody, problem.GetProperty("code").GetString());
        Assert.Equal("Không có ai khớp với nhóm người nhận của chiến dịch vào lúc này; chưa gửi gì và chiến dịch giữ nguyên.",
            problem.GetProperty("detail").GetString());
        var after = (await client.GetFromJsonAsync<CampaignDto>($"/api/outreach/campaigns/{campaignId}", Json))!;
        Assert.Equal(CampaignStatus.Draft, after.Status);
        // The programme statuses do not apply to a segment campaign: none are shown.
        Assert.Empty(after.AudienceStatuses);
        Assert.Equal([SmeSupport.Enterprises.Contracts.ProgrammeStatus.Pilot], template.AudienceStatuses);
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM CampaignRuns WHERE CampaignId = '{campaignId.ToString().ToUpperInvariant()}' OR CampaignId = '{campaignId}'"));
    }

    [Fact]
    public async Task A_rule_list_over_500_values_is_400_on_that_list_and_unknown_values_are_listed_ten_at_most()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);

        var huge = await client.PostAsJsonAsync("/api/outreach/segments/preview", new { wardCodes = Enumerable.Range(-200_000, 200_000).ToArray() }, Json);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        var hugeBody = await huge.Content.ReadAsStringAsync();
        Assert.True(hugeBody.Length < 2_000, $"The answer is {hugeBody.Length} characters long.");
        var hugeErrors = JsonDocument.Parse(hugeBody).RootElement.GetProperty("errors");
        Assert.Equal(["rules.wardCodes"], hugeErrors.EnumerateObject().Select(p => p.Name));

        var cohorts = await client.PostAsJsonAsync("/api/outreach/segments/preview",
            new { cohorts = Enumerable.Range(0, 501).Select(i => "Đợt " + i).ToArray() }, Json);
        Assert.Equal(HttpStatusCode.BadRequest, cohorts.StatusCode);
        Assert.True((await cohorts.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("rules.cohorts", out _));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/outreach/segments/preview")
        {
            Content = JsonContent.Create(new { wardCodes = Enumerable.Range(1, 25).Select(i => -i).ToArray() }, options: Json),
        };
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi");
        var unknown = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var message = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("rules.wardCodes")[0].GetString();
        Assert.Equal("Mã xã/phường không xác định: -25, -24, -23, -22, -21, -20, -19, -18, -17, -16 … và 15 giá trị khác.", message);

        var fine = await client.PostAsJsonAsync("/api/outreach/segments/preview", new { sizes = new[] { "Micro" } }, Json);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task A_browser_opening_a_garbage_unsubscribe_link_gets_a_Vietnamese_HTML_page_and_an_API_client_JSON()
    {
        var anonymous = app.CreateAnonymousClient();
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/api/outreach/unsubscribe?token=garbage");
        browser.Headers.TryAddWithoutValidation("Accept", "text/html");

        var page = await anonymous.SendAsync(browser);
        var api = await anonymous.GetAsync("/api/outreach/unsubscribe?token=garbage");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>Liên kết không hợp lệ</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }
}
