using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Trials;

/// <summary>
/// The trial list at <c>/Trials</c>: filters by platform, status, the signed-in officer's own trials and "ending within N days";
/// htmx requests get only the table partial.
/// </summary>
[Authorize(Policy = TrialsPermissions.Default)]
public sealed class IndexModel(ITrialAppService trials, IPlatformAppService platforms, ICurrentUser currentUser, IAuthorizationService authorization,
    IErrorMessageLocalizer errors) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Platform filter.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Platform { get; set; }

    /// <summary>Status filter.</summary>
    [BindProperty(SupportsGet = true)]
    public TrialStatus? Status { get; set; }

    /// <summary>Only the signed-in officer's trials.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    /// <summary>Only open trials ending within this many days (0–365).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Ending { get; set; }

    /// <summary>1-based page.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The platforms for the filter.</summary>
    public IReadOnlyList<PlatformDto> Platforms { get; private set; } = [];

    /// <summary>The page of trials.</summary>
    public PagedResultDto<TrialDto> Result { get; private set; } = new([], 0);

    /// <summary>Problems with the filter, shown above the table.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Number of pages.</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>True when the user may plan trials.</summary>
    public bool CanManage { get; private set; }

    /// <summary>Loads the list.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Platforms = await platforms.GetListAsync(true, cancellationToken);
        CanManage = (await authorization.AuthorizeAsync(User, TrialsPermissions.Manage)).Succeeded;
        PageNumber = Math.Max(1, PageNumber);
        try
        {
            Result = await trials.GetListAsync(new TrialListFilterDto
            {
                PlatformId = Platform,
                Status = Status,
                AssignedOfficerId = Mine ? currentUser.Id : null,
                EndingWithinDays = Ending,
                Page = PageNumber,
                PageSize = PageSize,
            }, cancellationToken);
        }
        catch (BusinessException ex)
        {
            Problems = PageErrors.Lines(ex, errors);
        }

        Response.Headers.Vary = "HX-Request";
        var isHtmx = Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true";
        return isHtmx ? Partial("_TrialTable", this) : Page();
    }

    /// <summary>The query of this list with another page number.</summary>
    public string? PageUrl(int page) => Url.Page("/Trials/Index", new { Platform, Status, Mine, Ending, p = page });
}
