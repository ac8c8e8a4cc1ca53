using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Data;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Outreach.Seeding;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>
/// The ready-made campaigns (issue #6 item 9): seeded once each as drafts with a Vietnamese and an English template, and
/// each seeded segment, read back from the database, selects exactly the enterprises it is meant for on a small hand-made
/// data set (one contact per enterprise; the other modules' facts held by the fakes).
/// </summary>
public sealed class ReadyMadeCampaignTests
{
    private static async Task SeedAsync(OutreachHarness h) => await h.InScopeAsync(async sp =>
    {
        await new ReadyMadeCampaignsSeedContributor(sp.GetRequiredService<OutreachDb>()).SeedAsync(new DataSeedContext(), CancellationToken.None);
        return 0;
    });

    private static readonly string[] Names =
    [
        ReadyMadeCampaignsSeedContributor.TrialEndingName, ReadyMadeCampaignsSeedContributor.TrialPastEndName,
        ReadyMadeCampaignsSeedContributor.EInvoiceNudgeName, ReadyMadeCampaignsSeedContributor.WelcomeName,
        ReadyMadeCampaignsSeedContributor.InvitationName,
    ];

    [Fact]
    public async Task Seeding_twice_creates_each_campaign_template_and_segment_once_as_drafts_with_both_languages()
    {
        using var h = new OutreachHarness();
        await SeedAsync(h);
        await SeedAsync(h);

        var campaigns = await h.QueryAsync(db => db.Campaigns.AsNoTracking());
        var templates = await h.QueryAsync(db => db.EmailTemplates.AsNoTracking());
        var segments = await h.QueryAsync(db => db.Segments.AsNoTracking());

        Assert.Equal(Names.Order(), campaigns.Select(c => c.Name).Order());
        Assert.Equal(Names.Order(), templates.Select(t => t.Name).Order());
        Assert.Equal(Names.Order(), segments.Select(s => s.Name).Order());
        Assert.All(campaigns, c => Assert.Equal(CampaignStatus.Draft, c.Status));
        Assert.All(templates, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.SubjectTemplate));
            Assert.False(string.IsNullOrWhiteSpace(t.SubjectTemplateEn));
            Assert.StartsWith("<p>Kính gửi", t.HtmlTemplate, StringComparison.Ordinal);
            Assert.StartsWith("<p>Dear", t.HtmlTemplateEn, StringComparison.Ordinal);
            Assert.StartsWith("Dear", t.TextTemplateEn, StringComparison.Ordinal);
        });
        Assert.Equal(
            [CampaignPurpose.Service, CampaignPurpose.Service, CampaignPurpose.Service, CampaignPurpose.Service, CampaignPurpose.Advertising],
            Names.Select(n => campaigns.Single(c => c.Name == n).Purpose));
        Assert.All(campaigns, c => Assert.Equal(c.Purpose, templates.Single(t => t.Id == c.TemplateId).Purpose));
    }

    [Fact]
    public async Task Each_ready_made_segment_selects_the_right_enterprises_of_a_hand_made_data_set()
    {
        using var h = new OutreachHarness();
        h.Segments.Clock = h.Clock;
        h.Directory.ProgrammeStatuses = h.Segments.ProgrammeStatuses;
        var e = new Dictionary<int, Guid>();
        for (var i = 1; i <= 12; i++)
        {
            e[i] = h.Directory.Add(i).EnterpriseId;
        }

        h.Segments.AllEnterprises = () => e.Values;
        foreach (var i in new[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            h.Segments.ProgrammeStatuses[e[i]] = ProgrammeStatus.Pilot;
        }

        h.Segments.ProgrammeStatuses[e[12]] = ProgrammeStatus.Withdrawn; // e9, e10, e11: Prospects (not listed)

        h.Segments.Trials[e[1]] = (TrialStatus.Active, 5); // ends in 5 days: trial ending
        h.Segments.Trials[e[2]] = (TrialStatus.Active, 10); // ends in 10 days: not yet
        h.Segments.Trials[e[3]] = (TrialStatus.Active, -3); // ended 3 days ago, no outcome: past end
        h.Segments.Trials[e[4]] = (TrialStatus.Completed, -3); // ended with an outcome: neither
        h.Segments.Trials[e[5]] = (TrialStatus.Planned, -1); // never started, end passed: past end

        foreach (var i in new[] { 1, 2, 3, 4, 5, 7 })
        {
            h.Segments.Steps[e[i]] = EInvoiceStep.FirstInvoiceIssued;
        }

        h.Segments.Steps[e[8]] = EInvoiceStep.Accepted; // e6: no record (NotRegistered); e9: a Prospect without a record

        h.Segments.ApprovedAt[e[10]] = h.Clock.GetUtcNow().AddDays(-2);
        h.Segments.ApprovedAt[e[11]] = h.Clock.GetUtcNow().AddDays(-10);

        await SeedAsync(h);
        var segments = await h.QueryAsync(db => db.Segments.AsNoTracking());

        async Task<int[]> Selected(string name)
        {
            var rules = JsonSerializer.Deserialize<SegmentRulesDto>(segments.Single(s => s.Name == name).RulesJson, SegmentEvaluator.Json)!;
            var preview = await h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>().PreviewAsync(rules));
            Assert.Equal(preview.Count, preview.Sample.Count);
            return preview.Sample.Select(s => e.Single(kv => kv.Value == s.EnterpriseId).Key).Order().ToArray();
        }

        Assert.Equal(new[] { 1 }, await Selected(ReadyMadeCampaignsSeedContributor.TrialEndingName));
        Assert.Equal(new[] { 3, 5 }, await Selected(ReadyMadeCampaignsSeedContributor.TrialPastEndName));
        Assert.Equal(new[] { 6, 8 }, await Selected(ReadyMadeCampaignsSeedContributor.EInvoiceNudgeName));
        Assert.Equal(new[] { 10 }, await Selected(ReadyMadeCampaignsSeedContributor.WelcomeName));
        Assert.Equal(new[] { 9, 10, 11 }, await Selected(ReadyMadeCampaignsSeedContributor.InvitationName));
    }

    [Fact]
    public void The_new_rules_are_range_checked_field_by_field()
    {
        var errors = SegmentEvaluator.Check(new SegmentRulesDto { ApprovedWithinDays = 0 });
        var fine = SegmentEvaluator.Check(new SegmentRulesDto { ApprovedWithinDays = 366, TrialPastEndWithoutOutcome = false });

        Assert.True(errors.Has("rules.approvedWithinDays"));
        Assert.True(fine.IsEmpty);
    }
}
