using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>Recurring schedules, pause / resume / cancel and figures through the HTTP API.</summary>
public sealed class ScheduleApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    [Fact]
    public async Task A_recurring_campaign_is_scheduled_in_Vietnam_time_and_moves_through_pause_resume_cancel_with_409s()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var template = await (await client.PostAsJsonAsync("/api/outreach/templates", new
        {
            name = "Mẫu định kỳ API",
            purpose = "Service",
            subjectTemplate = "Chào {{ enterprise.name }}",
            htmlTemplate = "<p>Chào {{ recipient.name }}</p>",
            textTemplate = "Chào {{ recipient.name }}",
        }, Json)).Content.ReadFromJsonAsync<EmailTemplateDto>(Json);
        var year = DateTime.UtcNow.Year + 1;
        var created = await client.PostAsJsonAsync("/api/outreach/campaigns", new
        {
            name = "Định kỳ thứ Hai API",
            purpose = "Service",
            templateId = template!.Id,
            cron = "0 9 * * MON",
            recurrenceStartLocal = $"{year}-01-01T00:00:00",
            recurrenceEndLocal = $"{year}-03-31T23:59:00",
        }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = (await created.Content.ReadFromJsonAsync<CampaignDto>(Json))!;
        var firstMonday = Enumerable.Range(1, 7).Select(d => new DateTime(year, 1, d)).First(d => d.DayOfWeek == DayOfWeek.Monday);

        Assert.Equal(CampaignStatus.Scheduled, campaign.Status);
        Assert.Equal(new DateTimeOffset(firstMonday.AddHours(2), TimeSpan.Zero), campaign.ScheduledAt); // 09:00 in Hanoi
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/pause", null)).StatusCode);
        var again = await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/pause", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(OutreachErrorCodes.CampaignStatusConflict, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var resumed = await (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/resume", null)).Content.ReadFromJsonAsync<CampaignDto>(Json);
        Assert.Equal(CampaignStatus.Scheduled, resumed!.Status);
        var cancelled = await (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/cancel", null)).Content.ReadFromJsonAsync<CampaignDto>(Json);
        Assert.Equal(CampaignStatus.Cancelled, cancelled!.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/resume", null)).StatusCode);
        var figures = await client.GetFromJsonAsync<CampaignFiguresDto>($"/api/outreach/campaigns/{campaign.Id}/figures", Json);
        Assert.Empty(figures!.Runs);
        Assert.Equal(0, figures.Total.Recipients);
    }

    [Fact]
    public async Task A_cron_that_never_fires_is_400_and_anonymous_or_unknown_is_refused()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var templates = await client.GetFromJsonAsync<List<EmailTemplateDto>>("/api/outreach/templates", Json);
        var template = templates!.First(t => t.Purpose == CampaignPurpose.Service);
        var year = DateTime.UtcNow.Year + 1;

        var never = await client.PostAsJsonAsync("/api/outreach/campaigns", new
        {
            name = "Không bao giờ",
            purpose = "Service",
            templateId = template.Id,
            cron = "0 9 1 1 *",
            recurrenceStartLocal = $"{year}-02-01T00:00:00",
            recurrenceEndLocal = $"{year}-11-30T00:00:00",
        }, Json);
        var anonymous = await app.CreateAnonymousClient().PostAsync($"/api/outreach/campaigns/{Guid.CreateVersion7()}/pause", null);
        var unknown = await client.GetAsync($"/api/outreach/campaigns/{Guid.CreateVersion7()}/figures");

        Assert.Equal(HttpStatusCode.BadRequest, never.StatusCode);
        Assert.True((await never.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("cron", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
