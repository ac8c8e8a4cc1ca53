using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// Soft-deleted enterprises at <c>/Enterprises/Deleted</c>, newest deletion first, each with a Restore button
/// (<see cref="EnterprisesPermissions.Delete"/>). A restore refused because the tax code was taken meanwhile is shown as a message.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Delete)]
public sealed class DeletedModel(IEnterpriseAppService enterprises, IStringLocalizer<EnterpriseUiResource> localizer) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>1-based page number (query <c>p</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of deleted enterprises.</summary>
    public PagedResultDto<DeletedEnterpriseDto> Result { get; private set; } = new([], 0);

    /// <summary>Number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>A one-time notice after a delete or restore.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>An error of the last restore, for display.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Lists the deleted enterprises.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Restores one and opens it.</summary>
    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var restored = await enterprises.RestoreAsync(id, cancellationToken);
            TempData["StatusMessage"] = localizer["Deleted.Restored", restored.Name].Value;
            return RedirectToPage("/Enterprises/Details", new { id });
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex) when (ex is not ForbiddenException)
        {
            ErrorMessage = ex.Code == EnterprisesErrorCodes.DuplicateTaxCode ? localizer["Deleted.TaxCodeTaken"].Value : ex.Message;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Result = await enterprises.GetDeletedListAsync(new PagedRequestDto { Page = PageNumber, PageSize = PageSize }, cancellationToken);
    }
}
