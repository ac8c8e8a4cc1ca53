namespace SmeSupport.EInvoicing.Contracts;

/// <summary>Selects enterprises by their e-invoice adoption step, for other modules' segments (Outreach).</summary>
public interface IEInvoiceSegmentQuery
{
    /// <summary>
    /// The current step of every enterprise that has an adoption record; an enterprise absent from the answer is
    /// <see cref="EInvoiceStep.NotRegistered"/>.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, EInvoiceStep>> GetCurrentStepsAsync(CancellationToken cancellationToken = default);
}
