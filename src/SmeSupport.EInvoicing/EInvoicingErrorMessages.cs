namespace SmeSupport.EInvoicing;

/// <summary>
/// Marker of the EInvoicing module's error messages keyed by error code (<see cref="Contracts.EInvoicingErrorCodes"/>,
/// <see cref="Contracts.ReconciliationErrorCodes"/>): <c>EInvoicingErrorMessages.resx</c> (Vietnamese, the default) and
/// <c>EInvoicingErrorMessages.en.resx</c> (English).
/// </summary>
internal sealed class EInvoicingErrorMessages
{
    private EInvoicingErrorMessages()
    {
    }
}
