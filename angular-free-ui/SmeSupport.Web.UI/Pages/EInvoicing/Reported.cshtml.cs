using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Errors;
using SmeSupport.Web.UI.Pages.Trials;

namespace SmeSupport.Web.UI.Pages.EInvoicing;

/// <summary><c>/EInvoicing/Reported</c>: steps enterprises reported through the portal, waiting for staff to confirm (then they count) or reject.</summary>
[Authorize(Policy = EInvoicingPermissions.Manage)]
public sealed class ReportedModel(IReportedStepAppService reported, IErrorMessageLocalizer errors) : PageModel
{
    /// <summary>Pending reports, oldest first.</summary>
    public PagedResultDto<ReportedStepDto> Pending { get; private set; } = new([], 0);

    /// <summary>Refusal, line by line.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Rejection reason.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Lists pending reports.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Confirms one.</summary>
    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(() => reported.ConfirmAsync(id, cancellationToken), cancellationToken);

    /// <summary>Rejects one.</summary>
    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(() => reported.RejectAsync(id, new RejectReportedStepDto { Reason = Reason }, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(Func<Task<ReportedStepDto>> action, CancellationToken cancellationToken)
    {
        try
        {
            await action();
            return RedirectToPage("/EInvoicing/Reported");
        }
        catch (BusinessException ex)
        {
            Problems = PageErrors.Lines(ex, errors);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Pending = await reported.GetListAsync(ReportedStepState.Pending, new PagedRequestDto { Page = 1, PageSize = 200 }, cancellationToken);
}
