using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>Faults a breaker found on the Outreach API: offsets in local schedule fields, far-future schedules.</summary>
public sealed class BreakerFixApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();

    [Theory]
    [InlineData("2026-12-01T09:00:00+02:00")]
    [InlineData("2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T09:00:00+07:00")]
    public async Task A_local_schedule_with_an_offset_or_Z_is_400_on_the_field_and_nothing_is_stored(string value)
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await OutreachApiTests.CreateCampaignAsync(client, CampaignPurpose.Service, "Lịch có offset " + value);
        var before = app.Scalar("SELECT COUNT(*) FROM Campaigns");

        var created = await client.PostAsync("/api/outreach/campaigns",
            Raw($$"""{"name":"Offset","purpose":"Service","templateId":"{{campaign.TemplateId}}","scheduledAtLocal":"{{value}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(["scheduledAtLocal"], await ErrorFieldsAsync(created));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Campaigns"));

        var put = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw($$"""{"scheduledAtLocal":"{{value}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(["scheduledAtLocal"], await ErrorFieldsAsync(put));

        var recurring = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule",
            Raw($$"""{"cron":"0 9 * * *","recurrenceStartLocal":"{{value}}","recurrenceEndLocal":"{{value.Replace("2026-12-01", "2027-06-01")}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, recurring.StatusCode);
        Assert.Equal(["recurrenceEndLocal", "recurrenceStartLocal"], await ErrorFieldsAsync(recurring));

        var after = (await client.GetFromJsonAsync<CampaignDto>($"/api/outreach/campaigns/{campaign.Id}", Json))!;
        Assert.Null(after.ScheduledAt);
        Assert.Equal(CampaignStatus.Draft, after.Status);
    }

    [Fact]
    public async Task A_plain_local_schedule_is_read_as_Vietnam_time_and_one_after_2100_is_400()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await OutreachApiTests.CreateCampaignAsync(client, CampaignPurpose.Service, "Lịch xa");

        var ok = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw("""{"scheduledAtLocal":"2027-12-01T09:00:00"}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(new DateTimeOffset(2027, 12, 1, 2, 0, 0, TimeSpan.Zero), (await ok.Content.ReadFromJsonAsync<CampaignDto>(Json))!.ScheduledAt);

        var far = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw("""{"scheduledAtLocal":"9999-12-31T09:00:00"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        Assert.Equal(["scheduledAtLocal"], await ErrorFieldsAsync(far));
        var justAfter = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw("""{"scheduledAtLocal":"2101-01-01T00:00:00"}"""));
        Assert.Equal(["scheduledAtLocal"], await ErrorFieldsAsync(justAfter));
        var lastDay = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw("""{"scheduledAtLocal":"2100-12-31T09:00:00"}"""));
        Assert.Equal(HttpStatusCode.OK, lastDay.StatusCode);

        var preview = await client.PostAsync("/api/outreach/campaigns/schedule-preview?count=3",
            Raw("""{"cron":"0 9 * * *","recurrenceStartLocal":"9999-01-01T00:00:00","recurrenceEndLocal":"9999-12-31T00:00:00"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.Equal(["recurrenceEndLocal", "recurrenceStartLocal"], await ErrorFieldsAsync(preview));
    }
}
