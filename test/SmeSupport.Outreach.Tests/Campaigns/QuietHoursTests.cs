using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>Outreach:QuietHours: affected messages wait (not dropped), go after the window's end, and are counted.</summary>
public sealed class QuietHoursTests
{
    private static readonly Dictionary<string, string?> AdvertisingNights = new()
    {
        ["Outreach:QuietHours:Start"] = "21:00",
        ["Outreach:QuietHours:End"] = "07:00",
        ["Outreach:QuietHours:Purposes:0"] = "Advertising",
    };

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static Task<CampaignFiguresDto> FiguresAsync(OutreachHarness h, Guid id) =>
        h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().GetFiguresAsync(id));

    [Fact]
    public async Task Advertising_due_at_night_waits_across_midnight_and_goes_at_07_00_while_service_messages_go_at_once()
    {
        using var h = new OutreachHarness(AdvertisingNights);
        h.Directory.AddMany(3);
        h.Clock.SetUtcNow(Utc(20, 14, 30)); // 21:30 in Hanoi
        var ad = await h.CreateCampaignAsync(CampaignPurpose.Advertising, "Quảng cáo buổi tối");
        var service = await h.CreateCampaignAsync(CampaignPurpose.Service, "Nhắc dịch vụ buổi tối");
        await h.SendAsync(ad.Id);
        await h.SendAsync(service.Id);

        var night = await h.DispatchAsync();
        Assert.Equal(3, night.Sent);
        Assert.Equal(3, night.HeldForQuietHours);
        var waiting = (await FiguresAsync(h, ad.Id)).Total;
        Assert.Equal((3, 0, 3, 3), (waiting.Recipients, waiting.Sent, waiting.Pending, waiting.WaitingForQuietHours));
        Assert.Equal(0, (await FiguresAsync(h, service.Id)).Total.WaitingForQuietHours);
        var rows = await h.QueryAsync(db => db.OutboxMessages.Where(m => m.CampaignId == ad.Id));
        Assert.All(rows, r => Assert.Equal(Utc(21, 0), r.NextAttemptAt)); // 07:00 on 21/11 in Hanoi
        Assert.All(rows, r => Assert.Equal(0, r.Attempts));

        // After midnight (00:30 and 06:59 local): still quiet; a campaign sent now waits until 07:00 of the same day.
        h.Clock.SetUtcNow(Utc(20, 17, 30));
        var late = await h.CreateCampaignAsync(CampaignPurpose.Advertising, "Quảng cáo sau nửa đêm");
        await h.SendAsync(late.Id);
        var afterMidnight = await h.DispatchAsync();
        Assert.Equal((0, 3), (afterMidnight.Sent, afterMidnight.HeldForQuietHours));
        h.Clock.SetUtcNow(Utc(20, 23, 59));
        Assert.Equal(0, (await h.DispatchAsync()).Sent);
        Assert.Equal(3, (await FiguresAsync(h, late.Id)).Total.WaitingForQuietHours);
        Assert.Equal(3, h.EmlFiles().Length);

        // 07:00 in Hanoi: the window is over; both advertising runs go (3 + 3, each address twice: 2 ≤ 3 per 24 hours).
        h.Clock.SetUtcNow(Utc(21, 0, 0));
        var morning = await h.DispatchAsync();
        Assert.Equal((0, 6), (morning.HeldForQuietHours, morning.Sent));
        var done = (await FiguresAsync(h, ad.Id)).Total;
        Assert.Equal((3, 0, 0), (done.Sent, done.Pending, done.WaitingForQuietHours));
        Assert.Equal(3, (await FiguresAsync(h, late.Id)).Total.Sent);
        Assert.Equal(9, h.EmlFiles().Length);
        var sent = await h.QueryAsync(db => db.OutboxMessages.Where(m => m.CampaignId == ad.Id));
        Assert.All(sent, r => Assert.Equal((OutboxMessageStatus.Sent, 1, (string?)null), (r.Status, r.Attempts, r.LastError)));
    }

    [Fact]
    public async Task Without_purposes_there_are_no_quiet_hours_and_both_purposes_can_be_held()
    {
        using (var off = new OutreachHarness())
        {
            off.Directory.AddMany(2);
            off.Clock.SetUtcNow(Utc(20, 16, 0)); // 23:00 in Hanoi
            var ad = await off.CreateCampaignAsync(CampaignPurpose.Advertising, "Không giờ yên lặng");
            await off.SendAsync(ad.Id);
            Assert.Equal(2, (await off.DispatchAsync()).Sent);
        }

        using var both = new OutreachHarness(new Dictionary<string, string?>
        {
            ["Outreach:QuietHours:Start"] = "22:00",
            ["Outreach:QuietHours:End"] = "06:30",
            ["Outreach:QuietHours:Purposes:0"] = "Advertising",
            ["Outreach:QuietHours:Purposes:1"] = "Service",
        });
        both.Directory.AddMany(2);
        both.Clock.SetUtcNow(Utc(20, 16, 0)); // 23:00
        var service = await both.CreateCampaignAsync(CampaignPurpose.Service, "Dịch vụ ban đêm");
        await both.SendAsync(service.Id);
        var held = await both.DispatchAsync();
        Assert.Equal((0, 2), (held.Sent, held.HeldForQuietHours));
        both.Clock.SetUtcNow(Utc(20, 23, 29)); // 06:29
        Assert.Equal(0, (await both.DispatchAsync()).Sent);
        both.Clock.SetUtcNow(Utc(20, 23, 30)); // 06:30
        Assert.Equal(2, (await both.DispatchAsync()).Sent);
    }

    [Theory]
    [InlineData("21:00", "07:00", 20, 14, 0, "2026-11-21T00:00:00Z")] // 21:00 local: the window opens (inclusive)
    [InlineData("21:00", "07:00", 20, 13, 59, null)] // 20:59 local
    [InlineData("21:00", "07:00", 20, 17, 0, "2026-11-21T00:00:00Z")] // 00:00 local on the 21st: past midnight, same window
    [InlineData("21:00", "07:00", 20, 23, 0, "2026-11-21T00:00:00Z")] // 06:00 local on the 21st
    [InlineData("21:00", "07:00", 21, 0, 0, null)] // 07:00 local: the window has closed (exclusive)
    [InlineData("12:00", "13:30", 20, 5, 15, "2026-11-20T06:30:00Z")] // a window inside one day: 12:15 local → 13:30 local
    [InlineData("12:00", "13:30", 20, 6, 30, null)]
    public void The_window_is_local_time_start_inclusive_end_exclusive_and_may_cross_midnight(string start, string end, int day, int hour,
        int minute, string? until)
    {
        var options = new OutreachQuietHoursOptions { Start = start, End = end, Purposes = [CampaignPurpose.Advertising] };
        Assert.Equal(until is null ? null : DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture),
            options.QuietUntil(Utc(day, hour, minute)));
        Assert.Null(new OutreachQuietHoursOptions { Start = start, End = end }.QuietUntil(Utc(day, hour, minute)));
    }

    [Theory]
    [InlineData("25:00", "07:00", "Outreach:QuietHours:Start")]
    [InlineData("21:00", "7h", "Outreach:QuietHours:End")]
    [InlineData("21:00", "21:00", "Outreach:QuietHours:Start and Outreach:QuietHours:End must differ")]
    public void Bad_quiet_hours_fail_at_start_naming_the_setting(string start, string end, string named)
    {
        using var h = new OutreachHarness(new Dictionary<string, string?>
        {
            ["Outreach:QuietHours:Start"] = start,
            ["Outreach:QuietHours:End"] = end,
            ["Outreach:QuietHours:Purposes:0"] = "Advertising",
        });
        var ex = Assert.Throws<OptionsValidationException>(() => h.Services.GetRequiredService<IOptions<OutreachQuietHoursOptions>>().Value);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => h.Services.GetRequiredService<IStartupValidator>().Validate());
    }
}
