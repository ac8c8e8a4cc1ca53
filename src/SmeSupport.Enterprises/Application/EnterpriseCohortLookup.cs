using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Persistence;

namespace SmeSupport.Enterprises.Application;

/// <summary>Cohort memberships for Reporting.</summary>
internal sealed class EnterpriseCohortLookup(EnterprisesDb db) : IEnterpriseCohortLookup
{
    public async Task<IReadOnlyList<EnterpriseCohortDto>> ListMembershipsAsync(CancellationToken cancellationToken = default) =>
        await (from m in db.CohortMemberships.AsNoTracking()
               join e in db.Enterprises.AsNoTracking() on m.EnterpriseId equals e.Id
               select new EnterpriseCohortDto(m.EnterpriseId, m.CohortName)).ToListAsync(cancellationToken);
}
