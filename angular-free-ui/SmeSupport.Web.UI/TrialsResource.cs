namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the trials pages' strings (<c>Resources/TrialsResource.resx</c>, Vietnamese, the neutral language;
/// <c>Resources/TrialsResource.en.resx</c>, English): staff pages under <c>/Trials</c> and the portal's <c>/Portal/Trials</c>.
/// </summary>
public sealed class TrialsResource
{
    private TrialsResource()
    {
    }
}
