using Microsoft.EntityFrameworkCore;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Application;

/// <summary>Trial-based enterprise selection for Outreach segments.</summary>
internal sealed class TrialSegmentQuery(TrialsDb db, TimeProvider clock) : ITrialSegmentQuery
{
    public async Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsAsync(IReadOnlyCollection<TrialStatus>? statuses, Guid? platformId, int? endsWithinDays,
        CancellationToken cancellationToken = default)
    {
        var q = db.Trials.AsNoTracking();
        if (statuses is { Count: > 0 })
        {
            var list = statuses.ToList();
            q = q.Where(t => list.Contains(t.Status));
        }

        if (platformId is { } platform)
        {
            q = q.Where(t => t.PlatformId == platform);
        }

        if (endsWithinDays is { } days)
        {
            var today = VietnamTime.Today(clock);
            var last = today.AddDays(days);
            q = q.Where(t => t.EndDate >= today && t.EndDate <= last);
        }

        return await q.Select(t => t.EnterpriseId).Distinct().ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsWithTrialsPastEndAsync(Guid? platformId, CancellationToken cancellationToken = default)
    {
        var today = VietnamTime.Today(clock);
        var q = db.Trials.AsNoTracking()
            .Where(t => (t.Status == TrialStatus.Planned || t.Status == TrialStatus.Active) && t.EndDate < today);
        if (platformId is { } platform)
        {
            q = q.Where(t => t.PlatformId == platform);
        }

        return await q.Select(t => t.EnterpriseId).Distinct().ToListAsync(cancellationToken);
    }
}
