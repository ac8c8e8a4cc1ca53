using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>
/// A send that would address nobody: a manual send is refused with the module's own 409 and leaves the campaign sendable; a
/// scheduled occurrence that finds nobody is recorded with 0 recipients and keeps the schedule.
/// </summary>
public sealed class EmptyAudienceTests
{
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static Task<CampaignDto> Get(OutreachHarness h, Guid id) =>
        h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().GetCampaignAsync(id));

    private static async Task<CampaignDto> SegmentCampaignAsync(OutreachHarness h, string name, SegmentRulesDto rules, string? cron = null,
        DateTime? start = null, DateTime? end = null)
    {
        var segment = await h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>()
            .CreateAsync(new CreateSegmentDto { Name = name, Rules = rules }));
        var template = await h.CreateTemplateAsync(CampaignPurpose.Service, "Mẫu " + name);
        return await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().CreateCampaignAsync(new CreateCampaignDto
        {
            Name = name, Purpose = CampaignPurpose.Service, TemplateId = template.Id, SegmentId = segment.Id,
            Cron = cron, RecurrenceStartLocal = start, RecurrenceEndLocal = end,
        }));
    }

    [Fact]
    public async Task A_manual_send_to_a_segment_matching_nobody_is_409_SegmentMatchesNobody_and_the_campaign_stays_sendable()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(4);
        var contacts = h.Directory.Contacts.ToList();
        h.Segments.AllEnterprises = () => h.Directory.Contacts.Select(c => c.EnterpriseId).Distinct();
        var campaign = await SegmentCampaignAsync(h, "Có vụ việc mở", new SegmentRulesDto { HasOpenCase = true });

        var refused = await Assert.ThrowsAsync<ConflictException>(() => h.SendAsync(campaign.Id));

        Assert.Equal(OutreachErrorCodes.SegmentMatchesNobody, refused.Code);
        Assert.Equal(CampaignStatus.Draft, (await Get(h, campaign.Id)).Status);
        Assert.Empty(await h.QueryAsync(db => db.CampaignRuns));
        Assert.Empty(await h.QueryAsync(db => db.OutboxMessages));
        Assert.Equal(0, h.Trigger.Count);

        // Someone matches later: the same campaign is sent then.
        h.Segments.OpenCases.Add(contacts[2].EnterpriseId);
        var accepted = await h.SendAsync(campaign.Id);
        Assert.Equal(1, accepted.Recipients);
        Assert.Single(await h.QueryAsync(db => db.CampaignRuns));
    }

    [Fact]
    public async Task A_manual_send_whose_matching_contacts_all_lack_consent_is_409_NoEligibleRecipients_and_stores_nothing()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(3, service: false);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Không ai đồng ý");

        var refused = await Assert.ThrowsAsync<ConflictException>(() => h.SendAsync(campaign.Id));

        Assert.Equal(OutreachErrorCodes.NoEligibleRecipients, refused.Code);
        Assert.Equal(CampaignStatus.Draft, (await Get(h, campaign.Id)).Status);
        Assert.Empty(await h.QueryAsync(db => db.CampaignRuns));
        Assert.Empty(await h.QueryAsync(db => db.OutboxMessages));
    }

    [Fact]
    public async Task A_recurring_occurrence_that_finds_nobody_is_recorded_with_0_recipients_and_the_campaign_stays_scheduled()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(3);
        h.Segments.AllEnterprises = () => h.Directory.Contacts.Select(c => c.EnterpriseId).Distinct();
        var campaign = await SegmentCampaignAsync(h, "Nhắc vụ việc hằng ngày", new SegmentRulesDto { HasOpenCase = true }, "0 9 * * *",
            new DateTime(2026, 11, 21, 0, 0, 0), new DateTime(2026, 11, 23, 23, 59, 0));

        h.Clock.SetUtcNow(Utc(21, 2, 0));
        var summary = await h.DispatchAsync();

        Assert.Equal(1, summary.RunsStarted);
        var run = Assert.Single(await h.QueryAsync(db => db.CampaignRuns));
        Assert.Equal(0, run.RecipientCount);
        var after = await Get(h, campaign.Id);
        Assert.Equal(CampaignStatus.Scheduled, after.Status);
        Assert.Equal(Utc(22, 2), after.ScheduledAt);
    }
}
