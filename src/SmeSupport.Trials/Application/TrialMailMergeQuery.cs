using Microsoft.EntityFrameworkCore;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Application;

/// <summary>Trials for Outreach's e-mail templates.</summary>
internal sealed class TrialMailMergeQuery(TrialsDb db, TimeProvider clock) : ITrialMailMergeQuery
{
    public async Task<IReadOnlyDictionary<Guid, TrialMailMergeDto>> GetAsync(IReadOnlyCollection<Guid> enterpriseIds,
        IReadOnlyCollection<TrialStatus>? statuses, Guid? platformId, int? endsWithinDays, CancellationToken cancellationToken = default)
    {
        var hasRule = statuses is { Count: > 0 } || platformId is not null || endsWithinDays is not null;
        var statusList = statuses?.ToList() ?? [];
        var today = VietnamTime.Today(clock);
        var last = today.AddDays(endsWithinDays ?? 0);
        var result = new Dictionary<Guid, TrialMailMergeDto>();
        foreach (var chunk in enterpriseIds.Distinct().Chunk(500))
        {
            var rows = await (from t in db.Trials.AsNoTracking().Where(t => chunk.Contains(t.EnterpriseId))
                              join p in db.Platforms.AsNoTracking() on t.PlatformId equals p.Id
                              select new TrialMailMergeDto(t.Id, t.EnterpriseId, t.PlatformId, p.Name, p.Provider, t.StartDate, t.EndDate, t.Status))
                .ToListAsync(cancellationToken);
            foreach (var group in rows.GroupBy(r => r.EnterpriseId))
            {
                var ordered = group.OrderByDescending(t => t.StartDate).ThenByDescending(t => t.TrialId).ToList();
                var pick = hasRule
                    ? ordered.FirstOrDefault(t => (statusList.Count == 0 || statusList.Contains(t.Status))
                                                  && (platformId is null || t.PlatformId == platformId)
                                                  && (endsWithinDays is null || (t.EndDate >= today && t.EndDate <= last)))
                    : null;
                pick ??= ordered.FirstOrDefault(t => t.Status == TrialStatus.Active);
                if (pick is not null)
                {
                    result[group.Key] = pick;
                }
            }
        }

        return result;
    }
}
