using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach;

/// <summary>
/// <c>/Outreach/Campaign</c> creates a campaign (purpose, template, segment, schedule); <c>/Outreach/Campaign?id=…</c> edits
/// the schedule of an existing one (<c>PUT /api/outreach/campaigns/{id}/schedule</c>). The schedule is once at a local date
/// and time or a cron between two local dates (Asia/Ho_Chi_Minh), with the next occurrences shown (htmx) before saving.
/// </summary>
[Authorize(Policy = OutreachPermissions.Manage)]
public sealed class CampaignModel(ICampaignAppService campaigns, ISegmentAppService segments, IErrorMessageLocalizer errors) : PageModel
{
    /// <summary>The form.</summary>
    public sealed class FormInput
    {
        /// <summary>Unique name.</summary>
        public string? Name { get; set; }

        /// <summary>Service or Advertising.</summary>
        public CampaignPurpose? Purpose { get; set; }

        /// <summary>The template.</summary>
        public Guid? TemplateId { get; set; }

        /// <summary>The segment, or null (pilot enterprises).</summary>
        public Guid? SegmentId { get; set; }

        /// <summary><c>manual</c>, <c>once</c> or <c>cron</c>.</summary>
        public string Kind { get; set; } = "once";

        /// <summary>Local date-time (datetime-local input) to send once.</summary>
        public string? OnceLocal { get; set; }

        /// <summary>Cron expression.</summary>
        public string? Cron { get; set; }

        /// <summary>Local start of a recurrence.</summary>
        public string? StartLocal { get; set; }

        /// <summary>Local end of a recurrence.</summary>
        public string? EndLocal { get; set; }

        /// <summary>The schedule as the API takes it.</summary>
        public CampaignScheduleDto Schedule() => Kind switch
        {
            "cron" => new CampaignScheduleDto
            {
                Cron = Cron ?? "", RecurrenceStartLocal = OutreachUi.ParseLocal(StartLocal), RecurrenceEndLocal = OutreachUi.ParseLocal(EndLocal),
            },
            // An empty or unreadable time is sent as a time long past, so the service answers "must lie in the future" on that field.
            "once" => new CampaignScheduleDto { ScheduledAtLocal = OutreachUi.ParseLocal(OnceLocal) ?? new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified) },
            _ => new CampaignScheduleDto(),
        };
    }

    /// <summary>The campaign being edited, or null when creating.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    /// <summary>The form.</summary>
    [BindProperty]
    public FormInput Input { get; set; } = new();

    /// <summary>The campaign being edited.</summary>
    public CampaignDto? Existing { get; private set; }

    /// <summary>Templates to choose from.</summary>
    public IReadOnlyList<EmailTemplateDto> Templates { get; private set; } = [];

    /// <summary>Segments to choose from.</summary>
    public IReadOnlyList<SegmentDto> Segments { get; private set; } = [];

    /// <summary>Field errors by API field name.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The refusal's message, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Next occurrences (htmx partial), local.</summary>
    public IReadOnlyList<string> Occurrences { get; private set; } = [];

    /// <summary>Shows the form (filled with the schedule when editing).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Existing is { } c)
        {
            Input = new FormInput
            {
                Name = c.Name, Purpose = c.Purpose, TemplateId = c.TemplateId, SegmentId = c.SegmentId,
                Kind = c.Cron is not null ? "cron" : c.ScheduledAt is not null ? "once" : "manual",
                OnceLocal = c.Cron is null ? OutreachUi.LocalInput(c.ScheduledAt) : null,
                Cron = c.Cron, StartLocal = OutreachUi.LocalInput(c.RecurrenceStartsAt), EndLocal = OutreachUi.LocalInput(c.RecurrenceEndsAt),
            };
        }

        return Page();
    }

    /// <summary>Creates the campaign or saves the new schedule; on a refusal shows the errors field by field.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            CampaignDto saved;
            if (Existing is { } c)
            {
                saved = await campaigns.UpdateScheduleAsync(c.Id, Input.Schedule(), cancellationToken);
            }
            else
            {
                var schedule = Input.Schedule();
                saved = await campaigns.CreateCampaignAsync(new CreateCampaignDto
                {
                    Name = Input.Name, Purpose = Input.Purpose, TemplateId = Input.TemplateId, SegmentId = Input.SegmentId,
                    ScheduledAtLocal = schedule.ScheduledAtLocal, Cron = schedule.Cron,
                    RecurrenceStartLocal = schedule.RecurrenceStartLocal, RecurrenceEndLocal = schedule.RecurrenceEndLocal,
                }, cancellationToken);
            }

            return RedirectToPage("/Outreach/Details", new { id = saved.Id });
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            if (Existing is { } e)
            {
                Input.Name = e.Name;
                Input.Purpose = e.Purpose;
                Input.TemplateId = e.TemplateId;
                Input.SegmentId = e.SegmentId;
            }

            FieldErrors = ex.Errors;
            Problem = errors.Localize(ex);
            Response.StatusCode = ex.StatusCode;
            return Page();
        }
    }

    /// <summary>htmx: the next occurrences of the schedule in the form, or its errors.</summary>
    public async Task<IActionResult> OnPostOccurrencesAsync(CancellationToken cancellationToken)
    {
        try
        {
            Occurrences = (await campaigns.PreviewScheduleAsync(Input.Schedule(), 5, cancellationToken)).OccurrencesLocal;
        }
        catch (BusinessException ex)
        {
            FieldErrors = ex.Errors;
        }

        return Partial("/Pages/Outreach/_Occurrences.cshtml", this);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Templates = await campaigns.GetTemplatesAsync(cancellationToken);
        Segments = await segments.GetListAsync(cancellationToken);
        if (Id is { } id)
        {
            try
            {
                Existing = await campaigns.GetCampaignAsync(id, cancellationToken);
            }
            catch (EntityNotFoundException)
            {
                return false;
            }
        }

        return true;
    }
}
