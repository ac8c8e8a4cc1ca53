using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Seeding;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>Segments on the real host: the rules read the Enterprises, Trials, EInvoicing and Cases modules through their contracts.</summary>
public sealed class SegmentApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    private async Task<SegmentPreviewDto> PreviewAsync(HttpClient client, object rules)
    {
        var response = await client.PostAsJsonAsync("/api/outreach/segments/preview", rules, Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SegmentPreviewDto>(Json))!;
    }

    [Fact]
    public async Task The_preview_counts_what_the_other_modules_report_and_rules_partition_the_audience()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var (contacts, sizes) = await app.WithScopeAsync(async sp =>
        {
            var list = new List<ContactRecipientDto>();
            await foreach (var c in sp.GetRequiredService<IEnterpriseContactDirectory>().StreamRecipientsAsync(null))
            {
                list.Add(c);
            }

            var enterprises = await sp.GetRequiredService<IEnterpriseLookup>().ListAsync();
            return (list, enterprises.ToDictionary(e => e.Id, e => e.Size));
        });

        var all = await PreviewAsync(client, new { });
        var micro = await PreviewAsync(client, new { sizes = new[] { EnterpriseSize.Micro } });
        var open = await PreviewAsync(client, new { hasOpenCase = true });
        var notOpen = await PreviewAsync(client, new { hasOpenCase = false });
        var steps = new List<int>();
        foreach (var step in Enum.GetValues<EInvoiceStep>())
        {
            steps.Add((await PreviewAsync(client, new { eInvoiceSteps = new[] { step } })).Count);
        }

        var trialEnding = await PreviewAsync(client, new { trialStatuses = new[] { "Active" }, trialEndsWithinDays = 30 });
        var quiet = await PreviewAsync(client, new { noContactForDays = 30 });

        Assert.Equal(contacts.Count, all.Count);
        Assert.True(all.Count > 20);
        Assert.Equal(contacts.OrderBy(c => c.ContactId).Take(20).Select(c => c.ContactId), all.Sample.Select(s => s.ContactId));
        Assert.Equal(contacts.Count(c => sizes[c.EnterpriseId] == EnterpriseSize.Micro), micro.Count);
        Assert.Equal(all.Count, open.Count + notOpen.Count);
        Assert.Equal(all.Count, steps.Sum());
        Assert.InRange(trialEnding.Count, 0, all.Count);
        Assert.InRange(quiet.Count, 0, all.Count);
    }

    [Fact]
    public async Task Bad_rules_are_400_and_a_segment_matching_nobody_today_is_saved_for_later_runs()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);

        var range = await client.PostAsJsonAsync("/api/outreach/segments/preview", new { trialEndsWithinDays = 1000 }, Json);
        var unknownWard = await client.PostAsJsonAsync("/api/outreach/segments", new { name = "Phường âm", rules = new { wardCodes = new[] { -1 } } }, Json);
        var ward = app.Scalar("SELECT WardCode FROM Enterprises LIMIT 1");
        var nobody = await client.PostAsJsonAsync("/api/outreach/segments", new { name = "Không ai cả", rules = new { hasOpenCase = true, sizes = new[] { "Medium" }, wardCodes = new[] { ward } } }, Json);
        var list = await client.GetFromJsonAsync<List<SegmentDto>>("/api/outreach/segments", Json);

        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        Assert.True((await range.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("rules.trialEndsWithinDays", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknownWard.StatusCode);
        Assert.True((await unknownWard.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("rules.wardCodes", out _));
        Assert.Equal(HttpStatusCode.Created, nobody.StatusCode);
        Assert.Contains(list!, s => s.Name == "Không ai cả");
        Assert.DoesNotContain(list!, s => s.Name == "Phường âm");
    }

    [Fact]
    public async Task The_ready_made_campaigns_are_seeded_as_drafts_with_their_segments()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaigns = await client.GetFromJsonAsync<List<CampaignDto>>("/api/outreach/campaigns", Json);
        var segments = await client.GetFromJsonAsync<List<SegmentDto>>("/api/outreach/segments", Json);

        foreach (var (name, purpose) in new[]
                 {
                     (ReadyMadeCampaignsSeedContributor.TrialEndingName, CampaignPurpose.Service),
                     (ReadyMadeCampaignsSeedContributor.EInvoiceNudgeName, CampaignPurpose.Service),
                     (ReadyMadeCampaignsSeedContributor.TrialPastEndName, CampaignPurpose.Service),
                     (ReadyMadeCampaignsSeedContributor.WelcomeName, CampaignPurpose.Service),
                     (ReadyMadeCampaignsSeedContributor.InvitationName, CampaignPurpose.Advertising),
                 })
        {
            var campaign = Assert.Single(campaigns!, c => c.Name == name);
            Assert.Equal((CampaignStatus.Draft, purpose), (campaign.Status, campaign.Purpose));
            Assert.Null(campaign.ScheduledAt);
            Assert.Contains(segments!, s => s.Id == campaign.SegmentId);
        }

        var trialRules = Assert.Single(segments!, s => s.Name == ReadyMadeCampaignsSeedContributor.TrialEndingName).Rules;
        Assert.Equal(7, trialRules.TrialEndsWithinDays);
        Assert.True(Assert.Single(segments!, s => s.Name == ReadyMadeCampaignsSeedContributor.TrialPastEndName).Rules.TrialPastEndWithoutOutcome);
        Assert.Equal(7, Assert.Single(segments!, s => s.Name == ReadyMadeCampaignsSeedContributor.WelcomeName).Rules.ApprovedWithinDays);
    }

    [Fact]
    public async Task The_past_end_rule_reads_the_real_trials_planned_or_active_after_their_end_date()
    {
        var today = SmeSupport.Timing.VietnamTime.Today(app.Clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var expected = new HashSet<Guid>();
        using (var connection = app.OpenDatabase())
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT DISTINCT EnterpriseId FROM Trials WHERE Status IN (0, 1) AND EndDate < $today AND IsDeleted = 0";
            cmd.Parameters.AddWithValue("$today", today);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                expected.Add(Guid.Parse(reader.GetString(0)));
            }
        }

        var found = await app.WithScopeAsync(sp => sp.GetRequiredService<SmeSupport.Trials.Contracts.ITrialSegmentQuery>().FindEnterpriseIdsWithTrialsPastEndAsync(null));
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var withOverdue = await PreviewAsync(client, new { trialPastEndWithoutOutcome = true });
        var without = await PreviewAsync(client, new { trialPastEndWithoutOutcome = false });
        var all = await PreviewAsync(client, new { });

        Assert.Equal(expected.Order(), found.Order());
        Assert.Equal(all.Count, withOverdue.Count + without.Count);
        Assert.All(withOverdue.Sample, s => Assert.Contains(s.EnterpriseId, expected));
        Assert.All(without.Sample, s => Assert.DoesNotContain(s.EnterpriseId, expected));
    }
}
