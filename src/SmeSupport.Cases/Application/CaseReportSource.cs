using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Data;

namespace SmeSupport.Cases.Application;

/// <summary>Cases in brief for Reporting, with the same service-level computation as the case API.</summary>
internal sealed class CaseReportSource(CasesDb db, WorkingCalendarProvider calendars, IOptions<CasesOptions> options, TimeProvider clock,
    CaseFactsCache cache) : ICaseReportSource
{
    public async Task<IReadOnlyList<CaseFactDto>> ListCaseFactsAsync(CancellationToken cancellationToken = default)
    {
        // The facts depend on the cases (their change stamp), the holiday calendar and the time: kept for the same stamp, calendar and
        // minute, so the dashboard and the reports do not recompute every case's service level on each request. A breach that falls due
        // shows at the latest on the next minute; any change to a case shows at once.
        var now = clock.GetUtcNow();
        var stamp = await ChangeStamp.ReadAsync(db.Context, "SupportCases", cancellationToken);
        var holidays = await db.PublicHolidays.AsNoTracking().Select(h => new { h.Date, h.Kind }).ToListAsync(cancellationToken);
        var key = $"{stamp}|{holidays.Count}|{holidays.Sum(h => (long)h.Date.DayNumber * 3 + (int)h.Kind)}|{now.UtcTicks / TimeSpan.TicksPerMinute}";
        if (cache.Get(key) is { } kept)
        {
            return kept;
        }

        var rows = await db.SupportCases.AsNoTracking().Include(c => c.StatusChanges).AsSplitQuery().ToListAsync(cancellationToken);
        var calendar = await calendars.GetAsync(cancellationToken);
        var facts = rows.Select(c =>
        {
            var sl = ServiceLevelCalculator.Compute(c.OpenedAt, c.FirstRespondedAt, c.History(), options.Value.TargetFor(c.Priority), calendar, now);
            return new CaseFactDto(c.EnterpriseId, c.Type, c.Priority, c.Status, c.OpenedAt, c.ResolvedAt, sl.FirstResponseBreached, sl.ResolutionBreached,
                c.FirstRespondedAt);
        }).ToList();
        cache.Keep(key, facts);
        return facts;
    }
}

/// <summary>The last computed case facts and their key (one per host).</summary>
internal sealed class CaseFactsCache
{
    private Entry? _entry;

    public IReadOnlyList<CaseFactDto>? Get(string key) => Volatile.Read(ref _entry) is { } e && e.Key == key ? e.Facts : null;

    public void Keep(string key, IReadOnlyList<CaseFactDto> facts) => Volatile.Write(ref _entry, new Entry(key, facts));

    private sealed record Entry(string Key, IReadOnlyList<CaseFactDto> Facts);
}
