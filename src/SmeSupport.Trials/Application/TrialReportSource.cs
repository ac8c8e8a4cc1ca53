using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Application;

/// <summary>
/// Trials in brief for Reporting, kept between requests until the trials or the platforms change: the key is the change stamp of both
/// tables (<see cref="ChangeStamp"/>: row count, latest creation and change times — a change made on another node shows) plus a
/// counter bumped by every save of this process that touches a trial or a platform (a change made here shows even within one clock tick).
/// </summary>
internal sealed class TrialReportSource(TrialsDb db, TrialFactsCache cache) : ITrialReportSource
{
    public async Task<IReadOnlyList<TrialFactDto>> ListTrialFactsAsync(CancellationToken cancellationToken = default)
    {
        // The key is read before the rows: a change in between is stored under the older key and read again on the next request.
        var key = $"{TrialFactsCache.LocalVersion}|{await ChangeStamp.ReadAsync(db.Context, "Trials", cancellationToken)}|"
                  + await ChangeStamp.ReadAsync(db.Context, "Platforms", cancellationToken);
        if (cache.Get(key) is { } kept)
        {
            return kept;
        }

        var facts = await (from t in db.Trials.AsNoTracking()
                           join p in db.Platforms.AsNoTracking() on t.PlatformId equals p.Id
                           select new TrialFactDto(t.EnterpriseId, p.Id, p.Name, p.Category, t.Status, t.Outcome, t.StartDate, t.StartedAt != null))
            .ToListAsync(cancellationToken);
        cache.Keep(key, facts);
        return facts;
    }
}

/// <summary>The last listed trial facts and their key (one per host).</summary>
internal sealed class TrialFactsCache
{
    private static long _localVersion;

    private Entry? _entry;

    /// <summary>This process's count of saves that touched trials or platforms.</summary>
    public static long LocalVersion => Interlocked.Read(ref _localVersion);

    /// <summary>Marks the kept facts stale (called after a save that added, changed or deleted trials or platforms).</summary>
    public static void Bump() => Interlocked.Increment(ref _localVersion);

    public IReadOnlyList<TrialFactDto>? Get(string key) => Volatile.Read(ref _entry) is { } e && e.Key == key ? e.Facts : null;

    public void Keep(string key, IReadOnlyList<TrialFactDto> facts) => Volatile.Write(ref _entry, new Entry(key, facts));

    private sealed record Entry(string Key, IReadOnlyList<TrialFactDto> Facts);
}
