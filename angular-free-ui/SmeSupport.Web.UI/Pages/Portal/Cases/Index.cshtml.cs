using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Portal.Cases;

/// <summary>The enterprise's own cases at <c>/Portal/Cases</c>.</summary>
[Authorize(Policy = CasesPermissions.Portal)]
public sealed class IndexModel(IPortalCaseAppService portal) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>1-based page (query <c>p</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of cases.</summary>
    public PagedResultDto<PortalCaseDto> Result { get; private set; } = new([], 0);

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Loads the list; a signed-in user who acts for no enterprise (staff) is sent to the access-denied page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        try
        {
            Result = await portal.GetListAsync(PageNumber, PageSize, cancellationToken);
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }

        return Page();
    }
}
