using Microsoft.EntityFrameworkCore;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Persistence;

namespace SmeSupport.EInvoicing.Application;

/// <summary>E-invoice adoption for Outreach's e-mail templates.</summary>
internal sealed class EInvoiceMailMergeQuery(EInvoicingDb db) : IEInvoiceMailMergeQuery
{
    public async Task<IReadOnlyDictionary<Guid, EInvoiceMailMergeDto>> GetAsync(IReadOnlyCollection<Guid> enterpriseIds,
        CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<Guid, EInvoiceMailMergeDto>();
        foreach (var chunk in enterpriseIds.Distinct().Chunk(500))
        {
            var rows = await (from a in db.Adoptions.AsNoTracking().Where(a => chunk.Contains(a.EnterpriseId))
                              join p in db.Providers.AsNoTracking() on a.ProviderId equals p.Id into ps
                              from p in ps.DefaultIfEmpty()
                              select new EInvoiceMailMergeDto(a.EnterpriseId, a.CurrentStep, a.Kind, p == null ? null : p.Name))
                .ToListAsync(cancellationToken);
            rows.ForEach(r => result[r.EnterpriseId] = r);
        }

        return result;
    }
}
