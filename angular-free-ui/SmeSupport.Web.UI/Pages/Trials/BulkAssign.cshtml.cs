using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Trials;

/// <summary>
/// <c>/Trials/BulkAssign</c>: one platform for many enterprises — a cohort (picked from the existing cohorts) and/or a filter over the
/// registry (commune/ward, legal form, size, VSIC section, programme status), or a list of tax codes (one per line, or separated by
/// commas or spaces) — with an optional assigned officer and a dry run; the result lists the trials planned and the entries skipped,
/// each with its reason. An empty selection (no cohort, no filter) is refused by the service and the page says so.
/// </summary>
[Authorize(Policy = TrialsPermissions.Manage)]
public sealed class BulkAssignModel(ITrialAppService trials, IPlatformAppService platforms, IEnterpriseCohortLookup cohorts,
    IAdministrativeUnitAppService units, IUserDirectory users, IErrorMessageLocalizer errors, TimeProvider clock)
    : PageModel
{
    /// <summary>Province whose communes/wards the commune filter offers (Phú Thọ), as on the enterprise list.</summary>
    public const int ProvinceCode = 25;

    /// <summary>Commune/ward code filter.</summary>
    [BindProperty]
    public int? WardCode { get; set; }

    /// <summary>Legal form filter.</summary>
    [BindProperty]
    public LegalForm? LegalForm { get; set; }

    /// <summary>Size class filter.</summary>
    [BindProperty]
    public EnterpriseSize? Size { get; set; }

    /// <summary>VSIC section letter filter.</summary>
    [BindProperty]
    public string? Section { get; set; }

    /// <summary>Programme status filter.</summary>
    [BindProperty]
    public ProgrammeStatus? ProgrammeStatus { get; set; }

    /// <summary>The officer following the trials (none when empty).</summary>
    [BindProperty]
    public Guid? AssignedOfficerId { get; set; }

    /// <summary>Existing cohort names (of enterprises not deleted), in Vietnamese order.</summary>
    public IReadOnlyList<string> Cohorts { get; private set; } = [];

    /// <summary>Communes/wards of <see cref="ProvinceCode"/>.</summary>
    public IReadOnlyList<WardDto> Wards { get; private set; } = [];

    /// <summary>Users who may manage trials (the officers a trial can be assigned to).</summary>
    public IReadOnlyList<DirectoryUserDto> Officers { get; private set; } = [];

    /// <summary>Field errors by field name (camelCase, as the API names them).</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The errors of one field (camelCase name), or none.</summary>
    public IReadOnlyList<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var m) ? m : [];

    /// <summary>The platform.</summary>
    [BindProperty]
    public Guid? PlatformId { get; set; }

    /// <summary><c>cohort</c> (a cohort and/or a filter) or <c>taxcodes</c>.</summary>
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
        await LoadAsync(cancellationToken);
        StartDate ??= PageErrors.Iso(VietnamTime.Today(clock));
    }

    /// <summary>Assigns (or reports, on a dry run).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var byCohort = Mode != "taxcodes";
        var selection = new EnterpriseSelectionDto
        {
            WardCode = WardCode,
            LegalForm = LegalForm,
            Size = Size,
            Section = string.IsNullOrWhiteSpace(Section) ? null : Section.Trim(),
            ProgrammeStatus = ProgrammeStatus,
        };
        var cohort = string.IsNullOrWhiteSpace(Cohort) ? null : Cohort;
        try
        {
            Result = await trials.BulkAssignAsync(new BulkAssignTrialsDto
            {
                PlatformId = PlatformId,
                Cohort = byCohort ? cohort : null,
                // No cohort: the filter (even an empty one, which the service refuses rather than take every enterprise).
                Selection = byCohort && (cohort is null || !IsEmpty(selection)) ? selection : null,
                AssignedOfficerId = AssignedOfficerId,
                TaxCodes = byCohort ? null
                    : (TaxCodes ?? "").Split(['\n', '\r', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                StartDate = PageErrors.Date(StartDate),
                EndDate = PageErrors.Date(EndDate),
                DryRun = DryRun,
            }, cancellationToken);
        }
        catch (BusinessException ex)
        {
            Problems = [errors.Localize(ex)];
            FieldErrors = ex.Errors.ToDictionary(e => e.Key, e => e.Value);
        }

        return Page();
    }

    private static bool IsEmpty(EnterpriseSelectionDto s) =>
        s.WardCode is null && s.LegalForm is null && s.Size is null && s.Section is null && s.ProgrammeStatus is null;

    private async Task LoadAsync(CancellationToken ct)
    {
        Platforms = await platforms.GetListAsync(false, ct);
        Cohorts = (await cohorts.ListMembershipsAsync(ct)).Select(m => m.Cohort.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true)).ToList();
        Wards = await units.GetWardsAsync(ProvinceCode, ct);
        Officers = await users.ListWithPermissionAsync(TrialsPermissions.Manage, ct);
    }
}
