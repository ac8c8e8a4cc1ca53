using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Errors;
using SmeSupport.Timing;
using SmeSupport.Web.UI.Pages.Trials;

namespace SmeSupport.Web.UI.Pages.EInvoicing;

/// <summary>
/// One enterprise's e-invoice adoption at <c>/EInvoicing/Details/{enterpriseId}</c>: the dated steps with their sources, the monthly
/// invoice counts, and (with Manage) forms to record the next step and a month's count.
/// </summary>
[Authorize(Policy = EInvoicingPermissions.Default)]
public sealed class DetailsModel(IEInvoiceAdoptionAppService adoptions, IEInvoiceProviderAppService providers, IAuthorizationService authorization,
    IErrorMessageLocalizer errors, TimeProvider clock) : PageModel
{
    /// <summary>The adoption.</summary>
    public EInvoiceAdoptionDto Adoption { get; private set; } = new();

    /// <summary>Providers for the form.</summary>
    public IReadOnlyList<EInvoiceProviderDto> Providers { get; private set; } = [];

    /// <summary>True when the user may record.</summary>
    public bool CanManage { get; private set; }

    /// <summary>Refusal, line by line.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Step to record.</summary>
    [BindProperty]
    public EInvoiceStep? Step { get; set; }

    /// <summary>Step date (yyyy-MM-dd).</summary>
    [BindProperty]
    public string? Date { get; set; }

    /// <summary>Source of the step or count.</summary>
    [BindProperty]
    public EInvoiceStepSource? Source { get; set; }

    /// <summary>Invoice kind.</summary>
    [BindProperty]
    public EInvoiceKind? Kind { get; set; }

    /// <summary>Provider.</summary>
    [BindProperty]
    public Guid? ProviderId { get; set; }

    /// <summary>Note.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Month (yyyy-MM).</summary>
    [BindProperty]
    public string? Month { get; set; }

    /// <summary>Invoice count.</summary>
    [BindProperty]
    public int? Count { get; set; }

    /// <summary>Today (Vietnam), the step form's default.</summary>
    public string Today => PageErrors.Iso(VietnamTime.Today(clock));

    /// <summary>This month (Vietnam), the count form's default and maximum.</summary>
    public string ThisMonth => VietnamTime.Today(clock).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Loads the adoption.</summary>
    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    /// <summary>Records the next step.</summary>
    public Task<IActionResult> OnPostStepAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Adoption.StepRecorded", () => adoptions.RecordStepAsync(id, new RecordEInvoiceStepDto
        {
            Step = Step, Date = PageErrors.Date(Date), Source = Source, Kind = Kind, ProviderId = ProviderId, Note = Note,
        }, cancellationToken), cancellationToken);

    /// <summary>Records (or replaces) a month's count.</summary>
    public Task<IActionResult> OnPostCountAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Adoption.CountRecorded", () => adoptions.SaveMonthlyCountAsync(id, new SaveEInvoiceMonthlyCountDto
        {
            Month = Month, Count = Count, Source = Source, Note = Note,
        }, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync<T>(Guid id, string done, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, EInvoicingPermissions.Manage)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            await action();
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            Problems = PageErrors.Lines(ex, errors);
            return await LoadAsync(id, cancellationToken);
        }

        StatusMessage = done;
        return RedirectToPage("/EInvoicing/Details", new { id });
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Adoption = await adoptions.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        Providers = await providers.GetListAsync(false, cancellationToken);
        CanManage = (await authorization.AuthorizeAsync(User, EInvoicingPermissions.Manage)).Succeeded;
        return Page();
    }
}
