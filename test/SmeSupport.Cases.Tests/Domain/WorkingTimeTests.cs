using System.Globalization;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Seeding;

namespace SmeSupport.Cases.Tests.Domain;

/// <summary>
/// Working time (Mon–Fri 07:30–11:30, 13:30–17:00, Asia/Ho_Chi_Minh) with values computed by hand. Times in the tests are
/// Vietnam local times (UTC+7); the engine works on UTC instants.
/// </summary>
public class WorkingTimeTests
{
    private static readonly WorkingCalendar Calendar = new(
        PublicHolidaySeedContributor.Entries.Where(e => e.Kind != HolidayKind.WorkingDay).Select(e => e.Date),
        PublicHolidaySeedContributor.Entries.Where(e => e.Kind == HolidayKind.WorkingDay).Select(e => e.Date));

    /// <summary>A Vietnam local time "yyyy-MM-dd HH:mm" as a UTC instant.</summary>
    internal static DateTimeOffset Vn(string local) =>
        new DateTimeOffset(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(7)).ToUniversalTime();

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    [Fact]
    public void Opened_at_11_20_one_hour_is_due_at_14_20()
    {
        // 11:20–11:30 = 10 min; 13:30 + 50 min = 14:20 (Mon 17/11/2025).
        Assert.Equal(Vn("2025-11-17 14:20"), Calendar.AddWorkingTime(Vn("2025-11-17 11:20"), H(1)));
        Assert.Equal(H(1), Calendar.WorkingTimeBetween(Vn("2025-11-17 11:20"), Vn("2025-11-17 14:20")));
    }

    [Fact]
    public void Over_lunch()
    {
        // 11:00–11:30 = 30 min, 13:30–17:00 = 3 h 30: four hours end exactly at 17:00.
        Assert.Equal(Vn("2025-11-17 17:00"), Calendar.AddWorkingTime(Vn("2025-11-17 11:00"), H(4)));
        // Opened during lunch: the clock starts at 13:30.
        Assert.Equal(Vn("2025-11-17 14:30"), Calendar.AddWorkingTime(Vn("2025-11-17 12:15"), H(1)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Vn("2025-11-17 11:30"), Vn("2025-11-17 13:30")));
        // A target ending exactly at 11:30 is due at 11:30, not 13:30.
        Assert.Equal(Vn("2025-11-17 11:30"), Calendar.AddWorkingTime(Vn("2025-11-17 07:30"), H(4)));
        Assert.Equal(H(7.5), Calendar.WorkingTimeBetween(Vn("2025-11-17 00:00"), Vn("2025-11-18 00:00")));
    }

    [Fact]
    public void Friday_afternoon_runs_into_monday()
    {
        // Fri 21/11/2025 16:00–17:00 = 1 h; Mon 24/11 07:30 + 1 h = 08:30.
        Assert.Equal(Vn("2025-11-24 08:30"), Calendar.AddWorkingTime(Vn("2025-11-21 16:00"), H(2)));
        // Opened on Saturday: starts Monday 07:30.
        Assert.Equal(Vn("2025-11-24 09:30"), Calendar.AddWorkingTime(Vn("2025-11-22 10:00"), H(2)));
        Assert.Equal(H(2), Calendar.WorkingTimeBetween(Vn("2025-11-21 16:00"), Vn("2025-11-24 08:30")));
    }

