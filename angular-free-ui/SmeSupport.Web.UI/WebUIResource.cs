using Microsoft.Extensions.Localization;

[assembly: ResourceLocation("Resources")]
[assembly: RootNamespace("SmeSupport.Web.UI")]

namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the UI's shared string resources (<c>Resources/WebUIResource.resx</c>, Vietnamese,
/// the neutral language; <c>Resources/WebUIResource.en.resx</c>, English). Inject
/// <c>IStringLocalizer&lt;WebUIResource&gt;</c>; every key exists in both files.
/// </summary>
public sealed class WebUIResource
{
    private WebUIResource()
    {
    }
}
