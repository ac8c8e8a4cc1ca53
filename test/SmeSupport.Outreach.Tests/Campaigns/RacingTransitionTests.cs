using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>
/// Pause, resume, cancel and schedule edits racing each other: each either succeeds or loses with the module's own 409
/// (CampaignStatusConflict / CampaignScheduleLocked), never the generic concurrency conflict or a database exception.
/// </summary>
public sealed class RacingTransitionTests
{
    private static readonly string[] ModuleCodes = [OutreachErrorCodes.CampaignStatusConflict, OutreachErrorCodes.CampaignScheduleLocked];

    private static async Task<Exception?> Try(OutreachHarness h, Func<ICampaignAppService, Task<CampaignDto>> action)
    {
        try
        {
            await h.InScopeAsync(sp => action(sp.GetRequiredService<ICampaignAppService>()));
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [Fact]
    public async Task The_same_pause_sent_many_times_at_once_pauses_once_and_the_others_succeed_or_hear_the_modules_own_409()
    {
        using var h = new OutreachHarness();
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Tạm dừng song song", new DateTime(2026, 12, 1, 9, 0, 0));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Try(h, s => s.PauseAsync(campaign.Id)))));

        // A caller that loses the race at the database update succeeds (the campaign is already paused); one that reads the
        // campaign after it was paused is refused with the module's own 409. Never the generic concurrency conflict.
        Assert.Contains(results, r => r is null);
        foreach (var error in results.Where(e => e is not null))
        {
            var conflict = Assert.IsType<ConflictException>(error);
            Assert.Equal(OutreachErrorCodes.CampaignStatusConflict, conflict.Code);
        }

        var after = await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().GetCampaignAsync(campaign.Id));
        Assert.Equal(CampaignStatus.Paused, after.Status);
    }

    [Fact]
    public async Task Racing_pause_resume_cancel_and_schedule_edits_lose_only_with_the_modules_own_409()
    {
        using var h = new OutreachHarness();
        for (var round = 0; round < 5; round++)
        {
            var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Đua " + round, new DateTime(2026, 12, 1, 9, 0, 0));
            var actions = new List<Func<ICampaignAppService, Task<CampaignDto>>>
            {
                s => s.PauseAsync(campaign.Id),
                s => s.ResumeAsync(campaign.Id),
                s => s.CancelAsync(campaign.Id),
                s => s.UpdateScheduleAsync(campaign.Id, new CampaignScheduleDto { ScheduledAtLocal = new DateTime(2026, 12, 2, 9, 0, 0) }),
                s => s.UpdateScheduleAsync(campaign.Id, new CampaignScheduleDto { ScheduledAtLocal = new DateTime(2026, 12, 3, 9, 0, 0) }),
                s => s.PauseAsync(campaign.Id),
            };

            var results = await Task.WhenAll(actions.Select(a => Task.Run(() => Try(h, a))));

            foreach (var error in results.Where(e => e is not null))
            {
                var conflict = Assert.IsType<ConflictException>(error);
                Assert.Contains(conflict.Code, ModuleCodes);
            }
        }
    }
}
