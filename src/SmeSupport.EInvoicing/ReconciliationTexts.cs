namespace SmeSupport.EInvoicing;

/// <summary>
/// Marker of the texts kept in reconciliation rows and step notes as a code with arguments (<see cref="Application.CodedText"/>) and
/// rendered in the reader's language: <c>ReconciliationTexts.resx</c> (Vietnamese, the default) and <c>ReconciliationTexts.en.resx</c>
/// (English). Also step (<c>Step.*</c>) and kind (<c>Kind.*</c>) names, and the field-level validation messages (<c>Field.*</c>). Tax-code rules
/// are worded by the Enterprises module (<see cref="Enterprises.Contracts.TaxCodeMessages"/>).
/// </summary>
internal sealed class ReconciliationTexts
{
    private ReconciliationTexts()
    {
    }
}
