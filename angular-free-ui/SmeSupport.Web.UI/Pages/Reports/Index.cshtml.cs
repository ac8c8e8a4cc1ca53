using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Errors;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Web.UI.Pages.Reports;

/// <summary>Staff: the report list and, with <see cref="ReportingPermissions.Share"/>, the shares with a revoke button.</summary>
[Authorize(Policy = ReportingPermissions.Reports)]
public sealed class IndexModel(IReportAppService reports, ISharedReportAppService shares, IAuthorizationService authorization,
    IStringLocalizer<ReportingResource> localizer) : PageModel
{
    /// <summary>Report definitions.</summary>
    public IReadOnlyList<ReportDefinitionDto> Definitions { get; private set; } = [];

    /// <summary>Shares, or null without the share permission.</summary>
    public IReadOnlyList<SharedReportDto>? Shares { get; private set; }

    /// <summary>A notice after an action.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Loads the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Definitions = reports.GetDefinitions();
        if ((await authorization.AuthorizeAsync(User, ReportingPermissions.Share)).Succeeded)
        {
            Shares = await shares.GetListAsync(null, cancellationToken);
        }
    }

    /// <summary>Revokes a share.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, ReportingPermissions.Share)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            await shares.RevokeAsync(id, cancellationToken);
            Message = localizer["Reports.Revoked"];
        }
        catch (BusinessException ex)
        {
            Message = localizer["Reports.Error", ex.Message];
        }

        return RedirectToPage();
    }
}
