using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Errors;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Trials;

/// <summary>One trial at <c>/Trials/Details/{id}</c>: its lifecycle (start, complete with outcome and reason, cancel), check-ins and feedback.</summary>
[Authorize(Policy = TrialsPermissions.Default)]
public sealed class DetailsModel(ITrialAppService trials, IAuthorizationService authorization, IErrorMessageLocalizer errors, TimeProvider clock)
    : PageModel
{
    /// <summary>The trial with check-ins and feedback.</summary>
    public TrialDetailsDto Details { get; private set; } = new();

    /// <summary>True when the user may change the trial.</summary>
    public bool CanManage { get; private set; }

    /// <summary>Refusal of the last action, line by line.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>A one-time notice after an action.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Outcome for completion.</summary>
    [BindProperty]
    public TrialOutcome? Outcome { get; set; }

    /// <summary>Reason (completion as NotAdopted, or cancellation).</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Check-in date (yyyy-MM-dd).</summary>
    [BindProperty]
    public string? CheckInDate { get; set; }

    /// <summary>Check-in usage level.</summary>
    [BindProperty]
    public TrialUsageLevel? UsageLevel { get; set; }

    /// <summary>Check-in satisfaction 1–5.</summary>
    [BindProperty]
    public int? Satisfaction { get; set; }

    /// <summary>Check-in notes.</summary>
    [BindProperty]
    public string? Notes { get; set; }

    /// <summary>Today (Vietnam date), the check-in form's default.</summary>
    public string Today => PageErrors.Iso(VietnamTime.Today(clock));

    /// <summary>Loads the trial; 404 when unknown.</summary>
    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    /// <summary>Planned → Active.</summary>
    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Details.Started", () => trials.StartAsync(id, cancellationToken), cancellationToken);

    /// <summary>Active → Completed with outcome and reason.</summary>
    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Details.Completed", () => trials.CompleteAsync(id, new CompleteTrialDto { Outcome = Outcome, Reason = Reason }, cancellationToken),
            cancellationToken);

    /// <summary>Planned/Active → Cancelled.</summary>
    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Details.Cancelled", () => trials.CancelAsync(id, new CancelTrialDto { Reason = Reason }, cancellationToken), cancellationToken);

    /// <summary>Adds a check-in.</summary>
    public Task<IActionResult> OnPostCheckInAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Details.CheckInAdded", () => trials.AddCheckInAsync(id, new CreateTrialCheckInDto
        {
            Date = PageErrors.Date(CheckInDate), UsageLevel = UsageLevel, Satisfaction = Satisfaction, Notes = Notes,
        }, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync<T>(Guid id, string done, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, TrialsPermissions.Manage)).Succeeded)
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
        return RedirectToPage("/Trials/Details", new { id });
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Details = await trials.GetDetailsAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        CanManage = (await authorization.AuthorizeAsync(User, TrialsPermissions.Manage)).Succeeded;
        return Page();
    }
}
