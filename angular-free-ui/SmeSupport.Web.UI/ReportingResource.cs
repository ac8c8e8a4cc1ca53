namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the Reporting pages' strings (<c>Resources/ReportingResource.resx</c>, Vietnamese; <c>Resources/ReportingResource.en.resx</c>,
/// English). Inject <c>IStringLocalizer&lt;ReportingResource&gt;</c>; every key exists in both files.
/// </summary>
public sealed class ReportingResource
{
    private ReportingResource()
    {
    }
}
