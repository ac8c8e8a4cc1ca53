using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>Recurring schedules in Asia/Ho_Chi_Minh, pause / resume / cancel, and one run per occurrence across nodes.</summary>
public sealed class ScheduleTests
{
    // The harness clock starts at 20/11/2026 02:00 UTC = 09:00 in Hanoi.
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static async Task<CampaignDto> CreateAsync(OutreachHarness h, string name, string? cron, DateTime? start = null, DateTime? end = null,
        DateTime? once = null, CampaignPurpose purpose = CampaignPurpose.Service)
    {
        var template = await h.CreateTemplateAsync(purpose, "Mẫu " + name);
        return await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().CreateCampaignAsync(new CreateCampaignDto
        {
            Name = name,
            Purpose = purpose,
            TemplateId = template.Id,
            Cron = cron,
            RecurrenceStartLocal = start,
            RecurrenceEndLocal = end,
            ScheduledAtLocal = once,
        }));
    }

    private static Task<CampaignDto> Do(OutreachHarness h, Func<ICampaignAppService, Task<CampaignDto>> action) =>
        h.InScopeAsync(sp => action(sp.GetRequiredService<ICampaignAppService>()));

    [Fact]
    public async Task A_daily_cron_runs_once_per_occurrence_in_Vietnam_time_even_with_two_nodes_and_snapshots_each_time()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(3);
        // Every day at 09:00 Hanoi (02:00 UTC), from 21/11 00:00 to 22/11 23:59 local: two occurrences.
        var campaign = await CreateAsync(h, "Nhắc hằng ngày", "0 9 * * *", new DateTime(2026, 11, 21, 0, 0, 0), new DateTime(2026, 11, 22, 23, 59, 0));
        Assert.Equal(CampaignStatus.Scheduled, campaign.Status);
        Assert.Equal(Utc(21, 2), campaign.ScheduledAt);
        Assert.Equal("21/11/2026 09:00", campaign.ScheduledAtLocal);
        Assert.Equal("0 9 * * *", campaign.Cron);

        h.Clock.SetUtcNow(Utc(21, 1, 59));
        Assert.Equal(0, (await h.DispatchAsync()).RunsStarted);

        h.Clock.SetUtcNow(Utc(21, 2, 0));
        var first = await Task.WhenAll(h.DispatchAsync(), h.DispatchAsync(), h.DispatchAsync());
        Assert.Equal(1, first.Sum(d => d.RunsStarted));
        Assert.Equal(3, first.Sum(d => d.Sent));
        var after = await Do(h, s => s.GetCampaignAsync(campaign.Id));
        Assert.Equal(CampaignStatus.Scheduled, after.Status);
        Assert.Equal(Utc(22, 2), after.ScheduledAt);

        // The audience is read again at each occurrence.
        h.Directory.Add(4);
        h.Clock.SetUtcNow(Utc(22, 2, 30));
        var second = await Task.WhenAll(h.DispatchAsync(), h.DispatchAsync());
        Assert.Equal(1, second.Sum(d => d.RunsStarted));
        Assert.Equal(4, second.Sum(d => d.Sent));
        await h.DispatchAsync();

        var runs = await h.QueryAsync(db => db.CampaignRuns.Where(r => r.CampaignId == campaign.Id).OrderBy(r => r.OccurrenceKey));
        Assert.Equal(["cron:2026-11-21T02:00:00Z", "cron:2026-11-22T02:00:00Z"], runs.Select(r => r.OccurrenceKey));
        Assert.Equal([3, 4], runs.Select(r => r.RecipientCount));
        var done = await Do(h, s => s.GetCampaignAsync(campaign.Id));
        Assert.Null(done.ScheduledAt);
        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal(7, h.EmlFiles().Length);

        h.Clock.SetUtcNow(Utc(23, 2, 0));
        Assert.Equal(0, (await h.DispatchAsync()).RunsStarted);
    }

    [Fact]
    public async Task Occurrences_missed_while_no_node_ran_start_once_then_the_schedule_moves_past_now()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(1);
        var campaign = await CreateAsync(h, "Mỗi giờ", "0 * * * *", null, new DateTime(2026, 11, 30, 0, 0, 0));
        Assert.Equal(Utc(20, 3), campaign.ScheduledAt);

        h.Clock.SetUtcNow(Utc(20, 7, 10)); // four occurrences passed
        Assert.Equal(1, (await h.DispatchAsync()).RunsStarted);
        Assert.Equal(Utc(20, 8), (await Do(h, s => s.GetCampaignAsync(campaign.Id))).ScheduledAt);
        Assert.Equal(0, (await h.DispatchAsync()).RunsStarted);
    }

    [Theory]
    [InlineData("not a cron", "cron")]
    [InlineData("0 9 1 1 *", "cron")] // 1 January never falls between the start and the end
    [InlineData("0 9 * * *", "recurrenceEndLocal", true)]
    public async Task Bad_schedules_answer_field_errors_and_store_nothing(string cron, string field, bool endInPast = false)
    {
        using var h = new OutreachHarness();
        var end = endInPast ? new DateTime(2026, 11, 19, 9, 0, 0) : new DateTime(2026, 12, 20, 9, 0, 0);
        var ex = await Assert.ThrowsAsync<InputValidationException>(() => CreateAsync(h, "Sai lịch", cron, new DateTime(2026, 11, 21, 0, 0, 0), end));

        Assert.Contains(field, ex.Errors.Keys);
        Assert.Empty(await h.QueryAsync(db => db.Campaigns));
    }

    [Fact]
    public async Task A_cron_without_an_end_or_with_a_one_off_time_is_refused()
    {
        using var h = new OutreachHarness();
        var noEnd = await Assert.ThrowsAsync<InputValidationException>(() => CreateAsync(h, "Không hết", "0 9 * * *"));
        var both = await Assert.ThrowsAsync<InputValidationException>(() =>
            CreateAsync(h, "Cả hai", "0 9 * * *", null, new DateTime(2026, 12, 1, 0, 0, 0), new DateTime(2026, 11, 25, 9, 0, 0)));
        var past = await Assert.ThrowsAsync<InputValidationException>(() => CreateAsync(h, "Quá khứ", null, once: new DateTime(2026, 11, 20, 8, 0, 0)));

        Assert.Contains("recurrenceEndLocal", noEnd.Errors.Keys);
        Assert.Contains("scheduledAtLocal", both.Errors.Keys);
        Assert.Contains("scheduledAtLocal", past.Errors.Keys);
    }

    [Fact]
    public async Task A_paused_campaign_does_not_start_and_resumes_later()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(2);
        var campaign = await CreateAsync(h, "Tạm dừng", null, once: new DateTime(2026, 11, 20, 10, 0, 0));

        var paused = await Do(h, s => s.PauseAsync(campaign.Id));
        h.Clock.SetUtcNow(Utc(20, 3, 5));
        var whilePaused = await h.DispatchAsync();
        var again = await Assert.ThrowsAsync<ConflictException>(() => Do(h, s => s.PauseAsync(campaign.Id)));
        var resumed = await Do(h, s => s.ResumeAsync(campaign.Id));
        var afterResume = await h.DispatchAsync();

        Assert.Equal(CampaignStatus.Paused, paused.Status);
        Assert.Equal(0, whilePaused.RunsStarted);
        Assert.Equal(OutreachErrorCodes.CampaignStatusConflict, again.Code);
        Assert.Equal(CampaignStatus.Scheduled, resumed.Status);
        Assert.Equal((1, 2), (afterResume.RunsStarted, afterResume.Sent));
    }

    [Fact]
    public async Task Pausing_a_sending_run_holds_its_messages_and_cancelling_skips_them()
    {
        using var h = new OutreachHarness(new() { ["Outreach:Dispatcher:BatchSize"] = "2", ["Outreach:Dispatcher:MaxBatchesPerRun"] = "1" });
        h.Directory.AddMany(6);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Dừng giữa chừng");
        await h.SendAsync(campaign.Id);
        Assert.Equal(2, (await h.DispatchAsync()).Sent);

        await Do(h, s => s.PauseAsync(campaign.Id));
        Assert.Equal(0, (await h.DispatchAsync()).Sent);
        var cancelled = await Do(h, s => s.CancelAsync(campaign.Id));
        var afterCancel = await h.DispatchAsync();
        var resume = await Assert.ThrowsAsync<ConflictException>(() => Do(h, s => s.ResumeAsync(campaign.Id)));
        var cancelAgain = await Assert.ThrowsAsync<ConflictException>(() => Do(h, s => s.CancelAsync(campaign.Id)));

        Assert.Equal(CampaignStatus.Cancelled, cancelled.Status);
        Assert.Equal(new OutreachCountsDto(6, 0, 0, 2, 0, 4, 0), cancelled.Counts);
        Assert.Equal(0, afterCancel.Sent);
        Assert.Equal(2, h.EmlFiles().Length);
        Assert.Equal(OutreachErrorCodes.CampaignStatusConflict, resume.Code);
        Assert.Equal(OutreachErrorCodes.CampaignStatusConflict, cancelAgain.Code);
        Assert.Equal(CampaignStatus.Cancelled, (await Do(h, s => s.GetCampaignAsync(campaign.Id))).Status);
    }

    [Fact]
    public async Task A_draft_cannot_be_paused_and_a_completed_campaign_cannot_be_cancelled()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(1);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Nháp");

        var pause = await Assert.ThrowsAsync<ConflictException>(() => Do(h, s => s.PauseAsync(campaign.Id)));
        await h.SendAsync(campaign.Id);
        await h.DispatchAsync();
        var cancel = await Assert.ThrowsAsync<ConflictException>(() => Do(h, s => s.CancelAsync(campaign.Id)));
        var unknown = await Assert.ThrowsAsync<EntityNotFoundException>(() => Do(h, s => s.PauseAsync(Guid.CreateVersion7())));

        Assert.Equal(OutreachErrorCodes.CampaignStatusConflict, pause.Code);
        Assert.Equal(OutreachErrorCodes.CampaignStatusConflict, cancel.Code);
        Assert.Equal(CampaignStatus.Completed, (await Do(h, s => s.GetCampaignAsync(campaign.Id))).Status);
        Assert.NotNull(unknown);
    }

    [Fact]
    public async Task A_manual_send_of_a_recurring_campaign_is_a_run_of_its_own_and_the_schedule_goes_on()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(2);
        var campaign = await CreateAsync(h, "Định kỳ", "30 8 * * MON", null, new DateTime(2026, 12, 31, 0, 0, 0));

        await h.SendAsync(campaign.Id);
        await h.DispatchAsync();
        var runs = await h.QueryAsync(db => db.CampaignRuns);

        Assert.StartsWith("manual:", Assert.Single(runs).OccurrenceKey, StringComparison.Ordinal);
        // Monday 23/11/2026 08:30 Hanoi = 01:30 UTC.
        var after = await Do(h, s => s.GetCampaignAsync(campaign.Id));
        Assert.Equal(Utc(23, 1, 30), after.ScheduledAt);
        Assert.Equal(CampaignStatus.Scheduled, after.Status);
        Assert.NotEqual(CampaignRun.OnceKey, runs[0].OccurrenceKey);
    }
}
