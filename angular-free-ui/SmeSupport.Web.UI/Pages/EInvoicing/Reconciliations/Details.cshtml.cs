using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Errors;
using SmeSupport.Web.UI.Pages.Trials;

namespace SmeSupport.Web.UI.Pages.EInvoicing.Reconciliations;

/// <summary>
/// One import's report at <c>/EInvoicing/Reconciliations/Details/{id}</c>: counts by outcome, rows filtered by outcome, and accepting
/// changes row by row (htmx swaps the row) or all at once.
/// </summary>
[Authorize(Policy = EInvoicingPermissions.Manage)]
public sealed class DetailsModel(IEInvoiceReconciliationAppService reconciliations, IErrorMessageLocalizer errors) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    /// <summary>The import.</summary>
    public ReconciliationImportDto Import { get; private set; } = new();

    /// <summary>Outcome filter.</summary>
    [BindProperty(SupportsGet = true)]
    public ReconciliationOutcome? Outcome { get; set; }

    /// <summary>1-based page.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The rows.</summary>
    public PagedResultDto<ReconciliationRowDto> Rows { get; private set; } = new([], 0);

    /// <summary>Refusal or notice lines.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>What the last accept did.</summary>
    public AcceptReconciliationResultDto? Accepted { get; private set; }

    /// <summary>Pages.</summary>
    public int PageCount => Math.Max(1, (Rows.TotalCount + PageSize - 1) / PageSize);

    /// <summary>Loads the report.</summary>
    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    /// <summary>Accepts one row; to htmx answers the row alone.</summary>
    public async Task<IActionResult> OnPostAcceptRowAsync(Guid id, int row, CancellationToken cancellationToken)
    {
        try
        {
            Accepted = await reconciliations.AcceptAsync(id, new AcceptReconciliationDto { RowNumbers = [row] }, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            Problems = PageErrors.Lines(ex, errors);
        }

        if (Request.Headers["HX-Request"] == "true")
        {
            if (Accepted is not null)
            {
                // The "accept all" box reloads its pending count on this event.
                Response.Headers["HX-Trigger"] = "reconciliation-accepted";
            }

            var rows = await reconciliations.GetRowsAsync(id, new ReconciliationRowFilterDto { Page = (row - 1) / 200 + 1, PageSize = 200 }, cancellationToken);
            var updated = rows.Items.FirstOrDefault(r => r.RowNumber == row);
            return updated is null ? NotFound() : Partial("_Row", (updated, id, Problems));
        }

        return await LoadAsync(id, cancellationToken);
    }

    /// <summary>The "accept all" box with the count of changes still pending (htmx reloads it after a single-row accept).</summary>
    public async Task<IActionResult> OnGetAcceptAllBoxAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var import = await reconciliations.GetAsync(id, cancellationToken);
            return Partial("_AcceptAll", (import.Id, import.Changes - import.Accepted));
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Accepts every pending change.</summary>
    public async Task<IActionResult> OnPostAcceptAllAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Accepted = await reconciliations.AcceptAsync(id, new AcceptReconciliationDto(), cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            Problems = PageErrors.Lines(ex, errors);
        }

        return await LoadAsync(id, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Import = await reconciliations.GetAsync(id, cancellationToken);
            PageNumber = Math.Max(1, PageNumber);
            Rows = await reconciliations.GetRowsAsync(id, new ReconciliationRowFilterDto { Outcome = Outcome, Page = PageNumber, PageSize = PageSize },
                cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return Page();
    }
}
