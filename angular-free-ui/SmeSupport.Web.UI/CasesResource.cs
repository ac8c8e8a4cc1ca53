namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the support-case pages' strings (<c>Resources/CasesResource.resx</c>, Vietnamese, the neutral
/// language; <c>Resources/CasesResource.en.resx</c>, English): staff case pages, community visits, figures and the
/// enterprise portal's cases. Inject <c>IStringLocalizer&lt;CasesResource&gt;</c>; every key exists in both files.
/// </summary>
public sealed class CasesResource
{
    private CasesResource()
    {
    }
}
