using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Errors;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;
using SmeSupport.Web.UI.Pages.Trials;

namespace SmeSupport.Web.UI.Pages.Portal.Trials;

/// <summary>One own trial in the portal (<c>/Portal/Trials/Details/{id}</c>): check-ins and feedback, and forms to add them; another enterprise's trial is 404.</summary>
[Authorize(Policy = TrialsPermissions.OwnTrials)]
public sealed class DetailsModel(ITrialPortalAppService trials, IErrorMessageLocalizer errors, TimeProvider clock) : PageModel
{
    /// <summary>The trial.</summary>
    public TrialDetailsDto Details { get; private set; } = new();

    /// <summary>Refusal, line by line.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Check-in date (yyyy-MM-dd).</summary>
    [BindProperty]
    public string? CheckInDate { get; set; }

    /// <summary>Usage level.</summary>
    [BindProperty]
    public TrialUsageLevel? UsageLevel { get; set; }

    /// <summary>Satisfaction 1–5.</summary>
    [BindProperty]
    public int? Satisfaction { get; set; }

    /// <summary>Notes.</summary>
    [BindProperty]
    public string? Notes { get; set; }

    /// <summary>Feedback rating 1–5.</summary>
    [BindProperty]
    public int? Rating { get; set; }

    /// <summary>Feedback comment.</summary>
    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>Whether the enterprise means to continue.</summary>
    [BindProperty]
    public bool? WouldContinue { get; set; }

    /// <summary>Today (Vietnam), the form's default.</summary>
    public string Today => PageErrors.Iso(VietnamTime.Today(clock));

    /// <summary>Loads the trial.</summary>
    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    /// <summary>Adds a check-in.</summary>
    public Task<IActionResult> OnPostCheckInAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Details.CheckInAdded", () => trials.AddCheckInAsync(id, new CreateTrialCheckInDto
        {
            Date = PageErrors.Date(CheckInDate), UsageLevel = UsageLevel, Satisfaction = Satisfaction, Notes = Notes,
        }, cancellationToken), cancellationToken);

    /// <summary>Gives feedback.</summary>
    public Task<IActionResult> OnPostFeedbackAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Portal.Trials.FeedbackAdded", () => trials.AddFeedbackAsync(id, new CreateTrialFeedbackDto
        {
            Rating = Rating, Comment = Comment, WouldContinue = WouldContinue,
        }, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync<T>(Guid id, string done, Func<Task<T>> action, CancellationToken cancellationToken)
    {
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
        return RedirectToPage("/Portal/Trials/Details", new { id });
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Details = await trials.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return Page();
    }
}
