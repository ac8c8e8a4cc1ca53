using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Errors;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Web.UI.Pages.Reports;

namespace SmeSupport.Web.UI.Pages.Partner;

/// <summary>
/// TaxPartner: one shared report under the share's filters and columns (the same server rules as the API: another organization's,
/// an expired or a revoked share → 404; a filter outside the share → 403). The view is logged.
/// </summary>
[Authorize(Policy = ReportingPermissions.PartnerView)]
public sealed class ViewModel(IPartnerReportAppService reports) : PageModel
{
    /// <summary>The share.</summary>
    public SharedReportDto Share { get; private set; } = null!;

    /// <summary>The filters asked for (only the period may be chosen, when the share does not fix it).</summary>
    public ReportQueryDto Query { get; private set; } = new();

    /// <summary>The result, or null after a bad period.</summary>
    public ReportResultDto? Result { get; private set; }

    /// <summary>An error to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Runs the shared report.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Query = ReportPageHelpers.FromQuery(Request.Query);
        try
        {
            Share = await reports.GetShareAsync(id, cancellationToken);
            Result = await reports.RunAsync(id, Query, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex) when (ex.StatusCode == StatusCodes403)
        {
            return StatusCode(StatusCodes403);
        }
        catch (BusinessException ex) when (Share is not null)
        {
            Error = ReportPageHelpers.Describe(ex);
        }

        return Page();
    }

    private const int StatusCodes403 = 403;
}
