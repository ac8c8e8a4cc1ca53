using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Persistence;

namespace SmeSupport.EInvoicing.Application;

/// <summary>Current steps for Reporting, from the funnel's cached inputs.</summary>
internal sealed class EInvoiceCurrentSteps(EInvoicingDb db, FunnelInputsCache inputs) : IEInvoiceStepSource
{
    public async Task<IReadOnlyDictionary<Guid, EInvoiceStep>> GetCurrentStepsAsync(CancellationToken cancellationToken = default) =>
        await inputs.StepsAsync(db, cancellationToken);
}
