using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Identity.Contracts;

namespace SmeSupport.Web.UI.Pages.Cases;

/// <summary>
/// The staff case list at <c>/Cases</c>: filters by status, type, priority, assignee, overdue and commune, with each
/// case's service level. htmx swaps only the results (<c>hx-select</c>); without JavaScript the GET form reloads.
/// </summary>
[Authorize(Policy = CasesPermissions.Default)]
public sealed class IndexModel(ISupportCaseAppService cases, IUserDirectory users, IAdministrativeUnitAppService units) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Province whose communes the commune filter offers (Phú Thọ).</summary>
    public const int ProvinceCode = 25;

    /// <summary>Status filter.</summary>
    [BindProperty(SupportsGet = true)]
    public CaseStatus? Status { get; set; }

    /// <summary>Type filter.</summary>
    [BindProperty(SupportsGet = true)]
    public CaseType? Type { get; set; }

    /// <summary>Priority filter.</summary>
    [BindProperty(SupportsGet = true)]
    public CasePriority? Priority { get; set; }

    /// <summary>Assignee filter.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? AssigneeId { get; set; }

    /// <summary>Only overdue cases.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>Commune filter (ward code).</summary>
    [BindProperty(SupportsGet = true)]
    public int? WardCode { get; set; }

    /// <summary>1-based page (query <c>p</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of cases.</summary>
    public PagedResultDto<SupportCaseDto> Result { get; private set; } = new([], 0);

    /// <summary>Officers who can work cases.</summary>
    public IReadOnlyList<DirectoryUserDto> Officers { get; private set; } = [];

    /// <summary>Communes of the province.</summary>
    public IReadOnlyList<WardDto> Wards { get; private set; } = [];

    /// <summary>Number of pages.</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>The officer's display name.</summary>
    public string? OfficerName(Guid? id) => id is { } g ? Officers.FirstOrDefault(o => o.Id == g) is { } o ? o.FullName ?? o.Email : g.ToString() : null;

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Officers = await users.ListWithPermissionAsync(CasesPermissions.Manage, cancellationToken);
        Wards = await units.GetWardsAsync(ProvinceCode, cancellationToken);
        Result = await cases.GetListAsync(new SupportCaseListFilterDto
        {
            Status = Status, Type = Type, Priority = Priority, AssigneeId = AssigneeId, Overdue = Overdue ? true : null, WardCode = WardCode,
            Page = PageNumber, PageSize = PageSize,
        }, cancellationToken);
    }

    /// <summary>The query of this list at another page.</summary>
    public string PageUrl(int page) => Url.Page("/Cases/Index", new { Status, Type, Priority, AssigneeId, Overdue, WardCode, p = page })!;
}
