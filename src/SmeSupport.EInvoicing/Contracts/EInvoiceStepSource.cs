namespace SmeSupport.EInvoicing.Contracts;

/// <summary>
/// Current e-invoice steps of every enterprise with an adoption record, for the Reporting module (reports group and filter them by
/// the enterprise's attributes themselves). Enterprises absent from the result have no record: they count as NotRegistered.
/// </summary>
public interface IEInvoiceStepSource
{
    /// <summary>Enterprise id → current (confirmed) step. Cached until the adoption table changes.</summary>
    Task<IReadOnlyDictionary<Guid, EInvoiceStep>> GetCurrentStepsAsync(CancellationToken cancellationToken = default);
}
