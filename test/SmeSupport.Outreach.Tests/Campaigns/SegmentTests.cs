using Microsoft.Extensions.DependencyInjection;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>Segment rules: every rule narrows, the preview counts and samples, a campaign to a segment snapshots who matches at the run.</summary>
public sealed class SegmentTests
{
    private static Task<SegmentPreviewDto> Preview(OutreachHarness h, SegmentRulesDto rules) =>
        h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>().PreviewAsync(rules));

    private static (OutreachHarness H, List<ContactRecipientDto> Contacts) Setup()
    {
        var h = new OutreachHarness();
        h.Directory.AddMany(30);
        var contacts = h.Directory.Contacts.OrderBy(c => c.ContactId).ToList();
        h.Segments.AllEnterprises = () => h.Directory.Contacts.Select(c => c.EnterpriseId).Distinct();
        for (var i = 0; i < contacts.Count; i++)
        {
            var e = contacts[i].EnterpriseId;
            h.Segments.Sizes[e] = i % 3 == 0 ? EnterpriseSize.Micro : EnterpriseSize.Small;
            if (i < 10)
            {
                h.Segments.Trials[e] = (i < 5 ? TrialStatus.Active : TrialStatus.Completed, i);
            }

            if (i % 2 == 0)
            {
                h.Segments.Steps[e] = i % 4 == 0 ? EInvoiceStep.FirstInvoiceIssued : EInvoiceStep.NotRegistered;
            }

            if (i is 1 or 3)
            {
                h.Segments.OpenCases.Add(e);
            }

            if (i < 15)
            {
                h.Segments.LastContact[e] = h.Clock.GetUtcNow().AddDays(-i * 10);
            }
        }

        return (h, contacts);
    }

    [Fact]
    public async Task Each_rule_narrows_and_the_preview_counts_and_samples_the_first_20()
    {
        var (h, contacts) = Setup();
        using var _ = h;
        int Expect(Func<int, bool> pick) => Enumerable.Range(0, contacts.Count).Count(pick);

        var all = await Preview(h, new SegmentRulesDto());
        var micro = await Preview(h, new SegmentRulesDto { Sizes = [EnterpriseSize.Micro] });
        var activeEnding = await Preview(h, new SegmentRulesDto { TrialStatuses = [TrialStatus.Active], TrialEndsWithinDays = 3 });
        var notIssuing = await Preview(h, new SegmentRulesDto { EInvoiceSteps = [EInvoiceStep.NotRegistered] });
        var openCase = await Preview(h, new SegmentRulesDto { HasOpenCase = true });
        var noOpenCase = await Preview(h, new SegmentRulesDto { HasOpenCase = false });
        var quiet = await Preview(h, new SegmentRulesDto { NoContactForDays = 60 });
        var microNotIssuingQuiet = await Preview(h, new SegmentRulesDto
        {
            Sizes = [EnterpriseSize.Micro], EInvoiceSteps = [EInvoiceStep.NotRegistered], NoContactForDays = 60,
        });

        Assert.Equal(30, all.Count);
        Assert.Equal(contacts.Take(20).Select(c => c.ContactId), all.Sample.Select(s => s.ContactId));
        Assert.Equal(Expect(i => i % 3 == 0), micro.Count);
        Assert.Equal(4, activeEnding.Count); // trials 0..4 are Active and end in i days; 0..3 within 3 days
        Assert.Equal(Expect(i => i % 4 != 0), notIssuing.Count); // no record, or a record at NotRegistered
        Assert.Equal(2, openCase.Count);
        Assert.Equal(28, noOpenCase.Count);
        Assert.Equal(Expect(i => i >= 6), quiet.Count); // contacted 0..140 days ago for i < 15; never for the rest
        Assert.Equal(Expect(i => i % 3 == 0 && i % 4 != 0 && i >= 6), microNotIssuingQuiet.Count);
        Assert.Equal(microNotIssuingQuiet.Count, microNotIssuingQuiet.Enterprises);
    }

    [Fact]
    public async Task Rules_out_of_range_are_400_and_nothing_is_stored_but_a_segment_matching_nobody_today_is_kept()
    {
        var (h, _) = Setup();
        using var _h = h;
        var service = (ISegmentAppService s) => s;

        var range = await Assert.ThrowsAsync<InputValidationException>(() => Preview(h, new SegmentRulesDto { TrialEndsWithinDays = -1, NoContactForDays = 0, IndustrySections = ["ZZ"] }));
        Assert.Empty(await h.QueryAsync(db => db.Segments));
        var nobody = await h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>()
            .CreateAsync(new CreateSegmentDto { Name = "Không ai", Rules = new SegmentRulesDto { HasOpenCase = true, Sizes = [EnterpriseSize.Medium] } }));

        Assert.Equal(["rules.industrySections", "rules.noContactForDays", "rules.trialEndsWithinDays"], range.Errors.Keys.Order());
        Assert.Equal("Không ai", Assert.Single(await h.QueryAsync(db => db.Segments)).Name);
        Assert.Equal(0, (await Preview(h, nobody.Rules)).Count);
        Assert.NotNull(service);
    }

    [Fact]
    public async Task A_campaign_to_a_segment_snapshots_who_matches_when_the_run_starts()
    {
        var (h, contacts) = Setup();
        using var _ = h;
        var segment = await h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>()
            .CreateAsync(new CreateSegmentDto { Name = "Có vụ việc mở", Rules = new SegmentRulesDto { HasOpenCase = true } }));
        var template = await h.CreateTemplateAsync(CampaignPurpose.Service, "Mẫu vụ việc");
        var campaign = await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().CreateCampaignAsync(new CreateCampaignDto
        {
            Name = "Hỏi thăm vụ việc", Purpose = CampaignPurpose.Service, TemplateId = template.Id, SegmentId = segment.Id,
        }));
        // A third enterprise opens a case after the segment was saved: the run sees it.
        h.Segments.OpenCases.Add(contacts[7].EnterpriseId);

        var accepted = await h.SendAsync(campaign.Id);
        var rows = await h.QueryAsync(db => db.OutboxMessages);

        Assert.Equal(segment.Id, campaign.SegmentId);
        Assert.Equal(3, accepted.Recipients);
        Assert.Equal(new[] { contacts[1], contacts[3], contacts[7] }.Select(c => c.ContactId).Order(), rows.Select(r => r.ContactId).Order());
        var dup = await Assert.ThrowsAsync<ConflictException>(() => h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>()
            .CreateAsync(new CreateSegmentDto { Name = "Có vụ việc mở", Rules = new SegmentRulesDto() })));
        Assert.Equal(OutreachErrorCodes.DuplicateSegmentName, dup.Code);
    }
}
