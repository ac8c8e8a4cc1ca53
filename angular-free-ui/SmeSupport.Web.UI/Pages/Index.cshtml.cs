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
    /// <summary>The figures, or null when the user may not see them.</summary>
    public DashboardHeadlineDto? Headline { get; private set; }

    /// <summary>When the figures were computed (UTC).</summary>
    public DateTimeOffset ComputedAt { get; private set; }

    /// <summary>Loads the figures; an enterprise's user goes to the portal.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if ((await authorization.AuthorizeAsync(User, ReportingPermissions.Dashboard)).Succeeded)
        {
            Headline = await dashboard.GetHeadlineAsync(cancellationToken);
            ComputedAt = (clock ?? TimeProvider.System).GetUtcNow();
            return Page();
        }

        if ((await authorization.AuthorizeAsync(User, EnterprisesPermissions.OwnEnterprise)).Succeeded)
        {
            return RedirectToPage("/Portal/Index");
        }

        return Page();
    }
}
