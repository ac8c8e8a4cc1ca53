using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>Editing a campaign's schedule, its preview of occurrences, and segment rules naming unknown reference data.</summary>
public sealed class ScheduleEditTests
{
    // The harness clock starts at 20/11/2026 02:00 UTC = 09:00 in Hanoi.
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static Task<T> Do<T>(OutreachHarness h, Func<ICampaignAppService, Task<T>> action) =>
        h.InScopeAsync(sp => action(sp.GetRequiredService<ICampaignAppService>()));

    [Fact]
    public async Task A_draft_is_scheduled_once_then_made_recurring_then_manual_again_and_a_paused_one_stays_paused()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(2);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Lịch sửa được");
        Assert.Equal(CampaignStatus.Draft, campaign.Status);

        var once = await Do(h, s => s.UpdateScheduleAsync(campaign.Id, new CampaignScheduleDto { ScheduledAtLocal = new DateTime(2026, 11, 21, 9, 0, 0) }));
        Assert.Equal((CampaignStatus.Scheduled, Utc(21, 2), "21/11/2026 09:00", (string?)null), (once.Status, once.ScheduledAt, once.ScheduledAtLocal, once.Cron));

        var daily = new CampaignScheduleDto
        {
            Cron = "30 8 * * *",
            RecurrenceStartLocal = new DateTime(2026, 11, 22, 0, 0, 0),
            RecurrenceEndLocal = new DateTime(2026, 11, 24, 23, 59, 0),
        };
        var preview = await Do(h, s => s.PreviewScheduleAsync(daily, 5));
        Assert.Equal(["22/11/2026 08:30", "23/11/2026 08:30", "24/11/2026 08:30"], preview.OccurrencesLocal);
        Assert.Equal([Utc(22, 1, 30), Utc(23, 1, 30), Utc(24, 1, 30)], preview.Occurrences);
        var recurring = await Do(h, s => s.UpdateScheduleAsync(campaign.Id, daily));
        Assert.Equal((CampaignStatus.Scheduled, Utc(22, 1, 30), "30 8 * * *"), (recurring.Status, recurring.ScheduledAt, recurring.Cron));
        Assert.Equal(Utc(24, 16, 59), recurring.RecurrenceEndsAt);

        await Do(h, s => s.PauseAsync(campaign.Id));
        var paused = await Do(h, s => s.UpdateScheduleAsync(campaign.Id, new CampaignScheduleDto { ScheduledAtLocal = new DateTime(2026, 11, 25, 14, 0, 0) }));
        Assert.Equal((CampaignStatus.Paused, Utc(25, 7), (string?)null, (DateTimeOffset?)null), (paused.Status, paused.ScheduledAt, paused.Cron, paused.RecurrenceEndsAt));
        var resumed = await Do(h, s => s.ResumeAsync(campaign.Id));
        Assert.Equal(CampaignStatus.Scheduled, resumed.Status);

