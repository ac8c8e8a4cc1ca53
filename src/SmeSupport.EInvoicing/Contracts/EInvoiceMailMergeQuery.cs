namespace SmeSupport.EInvoicing.Contracts;

/// <summary>An enterprise's e-invoice adoption as an e-mail template quotes it (Outreach placeholders <c>einvoice.*</c>).</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="CurrentStep">Current step.</param>
/// <param name="Kind">Kind of invoice, once known.</param>
/// <param name="ProviderName">Provider name, once known.</param>
public sealed record EInvoiceMailMergeDto(Guid EnterpriseId, EInvoiceStep CurrentStep, EInvoiceKind? Kind, string? ProviderName);

/// <summary>Reads e-invoice adoption for e-mail templates.</summary>
public interface IEInvoiceMailMergeQuery
{
    /// <summary>Adoption of the enterprises that have a record; an enterprise absent from the answer is <see cref="EInvoiceStep.NotRegistered"/>.</summary>
    Task<IReadOnlyDictionary<Guid, EInvoiceMailMergeDto>> GetAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken = default);
}