    [Fact]
    public void On_a_holiday()
    {
        // National Day 2025: Mon 1/9 (adjacent day) and Tue 2/9 are off.
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2025, 9, 1)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2025, 9, 2)));
        // Opened on 2/9 at 09:00: the clock starts Wed 3/9 07:30; 1 h → 08:30.
        Assert.Equal(Vn("2025-09-03 08:30"), Calendar.AddWorkingTime(Vn("2025-09-02 09:00"), H(1)));
        // Fri 29/8 16:30–17:00 = 30 min; weekend and 1–2/9 off; Wed 3/9 07:30 + 30 min = 08:00.
        Assert.Equal(Vn("2025-09-03 08:00"), Calendar.AddWorkingTime(Vn("2025-08-29 16:30"), H(1)));
        // 30/4 and 1/5 2025 off, Fri 2/5 swapped off, Sat 26/4 worked.
        Assert.Equal(Vn("2025-05-05 08:30"), Calendar.AddWorkingTime(Vn("2025-04-29 16:00"), H(2)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2025, 4, 26)));
        // Hùng Kings' day 2026 falls on Sunday 26/4: Monday 27/4 is off; 28/4 is worked.
        Assert.Equal(Vn("2026-04-28 08:30"), Calendar.AddWorkingTime(Vn("2026-04-24 16:00"), H(2)));
    }

    [Fact]
    public void Across_tet()
    {
        // Tết Bính Ngọ 2026: Mon 16/2 – Fri 20/2 off. Fri 13/2 15:00–17:00 = 2 h; Mon 23/2 07:30 + 2 h = 09:30.
        Assert.Equal(Vn("2026-02-23 09:30"), Calendar.AddWorkingTime(Vn("2026-02-13 15:00"), H(4)));
        Assert.Equal(H(4), Calendar.WorkingTimeBetween(Vn("2026-02-13 15:00"), Vn("2026-02-23 09:30")));
        // Tết Ất Tỵ 2025: Mon 27/1 – Fri 31/1 off. Fri 24/1 16:00 + 22 h 30 → 1 h on 24/1, 7.5 h on 3/2 and 4/2, then 6.5 h on Wed 5/2: 4 h morning, 13:30 + 2.5 h = 16:00.
        Assert.Equal(Vn("2025-02-05 16:00"), Calendar.AddWorkingTime(Vn("2025-01-24 16:00"), H(22.5)));
        // Sat 15/2/2025 is worked (swap for 27/1).
        Assert.Equal(H(7.5), Calendar.WorkingTimeBetween(Vn("2025-02-15 00:00"), Vn("2025-02-16 00:00")));
    }

    [Fact]
    public void Negative_amount_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingTime(Vn("2025-11-17 08:00"), TimeSpan.FromMinutes(-1)));

    [Fact]
    public void Seeded_tet_and_hung_kings_days_match_the_lunisolar_calendar()
    {
        var lunar = new ChineseLunisolarCalendar();
        foreach (var year in new[] { 2025, 2026, 2027 })
        {
            var tet = DateOnly.FromDateTime(lunar.ToDateTime(year, 1, 1, 0, 0, 0, 0));
            var leap = lunar.GetLeapMonth(year);
            var hung = DateOnly.FromDateTime(lunar.ToDateTime(year, leap is > 0 and <= 3 ? 4 : 3, 10, 0, 0, 0, 0));
            var entries = PublicHolidaySeedContributor.Entries.Where(e => e.Date.Year == year).ToList();
            Assert.Contains(entries, e => e.Name.Contains("Hùng", StringComparison.Ordinal) &&
                                          (e.Date == hung || (hung.DayOfWeek == DayOfWeek.Sunday && e.Date == hung.AddDays(1))));
            Assert.False(Calendar.IsWorkingDay(tet));
            if (tet.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                Assert.Contains(entries, e => e.Date == tet && e.Name.Contains("mùng 1", StringComparison.Ordinal));
            }
        }

        // Each year has New Year, 30/4, 1/5 (or its compensatory day) and two National Day days.
        Assert.All(new[] { 2025, 2026, 2027 }, y =>
            Assert.Equal(2, PublicHolidaySeedContributor.Entries.Count(e => e.Date.Year == y && e.Name.StartsWith("Quốc khánh", StringComparison.Ordinal))));
        Assert.Equal(PublicHolidaySeedContributor.Entries.Count, PublicHolidaySeedContributor.Entries.Select(e => e.Date).Distinct().Count());
    }
}

/// <summary>The service-level clock over a case's history (paused, resumed, reopened), hand-computed.</summary>
public class ServiceLevelCalculatorTests
{
    private static readonly WorkingCalendar Calendar = new([]);
    private static readonly ServiceLevelTarget Target = new(TimeSpan.FromHours(1), TimeSpan.FromHours(8));

    private static DateTimeOffset Vn(string local) => WorkingTimeTests.Vn(local);

    [Fact]
    public void Paused_and_resumed()
    {
        // Mon 17/11/2025 10:00 opened; waiting 14:00 → Tue 10:00. Before the pause: 10:00–11:30 (1.5 h) + 13:30–14:00 (0.5 h) = 2 h.
        List<StatusAt> history =
        [
            new(Vn("2025-11-17 10:00"), CaseStatus.New), new(Vn("2025-11-17 10:05"), CaseStatus.Assigned),
            new(Vn("2025-11-17 10:10"), CaseStatus.InProgress), new(Vn("2025-11-17 14:00"), CaseStatus.WaitingForEnterprise),
        ];
        var paused = ServiceLevelCalculator.Compute(Vn("2025-11-17 10:00"), Vn("2025-11-17 10:30"), history, Target, Calendar, Vn("2025-11-18 09:00"));
        Assert.True(paused.IsPaused);
        Assert.Null(paused.ResolutionDueAt);
        Assert.Equal(360, paused.ResolutionRemainingMinutes); // 8 h − 2 h, frozen while paused.
        Assert.Equal(30, paused.FirstResponseRemainingMinutes); // answered after 30 min of the 60.
        Assert.False(paused.FirstResponseBreached);

        // Resumed Tue 10:00; 6 h left: 10:00–11:30 (1.5), 13:30–17:00 (3.5), Wed 07:30 + 1 h = 08:30.
        history.Add(new(Vn("2025-11-18 10:00"), CaseStatus.InProgress));
        var running = ServiceLevelCalculator.Compute(Vn("2025-11-17 10:00"), Vn("2025-11-17 10:30"), history, Target, Calendar, Vn("2025-11-18 14:00"));
        Assert.False(running.IsPaused);
        Assert.Equal(Vn("2025-11-19 08:30"), running.ResolutionDueAt);
        Assert.Equal(240, running.ResolutionRemainingMinutes); // at Tue 14:00: 6 h − 1.5 h − 0.5 h = 4 h.
        Assert.False(running.ResolutionBreached);

        // Wed 09:00: 30 min past due.
        var late = ServiceLevelCalculator.Compute(Vn("2025-11-17 10:00"), Vn("2025-11-17 10:30"), history, Target, Calendar, Vn("2025-11-19 09:00"));
        Assert.Equal(Vn("2025-11-19 08:30"), late.ResolutionDueAt);
        Assert.Equal(-30, late.ResolutionRemainingMinutes);
        Assert.True(late.ResolutionBreached);
    }

