using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Errors;
using SmeSupport.Timing;
using SmeSupport.Web.UI.Pages.Trials;

namespace SmeSupport.Web.UI.Pages.Portal.EInvoice;

/// <summary>
/// The enterprise's own e-invoice status in the portal (<c>/Portal/EInvoice</c>): confirmed steps and monthly counts, the steps it
/// reported, and a form to report the next step (it counts once staff confirm it).
/// </summary>
[Authorize(Policy = EInvoicingPermissions.OwnAdoption)]
public sealed class IndexModel(IEInvoicePortalAppService portal, IEInvoiceProviderAppService providers, IErrorMessageLocalizer errors, TimeProvider clock)
    : PageModel
{
    /// <summary>Status and reports.</summary>
    public EInvoicePortalDto Status { get; private set; } = new();

    /// <summary>Providers for the form.</summary>
    public IReadOnlyList<EInvoiceProviderDto> Providers { get; private set; } = [];

    /// <summary>Refusal, line by line.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Step reported.</summary>
    [BindProperty]
    public EInvoiceStep? Step { get; set; }

    /// <summary>Its date (yyyy-MM-dd).</summary>
    [BindProperty]
    public string? Date { get; set; }

    /// <summary>Kind.</summary>
    [BindProperty]
    public EInvoiceKind? Kind { get; set; }

    /// <summary>Provider.</summary>
    [BindProperty]
    public Guid? ProviderId { get; set; }

    /// <summary>Note.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Today (Vietnam).</summary>
    public string Today => PageErrors.Iso(VietnamTime.Today(clock));

    /// <summary>Loads the status; 404 when the account acts for no enterprise.</summary>
    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Reports a step.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await portal.ReportStepAsync(new ReportEInvoiceStepDto
            {
                Step = Step, Date = PageErrors.Date(Date), Kind = Kind, ProviderId = ProviderId, Note = Note,
            }, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            Problems = PageErrors.Lines(ex, errors);
            return await LoadAsync(cancellationToken);
        }

        StatusMessage = "Portal.EInvoice.Reported";
        return RedirectToPage("/Portal/EInvoice/Index");
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Status = await portal.GetAsync(cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Providers = await providers.GetListAsync(false, cancellationToken);
        return Page();
    }
}
