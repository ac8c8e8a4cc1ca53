using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>PUT …/schedule, segment reference checks and audited system consent withdrawals on the real host.</summary>
public sealed class ScheduleEditApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    [Fact]
    public async Task The_schedule_is_replaced_with_400_field_errors_and_409_when_locked()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await OutreachApiTests.CreateCampaignAsync(client, CampaignPurpose.Service, "Lịch chỉnh qua API");
        var local = VietnamLocal(app.Clock.GetUtcNow()).Date.AddDays(3).AddHours(9);

        var ok = await client.PutAsJsonAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", new { scheduledAtLocal = local }, Json);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var scheduled = (await ok.Content.ReadFromJsonAsync<CampaignDto>(Json))!;
        Assert.Equal(CampaignStatus.Scheduled, scheduled.Status);
        Assert.Equal(new DateTimeOffset(local.AddHours(-7), TimeSpan.Zero), scheduled.ScheduledAt);

        var bad = await client.PutAsJsonAsync($"/api/outreach/campaigns/{campaign.Id}/schedule",
            new { cron = "0 9 30 2 *", recurrenceEndLocal = local.AddYears(2) }, Json);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["cron"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var past = await client.PutAsJsonAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", new { scheduledAtLocal = local.AddDays(-10) }, Json);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("scheduledAtLocal", out _));
        var backwards = await client.PutAsJsonAsync($"/api/outreach/campaigns/{campaign.Id}/schedule",
            new { cron = "0 9 * * *", recurrenceStartLocal = local.AddDays(5), recurrenceEndLocal = local.AddDays(4) }, Json);
        Assert.True((await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("recurrenceEndLocal", out _));
        Assert.Equal(scheduled.ScheduledAt, (await client.GetFromJsonAsync<CampaignDto>($"/api/outreach/campaigns/{campaign.Id}", Json))!.ScheduledAt);

        var preview = await client.PostAsJsonAsync("/api/outreach/campaigns/schedule-preview?count=3",
            new { cron = "0 9 * * *", recurrenceStartLocal = local.Date.AddDays(1), recurrenceEndLocal = local.Date.AddDays(30) }, Json);
        var occurrences = (await preview.Content.ReadFromJsonAsync<SchedulePreviewDto>(Json))!;
        Assert.Equal(3, occurrences.OccurrencesLocal.Count);
        Assert.Equal(local.Date.AddDays(1).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) + " 09:00", occurrences.OccurrencesLocal[0]);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/cancel", null)).StatusCode);
        var locked = await client.PutAsJsonAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", new { scheduledAtLocal = local }, Json);
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Equal(OutreachErrorCodes.CampaignScheduleLocked, (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.PutAsJsonAsync($"/api/outreach/campaigns/{Guid.NewGuid()}/schedule", new { scheduledAtLocal = local }, Json)).StatusCode);
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await partner.PutAsJsonAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", new { scheduledAtLocal = local }, Json)).StatusCode);
    }

    [Fact]
    public async Task A_segment_with_an_unknown_ward_cohort_or_platform_is_400_field_by_field_on_the_real_reference_data()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var before = app.Scalar("SELECT COUNT(*) FROM OutreachSegments");
        var response = await client.PostAsJsonAsync("/api/outreach/segments", new
        {
            name = "Phường không có",
            rules = new { wardCodes = new[] { 99999 }, cohorts = new[] { "Đợt không tồn tại" }, trialPlatformId = Guid.NewGuid() },
        }, Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["rules.cohorts", "rules.trialPlatformId", "rules.wardCodes"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM OutreachSegments"));

        // A real ward of the seeded enterprises passes.
        var ward = app.Scalar("SELECT WardCode FROM Enterprises LIMIT 1");
        var preview = await client.PostAsJsonAsync("/api/outreach/segments/preview", new { wardCodes = new[] { ward } }, Json);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.True((await preview.Content.ReadFromJsonAsync<SegmentPreviewDto>(Json))!.Count > 0);
    }

    [Fact]
    public async Task A_consent_withdrawn_by_the_system_is_audited_with_old_and_new_values_and_the_system_actor_once()
    {
        var contact = await app.WithScopeAsync(async sp =>
        {
            await foreach (var c in sp.GetRequiredService<IEnterpriseContactDirectory>().StreamRecipientsAsync(null))
            {
                if (c.AdvertisingConsent)
                {
                    return c;
                }
            }

            throw new InvalidOperationException("The seed has no contact with advertising consent.");
        });
        var id = contact.ContactId.ToString();

        var first = await app.WithScopeAsync(sp => sp.GetRequiredService<IContactConsentWriter>()
            .WithdrawAsync(contact.ContactId, ConsentPurpose.Advertising, ConsentChannels.Email, "system:sendgrid-webhook"));
        var second = await app.WithScopeAsync(sp => sp.GetRequiredService<IContactConsentWriter>()
            .WithdrawAsync(contact.ContactId, ConsentPurpose.Advertising, ConsentChannels.Email, "system:sendgrid-webhook"));

        Assert.True(first);
        Assert.False(second);
        var entries = await app.WithScopeAsync(sp => sp.GetRequiredService<DbContext>().Set<AuditLogEntry>().AsNoTracking()
            .Where(a => a.EntityType == "Contact" && a.EntityId == id && a.UserName == "system:sendgrid-webhook").ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(("Updated", (Guid?)null), (entry.Action, entry.UserId));
        using var changes = JsonDocument.Parse(entry.Changes);
        var via = changes.RootElement.GetProperty("Consents[Advertising].WithdrawnVia");
        Assert.Equal(JsonValueKind.Null, via.GetProperty("old").ValueKind);
        Assert.Equal(ConsentChannels.Email, via.GetProperty("new").GetString());
        Assert.Equal(JsonValueKind.Null, changes.RootElement.GetProperty("Consents[Advertising].WithdrawnAt").GetProperty("old").ValueKind);
        Assert.False(await app.WithScopeAsync(async sp =>
        {
            await foreach (var c in sp.GetRequiredService<IEnterpriseContactDirectory>().StreamRecipientsAsync(null))
            {
                if (c.ContactId == contact.ContactId)
                {
                    return c.AdvertisingConsent;
                }
            }

            return true;
        }));

        // The timeline shows it as a change of the contact by the system.
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var timeline = await client.GetStringAsync($"/api/enterprises/{contact.EnterpriseId}/timeline");
        Assert.Contains("system:sendgrid-webhook", timeline, StringComparison.Ordinal);
    }

    private static DateTime VietnamLocal(DateTimeOffset utc) => DateTime.SpecifyKind(utc.UtcDateTime.AddHours(7), DateTimeKind.Unspecified);
}
