using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// The enterprise list at <c>/Enterprises?q=…&amp;p=…</c>: a diacritic-insensitive search box and
/// paging. Requests from htmx (<c>HX-Request: true</c>, not a history restore) get only the table
/// partial; everything else gets the full page, so the GET form works without JavaScript.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Default)]
public sealed class IndexModel(IEnterpriseAppService enterprises, IAuthorizationService authorization) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Search text (name, short name or tax-code prefix).</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>1-based page number (query <c>p</c>; <c>page</c> is taken by Razor Pages' route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of results.</summary>
    public PagedResultDto<EnterpriseDto> Result { get; private set; } = new([], 0);

    /// <summary>Number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>True when the user may create enterprises.</summary>
    public bool CanCreate { get; private set; }

    /// <summary>Loads the page of results; answers the table partial to htmx.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (Q is { Length: > 100 })
        {
            Q = Q[..100];
        }

        PageNumber = Math.Max(1, PageNumber);
        Result = await enterprises.GetListAsync(new EnterpriseListFilterDto { Q = Q, Page = PageNumber, PageSize = PageSize }, cancellationToken);
        if (PageNumber > PageCount)
        {
            PageNumber = PageCount;
            Result = await enterprises.GetListAsync(new EnterpriseListFilterDto { Q = Q, Page = PageNumber, PageSize = PageSize }, cancellationToken);
        }

        CanCreate = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Create)).Succeeded;

        Response.Headers.Vary = "HX-Request";
        var isHtmx = Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true";
        return isHtmx ? Partial("_EnterpriseTable", this) : Page();
    }
}
