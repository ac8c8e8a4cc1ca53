using Microsoft.EntityFrameworkCore;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Persistence;

namespace SmeSupport.EInvoicing.Application;

/// <summary>Adoption-step lookup for Outreach segments.</summary>
internal sealed class EInvoiceSegmentQuery(EInvoicingDb db) : IEInvoiceSegmentQuery
{
    public async Task<IReadOnlyDictionary<Guid, EInvoiceStep>> GetCurrentStepsAsync(CancellationToken cancellationToken = default) =>
        await db.Adoptions.AsNoTracking().Select(a => new { a.EnterpriseId, a.CurrentStep })
            .ToDictionaryAsync(a => a.EnterpriseId, a => a.CurrentStep, cancellationToken);
}
