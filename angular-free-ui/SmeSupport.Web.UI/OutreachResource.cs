namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the outreach pages' strings (<c>Resources/OutreachResource.resx</c>, Vietnamese, the neutral language;
/// <c>Resources/OutreachResource.en.resx</c>, English): campaigns, segments and suppressions under <c>/Outreach</c>.
/// </summary>
public sealed class OutreachResource
{
    private OutreachResource()
    {
    }
}
