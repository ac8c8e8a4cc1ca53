using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.EInvoicing.Contracts;

namespace SmeSupport.Web.UI.Pages.EInvoicing;

/// <summary>E-invoice adoption records at <c>/EInvoicing</c>, filtered by current step, paged.</summary>
[Authorize(Policy = EInvoicingPermissions.Default)]
public sealed class IndexModel(IEInvoiceAdoptionAppService adoptions, IAuthorizationService authorization) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Step filter.</summary>
    [BindProperty(SupportsGet = true)]
    public EInvoiceStep? Step { get; set; }

    /// <summary>1-based page.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page.</summary>
    public PagedResultDto<EInvoiceAdoptionListItemDto> Result { get; private set; } = new([], 0);

    /// <summary>Pages.</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>True when the user may reconcile and confirm.</summary>
    public bool CanManage { get; private set; }

    /// <summary>Loads the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Step = Step is { } s && Enum.IsDefined(s) ? s : null;
        Result = await adoptions.GetListAsync(new EInvoiceAdoptionListFilterDto { Step = Step, Page = PageNumber, PageSize = PageSize }, cancellationToken);
        CanManage = (await authorization.AuthorizeAsync(User, EInvoicingPermissions.Manage)).Succeeded;
    }
}
