using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Web.UI.Pages.Cases.Visits;

/// <summary>Community visits at <c>/Cases/Visits</c>, most recent first, filtered by commune and period.</summary>
[Authorize(Policy = CasesPermissions.Default)]
public sealed class IndexModel(ICommunityVisitAppService visits, IAdministrativeUnitAppService units, IAuthorizationService authorization) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Commune filter.</summary>
    [BindProperty(SupportsGet = true)]
    public int? WardCode { get; set; }

    /// <summary>First day.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last day.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>1-based page (query <c>p</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of visits.</summary>
    public PagedResultDto<CommunityVisitDto> Result { get; private set; } = new([], 0);

    /// <summary>Communes of the province.</summary>
    public IReadOnlyList<WardDto> Wards { get; private set; } = [];

    /// <summary>True when the user may record visits.</summary>
    public bool CanCreate { get; private set; }

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Number of pages.</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>Loads the list (a From after To is swapped rather than refused).</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (From is { } f && To is { } t && f > t)
        {
            (From, To) = (t, f);
        }

        PageNumber = Math.Max(1, PageNumber);
        Wards = await units.GetWardsAsync(Cases.IndexModel.ProvinceCode, cancellationToken);
        Result = await visits.GetListAsync(new CommunityVisitListFilterDto { WardCode = WardCode, From = From, To = To, Page = PageNumber, PageSize = PageSize },
            cancellationToken);
        CanCreate = (await authorization.AuthorizeAsync(User, CasesPermissions.Visits)).Succeeded;
    }
}