    [Fact]
    public void Due_at_Friday_17_00_is_breached_over_the_weekend_though_no_working_time_remains()
    {
        // Fri 21/11/2025 08:00 opened: 08:00–11:30 (3.5 h) + 13:30–17:00 (3.5 h) = 7 h, the target → due Friday 17:00.
        var target = new ServiceLevelTarget(TimeSpan.FromHours(1), TimeSpan.FromHours(7));
        List<StatusAt> history = [new(Vn("2025-11-21 08:00"), CaseStatus.New)];
        var friday = ServiceLevelCalculator.Compute(Vn("2025-11-21 08:00"), Vn("2025-11-21 08:30"), history, target, Calendar, Vn("2025-11-21 17:00"));
        Assert.Equal(Vn("2025-11-21 17:00"), friday.ResolutionDueAt);
        Assert.False(friday.ResolutionBreached);

        var sunday = ServiceLevelCalculator.Compute(Vn("2025-11-21 08:00"), Vn("2025-11-21 08:30"), history, target, Calendar, Vn("2025-11-23 20:00"));
        Assert.Equal(0, sunday.ResolutionRemainingMinutes);
        Assert.True(sunday.ResolutionBreached);
        Assert.Equal(Vn("2025-11-21 17:00"), sunday.ResolutionDueAt);

        // A first response due Friday 17:00 (opened 16:00, 1 h target) and still missing on Saturday: breached, 0 minutes left.
        var late = ServiceLevelCalculator.Compute(Vn("2025-11-21 16:00"), null, [new(Vn("2025-11-21 16:00"), CaseStatus.New)], target, Calendar,
            Vn("2025-11-22 09:00"));
        Assert.Equal(Vn("2025-11-21 17:00"), late.FirstResponseDueAt);
        Assert.Equal(0, late.FirstResponseRemainingMinutes);
        Assert.True(late.FirstResponseBreached);
    }

    [Fact]
    public void Reopened_case_continues_where_its_clock_stopped()
    {
        // Mon 17/11 08:00 opened; resolved 16:00 after 3.5 h + 2.5 h = 6 h; reopened Wed 19/11 09:00 → 2 h left → 11:00.
        List<StatusAt> history =
        [
            new(Vn("2025-11-17 08:00"), CaseStatus.New), new(Vn("2025-11-17 08:00"), CaseStatus.Assigned),
            new(Vn("2025-11-17 08:00"), CaseStatus.InProgress), new(Vn("2025-11-17 16:00"), CaseStatus.Resolved),
        ];
        var resolved = ServiceLevelCalculator.Compute(Vn("2025-11-17 08:00"), Vn("2025-11-17 16:00"), history, Target, Calendar, Vn("2025-11-18 12:00"));
        Assert.False(resolved.IsPaused); // finished, not paused: resolved within the target
        Assert.True(resolved.ResolutionMet);
        Assert.Equal(120, resolved.ResolutionRemainingMinutes);
        // Would have been due with the 2 h left: 16:00–17:00 (60) + Tue 07:30–08:30 (60).
        Assert.Equal(Vn("2025-11-18 08:30"), resolved.ResolutionDueAt);
        Assert.True(resolved.FirstResponseBreached); // first response at resolution, 6 h after opening.

        history.Add(new(Vn("2025-11-19 09:00"), CaseStatus.InProgress));
        var reopened = ServiceLevelCalculator.Compute(Vn("2025-11-17 08:00"), Vn("2025-11-17 16:00"), history, Target, Calendar, Vn("2025-11-19 09:00"));
        Assert.Equal(Vn("2025-11-19 11:00"), reopened.ResolutionDueAt);
        Assert.Equal(120, reopened.ResolutionRemainingMinutes);
        Assert.Null(reopened.ResolutionMet);
    }

    [Fact]
    public void First_response_due_from_opening_at_11_20()
    {
        var level = ServiceLevelCalculator.Compute(Vn("2025-11-17 11:20"), null, [new(Vn("2025-11-17 11:20"), CaseStatus.New)], Target, Calendar,
            Vn("2025-11-17 13:40"));
        Assert.Equal(Vn("2025-11-17 14:20"), level.FirstResponseDueAt);
        Assert.Equal(40, level.FirstResponseRemainingMinutes); // 10 + 10 minutes worked.
        Assert.Equal(Vn("2025-11-18 13:50"), level.ResolutionDueAt); // 8 h: 10 min + 3.5 h Mon; Tue 4 h morning, 13:30 + 20 min.
    }
}
