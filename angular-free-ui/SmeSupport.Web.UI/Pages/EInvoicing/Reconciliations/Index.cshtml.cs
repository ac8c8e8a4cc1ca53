using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Errors;
using SmeSupport.Web.UI.Pages.Trials;

namespace SmeSupport.Web.UI.Pages.EInvoicing.Reconciliations;

/// <summary>
/// <c>/EInvoicing/Reconciliations</c>: upload a tax-office list (CSV or XLSX) and open its report; the history of imports, newest first.
/// Nothing changes in the adoption records until rows are accepted on the report.
/// </summary>
[Authorize(Policy = EInvoicingPermissions.Manage)]
public sealed class IndexModel(IEInvoiceReconciliationAppService reconciliations, IErrorMessageLocalizer errors, IReconciliationTemplate template)
    : PageModel
{
    /// <summary>The columns of the tax-office file (header, accepted aliases, accepted values), for the table under the upload form.</summary>
    public IReadOnlyList<ReconciliationTemplateColumnDto> TemplateColumns => template.Columns;

    /// <summary><c>?handler=Template&amp;format=csv|xlsx</c>: downloads the template (an unknown format gives CSV).</summary>
    public IActionResult OnGetTemplate(string? format)
    {
        var file = template.Create(format is "xlsx" ? "xlsx" : "csv");
        return File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>Largest file taken, bytes (as the API: <see cref="ReconciliationLimits.MaxFileBytes"/>, 20 MiB).</summary>
    public const long MaxFileBytes = ReconciliationLimits.MaxFileBytes;

    /// <summary>The file.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Match branches (NNNNNNNNNN-NNN) to their parent enterprise.</summary>
    [BindProperty]
    public bool BranchesToParent { get; set; }

    /// <summary>Page of the history.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Kept imports.</summary>
    public PagedResultDto<ReconciliationImportDto> Imports { get; private set; } = new([], 0);

    /// <summary>Refusal of the upload, line by line.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Lists the history.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Imports the file and opens its report.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Problems = [errors.Localize(new BusinessException(ReconciliationErrorCodes.EmptyFile, "No file was sent, or it is empty."))];
        }
        else if (Upload.Length > MaxFileBytes)
        {
            Problems = [errors.Localize(new BusinessException(ReconciliationErrorCodes.FileTooLarge, "The file is larger than 20 MiB.")
            {
                MessageArgs = [MaxFileBytes / (1024 * 1024)],
            })];
        }
        else
        {
            try
            {
                await using var stream = Upload.OpenReadStream();
                var import = await reconciliations.ImportAsync(stream, Upload.FileName, BranchesToParent, cancellationToken);
                return RedirectToPage("/EInvoicing/Reconciliations/Details", new { id = import.Id });
            }
            catch (BusinessException ex)
            {
                Problems = PageErrors.Lines(ex, errors);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Imports = await reconciliations.GetListAsync(new PagedRequestDto { Page = Math.Max(1, PageNumber), PageSize = 20 }, cancellationToken);
    }
}
