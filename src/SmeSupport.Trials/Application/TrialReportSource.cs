using Microsoft.EntityFrameworkCore;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Application;

/// <summary>Trials in brief for Reporting.</summary>
internal sealed class TrialReportSource(TrialsDb db) : ITrialReportSource
{
    public async Task<IReadOnlyList<TrialFactDto>> ListTrialFactsAsync(CancellationToken cancellationToken = default) =>
        await (from t in db.Trials.AsNoTracking()
               join p in db.Platforms.AsNoTracking() on t.PlatformId equals p.Id
               select new TrialFactDto(t.EnterpriseId, p.Id, p.Name, p.Category, t.Status, t.Outcome, t.StartDate, t.StartedAt != null))
            .ToListAsync(cancellationToken);
}
