namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the enterprise pages' own strings (<c>Resources/EnterpriseUiResource.resx</c>, Vietnamese, the neutral
/// language; <c>Resources/EnterpriseUiResource.en.resx</c>, English): the register's filters, the timeline, deletion and
/// restore, the audit trail, the enterprise portal and the self-registration page. Inject
/// <c>IStringLocalizer&lt;EnterpriseUiResource&gt;</c>; every key exists in both files.
/// </summary>
public sealed class EnterpriseUiResource
{
    private EnterpriseUiResource()
    {
    }
}
