namespace SmeSupport.Enterprises;

/// <summary>
/// Marker of the Enterprises module's own texts for API answers: <c>EnterprisesText.resx</c> (Vietnamese, the default) and
/// <c>EnterprisesText.en.resx</c> (English). Keys: enum value names (<c>LegalForm.JointStockCompany</c>, <c>Size.Micro</c>,
/// <c>ProgrammeStatus.Pilot</c>), shown in the timeline's change lists instead of the stored numbers; and the field messages of the
/// enterprise rules (<c>Validation.*</c>, see <see cref="Application.EnterpriseInputValidator"/>).
/// </summary>
internal sealed class EnterprisesText
{
    private EnterprisesText()
    {
    }
}
