using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Web.UI.Pages;

/// <summary>
/// The staff dashboard at <c>/</c>: the programme's headline figures from
/// <see cref="IDashboardAppService"/>. A signed-in user without
/// <see cref="ReportingPermissions.Dashboard"/> sees a short notice instead of a 403, except an enterprise's user
/// (<see cref="EnterprisesPermissions.OwnEnterprise"/>), who is sent to the portal at <c>/Portal</c> (where sign-in lands).
/// </summary>
public sealed class IndexModel(IDashboardAppService dashboard, IAuthorizationService authorization, TimeProvider? clock = null) : PageModel
{
    /// <summary>The dashboard under the filters, or null (no permission, or a bad filter: see <see cref="FiguresError"/>).</summary>
    public DashboardDto? Figures { get; private set; }

    /// <summary>Why the figures could not be computed.</summary>
    public string? FiguresError { get; private set; }

    /// <summary>The filters asked for.</summary>
    public ReportQueryDto Query { get; private set; } = new();

    /// <summary>The figures, or null when the user may not see them.</summary>
    public DashboardHeadlineDto? Headline { get; private set; }

    /// <summary>When the figures were computed (UTC).</summary>
    public DateTimeOffset ComputedAt { get; private set; }

    /// <summary>Loads the figures.</summary>
    /// <remarks>An enterprise's user is sent to the portal at <c>/Portal</c>; a TaxPartner user (the partner permission without the dashboard one) to <c>/Partner</c>.</remarks>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if ((await authorization.AuthorizeAsync(User, ReportingPermissions.Dashboard)).Succeeded)
        {
            Headline = await dashboard.GetHeadlineAsync(cancellationToken);
            ComputedAt = (clock ?? TimeProvider.System).GetUtcNow();
            Query = Reports.ReportPageHelpers.FromQuery(Request.Query) with { LegalForm = null };
            try
            {
                Figures = await dashboard.GetAsync(Query, cancellationToken);
            }
            catch (SmeSupport.Errors.BusinessException ex)
            {
                FiguresError = Reports.ReportPageHelpers.Describe(ex);
            }

            return Page();
        }

        if ((await authorization.AuthorizeAsync(User, EnterprisesPermissions.OwnEnterprise)).Succeeded)
        {
            return RedirectToPage("/Portal/Index");
        }

        if ((await authorization.AuthorizeAsync(User, ReportingPermissions.PartnerView)).Succeeded)
        {
            return RedirectToPage("/Partner/Index");
        }

        return Page();
    }
}
