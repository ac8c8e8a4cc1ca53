using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.EInvoicing.Contracts;

namespace SmeSupport.Web.UI.Pages.EInvoicing;

/// <summary>The adoption funnel at <c>/EInvoicing/Funnel?by=Commune|Size|LegalForm|Industry</c>: a table with CSS bars per group.</summary>
[Authorize(Policy = EInvoicingPermissions.Default)]
public sealed class FunnelModel(IEInvoiceFunnelAppService funnel) : PageModel
{
    /// <summary>Grouping.</summary>
    [BindProperty(SupportsGet = true)]
    public EInvoiceFunnelDimension By { get; set; } = EInvoiceFunnelDimension.Commune;

    /// <summary>The funnel.</summary>
    public EInvoiceFunnelDto Funnel { get; private set; } = new(EInvoiceFunnelDimension.Commune, new("", "", 0, 0, 0, 0, 0, 0), []);

    /// <summary>Loads the funnel.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        By = Enum.IsDefined(By) ? By : EInvoiceFunnelDimension.Commune;
        Funnel = await funnel.GetAsync(By, null, cancellationToken);
    }

    /// <summary>Share of <paramref name="part"/> in <paramref name="whole"/> as a CSS width (invariant), 0–100.</summary>
    public static string Width(int part, int whole) =>
        (whole == 0 ? 0 : 100.0 * part / whole).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
