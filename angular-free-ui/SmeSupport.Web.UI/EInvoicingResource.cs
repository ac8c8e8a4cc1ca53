namespace SmeSupport.Web.UI;

/// <summary>
/// Marker type of the e-invoicing pages' strings (<c>Resources/EInvoicingResource.resx</c>, Vietnamese, the neutral language;
/// <c>Resources/EInvoicingResource.en.resx</c>, English): staff pages under <c>/EInvoicing</c> and the portal's <c>/Portal/EInvoice</c>.
/// </summary>
public sealed class EInvoicingResource
{
    private EInvoicingResource()
    {
    }
}
