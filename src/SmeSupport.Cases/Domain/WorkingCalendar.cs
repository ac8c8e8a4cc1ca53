using SmeSupport.Timing;

namespace SmeSupport.Cases.Domain;

/// <summary>
/// Working time of the office: Monday–Friday 07:30–11:30 and 13:30–17:00 in Asia/Ho_Chi_Minh (7.5 hours a day),
/// minus the days off of the holiday calendar (public holidays of the Labour Code 45/2019/QH14, Art. 112, their
/// compensatory days under Art. 111(3), and days off swapped for a worked Saturday), plus the Saturdays worked in
/// exchange. Pure: the calendar's days come from the caller.
/// </summary>
internal sealed class WorkingCalendar
{
    /// <summary>The working periods of a working day, local time.</summary>
    public static readonly IReadOnlyList<(TimeSpan Start, TimeSpan End)> Periods =
    [
        (new TimeSpan(7, 30, 0), new TimeSpan(11, 30, 0)),
        (new TimeSpan(13, 30, 0), new TimeSpan(17, 0, 0)),
    ];

    /// <summary>A full working day: 7 hours 30 minutes.</summary>
    public static readonly TimeSpan WorkingDay = TimeSpan.FromMinutes(450);

    private const int MaxDays = 366 * 20;
    private readonly HashSet<DateOnly> _daysOff;
    private readonly HashSet<DateOnly> _workedWeekendDays;

    /// <summary>Creates a calendar.</summary>
    /// <param name="daysOff">Weekdays that are not worked (holidays, compensatory and swapped days off).</param>
    /// <param name="workedWeekendDays">Saturdays/Sundays that are worked (swaps).</param>
    public WorkingCalendar(IEnumerable<DateOnly> daysOff, IEnumerable<DateOnly>? workedWeekendDays = null)
    {
        _daysOff = [.. daysOff];
        _workedWeekendDays = [.. workedWeekendDays ?? []];
    }

    /// <summary>True when the date is worked.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _workedWeekendDays.Contains(date) || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(date));

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var a = Local(from);
        var b = Local(to);
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(a); day <= DateOnly.FromDateTime(b); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue);
            foreach (var (s, e) in Periods)
            {
                var start = Max(midnight + s, a);
                var end = Min(midnight + e, b);
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// The instant at which <paramref name="amount"/> of working time has run from <paramref name="from"/>. A target
    /// that ends exactly at the end of a period is due then (11:30, 17:00), not at the start of the next one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative.</exception>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var a = Local(from);
        var remaining = amount;
        var first = DateOnly.FromDateTime(a);
        for (var day = first; day.DayNumber - first.DayNumber <= MaxDays; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue);
            foreach (var (s, e) in Periods)
            {
                var start = Max(midnight + s, a);
                var end = midnight + e;
                if (end <= start)
                {
                    continue;
                }

                var available = end - start;
                if (remaining <= available)
                {
                    return ToUtc(start + remaining);
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException("The holiday calendar leaves no working day within twenty years.");
    }

    private static DateTime Local(DateTimeOffset instant) => VietnamTime.ToLocal(instant).DateTime;

    private static DateTimeOffset ToUtc(DateTime local) =>
        new DateTimeOffset(local, VietnamTime.Zone.GetUtcOffset(local)).ToUniversalTime();

    private static DateTime Max(DateTime x, DateTime y) => x > y ? x : y;

    private static DateTime Min(DateTime x, DateTime y) => x < y ? x : y;
}
