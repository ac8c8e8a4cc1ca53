namespace SmeSupport.EInvoicing;

/// <summary>
/// Marker of the texts kept in reconciliation rows and step notes as a code with arguments (<see cref="Application.CodedText"/>) and
/// rendered in the reader's language: <c>ReconciliationTexts.resx</c> (Vietnamese, the default) and <c>ReconciliationTexts.en.resx</c>
/// (English). Also step (<c>Step.*</c>), kind (<c>Kind.*</c>) and tax-code rule (<c>TaxCodeError.*</c>) names.
/// </summary>
internal sealed class ReconciliationTexts
{
    private ReconciliationTexts()
    {
    }
}
