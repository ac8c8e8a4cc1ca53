namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the e-mail template pages' strings (<c>Resources/OutreachTemplatesResource.resx</c>, Vietnamese, the
/// neutral language; <c>Resources/OutreachTemplatesResource.en.resx</c>, English): <c>/Outreach/Templates</c> and the
/// contact language select.
/// </summary>
public sealed class OutreachTemplatesResource
{
    private OutreachTemplatesResource()
    {
    }
}
