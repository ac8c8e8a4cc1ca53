using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Timing;

namespace SmeSupport.Cases.Application;

/// <summary>Case figures (<see cref="ICaseFiguresAppService"/>): every number is computed from the cases' status history with the working calendar, now.</summary>
internal sealed class CaseFiguresAppService(
    CasesDb db,
    IEnterpriseLookup enterprises,
    IUserDirectory users,
    WorkingCalendarProvider calendars,
    IOptions<CasesOptions> options,
    TimeProvider clock) : ICaseFiguresAppService
{
    /// <summary>The longest period asked at once, in days.</summary>
    public const int MaxPeriodDays = 5 * 366;

    /// <summary>The earliest date a period may start or end on.</summary>
    public static readonly DateOnly MinDate = new(2000, 1, 1);

    /// <summary>The latest date a period may start or end on.</summary>
    public static readonly DateOnly MaxDate = new(2100, 12, 31);

    public async Task<CaseFiguresDto> GetAsync(CaseFiguresQueryDto query, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        foreach (var (field, value) in new[] { ("from", query.From), ("to", query.To) })
        {
            if (value is { } d && (d < MinDate || d > MaxDate))
            {
                errors.Add(field, $"The date must be between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}.");
            }
        }

        errors.ThrowIfAny();
        var to = query.To ?? VietnamTime.Today(clock);
        var from = query.From ?? to.AddDays(-29);
        var groupBy = query.GroupBy ?? CaseFiguresGroupBy.Type;
        if (from > to)
        {
            errors.Add("from", "From must not be after To.");
        }
        else if (to.DayNumber - from.DayNumber >= MaxPeriodDays)
        {
            errors.Add("from", "The period must not be longer than 5 years.");
        }

        if (!Enum.IsDefined(groupBy))
        {
            errors.Add("groupBy", "Group by type, commune or officer.");
        }

        errors.ThrowIfAny();

        var start = Local(from);
        var end = Local(to.AddDays(1));
        var rows = await db.SupportCases.AsNoTracking().Where(c => c.OpenedAt >= start && c.OpenedAt < end)
            .Include(c => c.StatusChanges).AsSplitQuery().ToListAsync(cancellationToken);
        var known = await enterprises.GetManyAsync(rows.Select(r => r.EnterpriseId).Distinct().ToList(), cancellationToken);
        rows = rows.Where(r => known.ContainsKey(r.EnterpriseId)).ToList();

        var calendar = await calendars.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var measured = rows.Select(c => Measure(c, calendar, now)).ToList();

        IEnumerable<IGrouping<string?, CaseMeasure>> groups;
        Func<string?, string?> label;
        switch (groupBy)
        {
            case CaseFiguresGroupBy.Commune:
                groups = measured.GroupBy(m => (string?)known[m.Case.EnterpriseId].WardCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var wards = await enterprises.GetWardNamesAsync(known.Values.Select(e => e.WardCode).Distinct().ToList(), cancellationToken);
                label = k => wards.GetValueOrDefault(int.Parse(k!, System.Globalization.CultureInfo.InvariantCulture), k!);
                break;
            case CaseFiguresGroupBy.Officer:
                groups = measured.GroupBy(m => m.Case.AssigneeId?.ToString());
                var officers = await users.GetManyAsync(measured.Where(m => m.Case.AssigneeId is not null).Select(m => m.Case.AssigneeId!.Value).Distinct().ToList(), cancellationToken);
                label = k => k is null ? null : officers.TryGetValue(Guid.Parse(k), out var u) ? u.FullName ?? u.Email : k;
                break;
            default:
                groups = measured.GroupBy(m => (string?)m.Case.Type.ToString());
                label = k => k;
                break;
        }

        var list = groups.Select(g => Row(g.Key, label(g.Key), g.ToList()))
            .OrderByDescending(r => r.Cases).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new CaseFiguresDto(from, to, groupBy, Row(null, null, measured), list);
    }

    private static DateTimeOffset Local(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, VietnamTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private CaseMeasure Measure(SupportCase c, WorkingCalendar calendar, DateTimeOffset now)
    {
        var target = options.Value.TargetFor(c.Priority);
        var level = ServiceLevelCalculator.Compute(c.OpenedAt, c.FirstRespondedAt, c.History(), target, calendar, now);
        var open = c.Status is not (CaseStatus.Resolved or CaseStatus.Closed);
        bool? firstMet = c.FirstRespondedAt is not null ? !level.FirstResponseBreached : level.FirstResponseBreached ? false : null;
        bool? resolutionMet = !open ? !level.ResolutionBreached : level.ResolutionBreached ? false : null;
        double? firstMinutes = c.FirstRespondedAt is { } responded ? Math.Round(calendar.WorkingTimeBetween(c.OpenedAt, responded).TotalMinutes, 2) : null;
        double? resolutionMinutes = open ? null : Math.Round(level.ResolutionTargetMinutes - level.ResolutionRemainingMinutes, 2);
        var overdue = open && ((c.FirstRespondedAt is null && level.FirstResponseBreached) || level.ResolutionBreached);
        return new CaseMeasure(c, open, overdue, firstMet, resolutionMet, firstMinutes, resolutionMinutes);
    }

    private static CaseFiguresRowDto Row(string? key, string? label, IReadOnlyList<CaseMeasure> cases)
    {
        var firstMeasured = cases.Count(c => c.FirstResponseMet is not null);
        var firstMet = cases.Count(c => c.FirstResponseMet == true);
        var resolutionMeasured = cases.Count(c => c.ResolutionMet is not null);
        var resolutionMet = cases.Count(c => c.ResolutionMet == true);
        var ratings = cases.Where(c => c.Case.Rating is not null).Select(c => c.Case.Rating!.Value).ToList();
        return new CaseFiguresRowDto
        {
            Key = key,
            Label = label,
            Cases = cases.Count,
            Open = cases.Count(c => c.Open),
            Overdue = cases.Count(c => c.Overdue),
            FirstResponseMeasured = firstMeasured,
            FirstResponseMet = firstMet,
            FirstResponseCompliance = firstMeasured == 0 ? null : Math.Round((double)firstMet / firstMeasured, 4),
            ResolutionMeasured = resolutionMeasured,
            ResolutionMet = resolutionMet,
            ResolutionCompliance = resolutionMeasured == 0 ? null : Math.Round((double)resolutionMet / resolutionMeasured, 4),
            MedianFirstResponseMinutes = Median(cases.Where(c => c.FirstResponseMinutes is not null).Select(c => c.FirstResponseMinutes!.Value)),
            MedianResolutionMinutes = Median(cases.Where(c => c.ResolutionMinutes is not null).Select(c => c.ResolutionMinutes!.Value)),
            AverageRating = ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2),
            Ratings = ratings.Count,
        };
    }

    /// <summary>The middle value, or the mean of the two middle values; null for none.</summary>
    internal static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : Math.Round((sorted[mid - 1] + sorted[mid]) / 2, 2);
    }

    private sealed record CaseMeasure(SupportCase Case, bool Open, bool Overdue, bool? FirstResponseMet, bool? ResolutionMet,
        double? FirstResponseMinutes, double? ResolutionMinutes);
}
