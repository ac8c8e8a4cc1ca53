using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Persistence;

namespace SmeSupport.Cases.Application;

/// <summary>Case-based enterprise selection for Outreach segments.</summary>
internal sealed class CaseSegmentQuery(CasesDb db) : ICaseSegmentQuery
{
    public async Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsWithOpenCasesAsync(CancellationToken cancellationToken = default) =>
        await db.SupportCases.AsNoTracking()
            .Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .Select(c => c.EnterpriseId).Distinct().ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLastContactAsync(CancellationToken cancellationToken = default)
    {
        // Read as rows and reduced here: SQLite cannot take MAX over DateTimeOffset.
        var opened = await db.SupportCases.AsNoTracking().Select(c => new { c.EnterpriseId, At = c.OpenedAt }).ToListAsync(cancellationToken);
        var posted = await (from m in db.Messages.AsNoTracking()
                            join c in db.SupportCases.AsNoTracking() on m.SupportCaseId equals c.Id
                            select new { c.EnterpriseId, At = m.PostedAt }).ToListAsync(cancellationToken);
        var last = new Dictionary<Guid, DateTimeOffset>();
        foreach (var row in opened.Concat(posted))
        {
            if (!last.TryGetValue(row.EnterpriseId, out var at) || row.At > at)
            {
                last[row.EnterpriseId] = row.At;
            }
        }

        return last;
    }
}
