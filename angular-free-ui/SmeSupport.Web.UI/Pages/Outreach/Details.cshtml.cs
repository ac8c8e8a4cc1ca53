using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach;

/// <summary>
/// <c>/Outreach/Details/{id}</c>: a campaign, its pause / resume / cancel / send buttons (a 409 is shown as a message), the
/// figures of each run with an SVG chart and its table, and a progress bar polled by htmx while a run is sending.
/// </summary>
[Authorize(Policy = OutreachPermissions.Default)]
public sealed class DetailsModel(ICampaignAppService campaigns, IAuthorizationService authorization, IErrorMessageLocalizer errors) : PageModel
{
    /// <summary>The campaign.</summary>
    public CampaignDto Campaign { get; private set; } = null!;

    /// <summary>Its figures.</summary>
    public CampaignFiguresDto Figures { get; private set; } = null!;

    /// <summary>Its template's name.</summary>
    public string TemplateName { get; private set; } = "";

    /// <summary>
    /// The actions its status allows (<see cref="CampaignStateMachine.ActionsFor"/>, the rule the service enforces); only
    /// these buttons are shown.
    /// </summary>
    public IReadOnlyList<CampaignAction> Actions { get; private set; } = [];

    /// <summary>True when the user may change it.</summary>
    public bool CanManage { get; private set; }

    /// <summary>A one-time notice (a key of OutreachResource) or a refusal's message.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>A refusal (409) shown once.</summary>
    [TempData]
    public string? ProblemMessage { get; set; }

    /// <summary>True while a run is still sending.</summary>
    public bool Sending => Figures.Runs.Any(r => r.Status != CampaignRunStatus.Completed);

    /// <summary>Shows the campaign.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>htmx: the progress block alone (polled while a run is sending).</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Partial("/Pages/Outreach/_Progress.cshtml", this) : NotFound();

    /// <summary>Pause, resume, cancel or send now; a refusal is shown as a message.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, string action, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, OutreachPermissions.Manage)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            switch (action)
            {
                case "pause":
                    await campaigns.PauseAsync(id, cancellationToken);
                    break;
                case "resume":
                    await campaigns.ResumeAsync(id, cancellationToken);
                    break;
                case "cancel":
                    await campaigns.CancelAsync(id, cancellationToken);
                    break;
                case "send":
                    await campaigns.SendAsync(id, cancellationToken);
                    break;
                default:
                    return BadRequest();
            }

            StatusMessage = "Action.Done." + action;
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            ProblemMessage = errors.Localize(ex) + " (" + ex.Code + ")";
        }

        return RedirectToPage("/Outreach/Details", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Campaign = await campaigns.GetCampaignAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return false;
        }

        Figures = await campaigns.GetFiguresAsync(id, cancellationToken);
        TemplateName = (await campaigns.GetTemplatesAsync(cancellationToken)).FirstOrDefault(t => t.Id == Campaign.TemplateId)?.Name ?? "?";
        Actions = CampaignStateMachine.ActionsFor(Campaign, Figures.Runs.Any(r => r.OccurrenceKey == CampaignStateMachine.OnceOccurrenceKey));
        CanManage = (await authorization.AuthorizeAsync(User, OutreachPermissions.Manage)).Succeeded;
        return true;
    }
}
