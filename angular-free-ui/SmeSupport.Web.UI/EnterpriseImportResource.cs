namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the import/export pages' strings (<c>Resources/EnterpriseImportResource.resx</c>, Vietnamese;
/// <c>Resources/EnterpriseImportResource.en.resx</c>, English). Inject <c>IStringLocalizer&lt;EnterpriseImportResource&gt;</c>.
/// </summary>
public sealed class EnterpriseImportResource
{
    private EnterpriseImportResource()
    {
    }
}