        var manual = await Do(h, s => s.UpdateScheduleAsync(campaign.Id, new CampaignScheduleDto()));
        Assert.Equal((CampaignStatus.Draft, (DateTimeOffset?)null), (manual.Status, manual.ScheduledAt));
        h.Clock.SetUtcNow(Utc(25, 8));
        Assert.Equal(0, (await h.DispatchAsync()).RunsStarted);
    }

    [Fact]
    public async Task Bad_schedules_are_400_field_by_field_and_change_nothing()
    {
        using var h = new OutreachHarness();
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Lịch sai", new DateTime(2026, 11, 21, 9, 0, 0));

        async Task<string[]> Fields(CampaignScheduleDto input) =>
            (await Assert.ThrowsAsync<InputValidationException>(() => Do(h, s => s.UpdateScheduleAsync(campaign.Id, input)))).Errors.Keys.Order().ToArray();

        Assert.Equal(["scheduledAtLocal"], await Fields(new CampaignScheduleDto { ScheduledAtLocal = new DateTime(2026, 11, 20, 8, 59, 0) }));
        Assert.Equal(["cron"], await Fields(new CampaignScheduleDto { Cron = "0 9 30 2 *", RecurrenceEndLocal = new DateTime(2027, 12, 31, 0, 0, 0) }));
        Assert.Equal(["cron"], await Fields(new CampaignScheduleDto { Cron = "every day", RecurrenceEndLocal = new DateTime(2027, 1, 1, 0, 0, 0) }));
        Assert.Equal(["recurrenceEndLocal"], await Fields(new CampaignScheduleDto
        {
            Cron = "0 9 * * *", RecurrenceStartLocal = new DateTime(2026, 12, 10, 0, 0, 0), RecurrenceEndLocal = new DateTime(2026, 12, 1, 0, 0, 0),
        }));
        Assert.Equal(["recurrenceEndLocal"], await Fields(new CampaignScheduleDto { Cron = "0 9 * * *" }));
        Assert.Equal(["cron"], await Fields(new CampaignScheduleDto { RecurrenceEndLocal = new DateTime(2026, 12, 1, 0, 0, 0) }));
        Assert.Equal(["scheduledAtLocal"], await Fields(new CampaignScheduleDto
        {
            Cron = "0 9 * * *", ScheduledAtLocal = new DateTime(2026, 11, 25, 9, 0, 0), RecurrenceEndLocal = new DateTime(2026, 12, 1, 0, 0, 0),
        }));
        await Assert.ThrowsAsync<InputValidationException>(() => Do(h, s => s.PreviewScheduleAsync(new CampaignScheduleDto { Cron = "0 9 30 2 *", RecurrenceEndLocal = new DateTime(2027, 1, 1) })));

        var unchanged = await Do(h, s => s.GetCampaignAsync(campaign.Id));
        Assert.Equal((CampaignStatus.Scheduled, Utc(21, 2), (string?)null), (unchanged.Status, unchanged.ScheduledAt, unchanged.Cron));
    }

    [Fact]
    public async Task Sent_completed_cancelled_or_unknown_campaigns_cannot_be_rescheduled()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(1);
        var next = new CampaignScheduleDto { ScheduledAtLocal = new DateTime(2026, 12, 1, 9, 0, 0) };

        var sent = await h.CreateCampaignAsync(CampaignPurpose.Service, "Đã gửi");
        await h.SendAsync(sent.Id);
        var afterSend = await Assert.ThrowsAsync<ConflictException>(() => Do(h, s => s.UpdateScheduleAsync(sent.Id, next)));
        Assert.Equal(OutreachErrorCodes.CampaignScheduleLocked, afterSend.Code);
        await h.DispatchAsync();
        Assert.Equal(CampaignStatus.Completed, (await Do(h, s => s.GetCampaignAsync(sent.Id))).Status);
        Assert.Equal(OutreachErrorCodes.CampaignScheduleLocked,
            (await Assert.ThrowsAsync<ConflictException>(() => Do(h, s => s.UpdateScheduleAsync(sent.Id, next)))).Code);

        var cancelled = await h.CreateCampaignAsync(CampaignPurpose.Service, "Đã hủy");
        await Do(h, s => s.CancelAsync(cancelled.Id));
        Assert.Equal(OutreachErrorCodes.CampaignScheduleLocked,
            (await Assert.ThrowsAsync<ConflictException>(() => Do(h, s => s.UpdateScheduleAsync(cancelled.Id, next)))).Code);
        Assert.Null((await Do(h, s => s.GetCampaignAsync(cancelled.Id))).ScheduledAt);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => Do(h, s => s.UpdateScheduleAsync(Guid.NewGuid(), next)));
        h.CurrentUser.Permissions.Remove(OutreachPermissions.Manage);
        await Assert.ThrowsAsync<ForbiddenException>(() => Do(h, s => s.UpdateScheduleAsync(cancelled.Id, next)));
    }

    [Fact]
    public async Task Segment_rules_naming_unknown_wards_cohorts_platforms_or_values_are_400_per_field_and_nothing_is_saved()
    {
        using var h = new OutreachHarness();
        h.Segments.WardCodes.UnionWith([7900, 8050]);
        h.Segments.Cohorts.Add(new EnterpriseCohortDto(Guid.NewGuid(), "Đợt 1 - 2025"));
        var platform = Guid.NewGuid();
        h.Segments.Platforms.Add(platform);

        Task<SegmentDto> Save(string name, SegmentRulesDto rules) =>
            h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>().CreateAsync(new CreateSegmentDto { Name = name, Rules = rules }));

        var bad = await Assert.ThrowsAsync<InputValidationException>(() => Save("Sai", new SegmentRulesDto
        {
            WardCodes = [7900, 99999],
            Cohorts = ["Đợt 9 - 2030"],
            TrialPlatformId = Guid.NewGuid(),
            LegalForms = [(LegalForm)99],
            Sizes = [(EnterpriseSize)42],
            IndustrySections = ["V"],
            TrialStatuses = [(SmeSupport.Trials.Contracts.TrialStatus)77],
        }));
        Assert.Equal(["rules.cohorts", "rules.industrySections", "rules.legalForms", "rules.sizes", "rules.trialPlatformId", "rules.trialStatuses", "rules.wardCodes"],
            bad.Errors.Keys.Order());
        Assert.Contains("99999", bad.Errors["rules.wardCodes"][0], StringComparison.Ordinal);
        Assert.DoesNotContain("7900", bad.Errors["rules.wardCodes"][0], StringComparison.Ordinal);
        Assert.Contains("Đợt 9 - 2030", bad.Errors["rules.cohorts"][0], StringComparison.Ordinal);
        Assert.Empty(await h.QueryAsync(db => db.Segments));
        await Assert.ThrowsAsync<InputValidationException>(() =>
            h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>().PreviewAsync(new SegmentRulesDto { WardCodes = [1] })));

        var good = await Save("Đúng", new SegmentRulesDto { WardCodes = [7900, 8050], Cohorts = ["đợt 1 - 2025"], TrialPlatformId = platform, IndustrySections = ["c"] });
        Assert.Equal([7900, 8050], good.Rules.WardCodes);
        Assert.Equal("Đúng", Assert.Single(await h.QueryAsync(db => db.Segments)).Name);
    }
}
