using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Errors;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Trials;

/// <summary>
/// <c>/Trials/BulkAssign</c>: one platform for many enterprises — a cohort or a list of tax codes (one per line, or separated by
/// commas or spaces) — with a dry run; the result lists the trials planned and the entries skipped, each with its reason.
/// </summary>
[Authorize(Policy = TrialsPermissions.Manage)]
public sealed class BulkAssignModel(ITrialAppService trials, IPlatformAppService platforms, IErrorMessageLocalizer errors, TimeProvider clock)
    : PageModel
{
    /// <summary>The platform.</summary>
    [BindProperty]
    public Guid? PlatformId { get; set; }

    /// <summary><c>cohort</c> or <c>taxcodes</c>.</summary>
    [BindProperty]
    public string Mode { get; set; } = "cohort";

    /// <summary>Cohort name.</summary>
    [BindProperty]
    public string? Cohort { get; set; }

    /// <summary>Tax codes as typed.</summary>
    [BindProperty]
    public string? TaxCodes { get; set; }

    /// <summary>First day (yyyy-MM-dd).</summary>
    [BindProperty]
    public string? StartDate { get; set; }

    /// <summary>Last day (yyyy-MM-dd), optional.</summary>
    [BindProperty]
    public string? EndDate { get; set; }

    /// <summary>Report only, store nothing.</summary>
    [BindProperty]
    public bool DryRun { get; set; }

    /// <summary>Active platforms.</summary>
    public IReadOnlyList<PlatformDto> Platforms { get; private set; } = [];

    /// <summary>The outcome, after a post.</summary>
    public BulkAssignResultDto? Result { get; private set; }

    /// <summary>Refusal, line by line.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Shows the form.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Platforms = await platforms.GetListAsync(false, cancellationToken);
        StartDate ??= PageErrors.Iso(VietnamTime.Today(clock));
    }

    /// <summary>Assigns (or reports, on a dry run).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Platforms = await platforms.GetListAsync(false, cancellationToken);
        var byCohort = Mode != "taxcodes";
        try
        {
            Result = await trials.BulkAssignAsync(new BulkAssignTrialsDto
            {
                PlatformId = PlatformId,
                Cohort = byCohort ? Cohort ?? "" : null,
                TaxCodes = byCohort ? null
                    : (TaxCodes ?? "").Split(['\n', '\r', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                StartDate = PageErrors.Date(StartDate),
                EndDate = PageErrors.Date(EndDate),
                DryRun = DryRun,
            }, cancellationToken);
        }
        catch (BusinessException ex)
        {
            Problems = PageErrors.Lines(ex, errors);
        }

        return Page();
    }
}
