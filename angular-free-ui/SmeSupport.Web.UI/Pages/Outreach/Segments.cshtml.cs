using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach;

/// <summary>
/// <c>/Outreach/Segments</c>: saved segments and a rule builder for every rule kind (cohort, commune, legal form, size,
/// industry, programme status, e-invoice step, trial status / platform / end within N days, trial past its end without an
/// outcome, registration approved within N days, no contact for N days, open case) with the live count and sample (htmx, <c>POST /api/outreach/segments/preview</c>'s service) before saving.
/// </summary>
[Authorize(Policy = OutreachPermissions.Default)]
public sealed class SegmentsModel(
    ISegmentAppService segments,
    IAdministrativeUnitAppService units,
    IEnterpriseCohortLookup cohorts,
    IPlatformAppService platforms,
    IAuthorizationService authorization,
    IErrorMessageLocalizer errors) : PageModel
{
    /// <summary>The province whose communes are offered (Phú Thọ after the 1 July 2025 reform).</summary>
    public const int ProvinceCode = 25;

    /// <summary>The builder's form.</summary>
    public sealed class FormInput
    {
        /// <summary>Segment name.</summary>
        public string? Name { get; set; }

        /// <summary>Cohort names.</summary>
        public List<string> Cohorts { get; set; } = [];

        /// <summary>Ward codes.</summary>
        public List<int> WardCodes { get; set; } = [];

        /// <summary>Legal forms.</summary>
        public List<LegalForm> LegalForms { get; set; } = [];

        /// <summary>Sizes.</summary>
        public List<EnterpriseSize> Sizes { get; set; } = [];

        /// <summary>VSIC sections.</summary>
        public List<string> IndustrySections { get; set; } = [];

        /// <summary>Programme statuses.</summary>
        public List<ProgrammeStatus> ProgrammeStatuses { get; set; } = [];

        /// <summary>E-invoice steps.</summary>
        public List<EInvoiceStep> EInvoiceSteps { get; set; } = [];

        /// <summary>Trial statuses.</summary>
        public List<TrialStatus> TrialStatuses { get; set; } = [];

        /// <summary>Trial platform.</summary>
        public Guid? TrialPlatformId { get; set; }

        /// <summary>Trial ends within N days.</summary>
        public int? TrialEndsWithinDays { get; set; }

        /// <summary><c>yes</c>: only enterprises with a trial past its end without an outcome; <c>no</c>: only those without; empty: no rule.</summary>
        public string? TrialPastEndWithoutOutcome { get; set; }

        /// <summary>Registration approved in the last N days.</summary>
        public int? ApprovedWithinDays { get; set; }

        /// <summary>No contact for N days.</summary>
        public int? NoContactForDays { get; set; }

        /// <summary><c>yes</c>, <c>no</c> or empty.</summary>
        public string? HasOpenCase { get; set; }

        /// <summary>The rules as the API takes them (empty lists: no rule).</summary>
        public SegmentRulesDto Rules() => new()
        {
            Cohorts = Cohorts.Count > 0 ? Cohorts : null,
            WardCodes = WardCodes.Count > 0 ? WardCodes : null,
            LegalForms = LegalForms.Count > 0 ? LegalForms : null,
            Sizes = Sizes.Count > 0 ? Sizes : null,
            IndustrySections = IndustrySections.Count > 0 ? IndustrySections : null,
            ProgrammeStatuses = ProgrammeStatuses.Count > 0 ? ProgrammeStatuses : null,
            EInvoiceSteps = EInvoiceSteps.Count > 0 ? EInvoiceSteps : null,
            TrialStatuses = TrialStatuses.Count > 0 ? TrialStatuses : null,
            TrialPlatformId = TrialPlatformId,
            TrialEndsWithinDays = TrialEndsWithinDays,
            TrialPastEndWithoutOutcome = TrialPastEndWithoutOutcome switch { "yes" => true, "no" => false, _ => null },
            ApprovedWithinDays = ApprovedWithinDays,
            NoContactForDays = NoContactForDays,
            HasOpenCase = HasOpenCase switch { "yes" => true, "no" => false, _ => null },
        };
    }

    /// <summary>The form.</summary>
    [BindProperty]
    public FormInput Input { get; set; } = new();

    /// <summary>Saved segments.</summary>
    public IReadOnlyList<SegmentDto> Saved { get; private set; } = [];

    /// <summary>Communes of the province.</summary>
    public IReadOnlyList<WardDto> Wards { get; private set; } = [];

    /// <summary>Cohort names in use.</summary>
    public IReadOnlyList<string> CohortNames { get; private set; } = [];

    /// <summary>Platforms.</summary>
    public IReadOnlyList<PlatformDto> Platforms { get; private set; } = [];

    /// <summary>True when the user may save segments.</summary>
    public bool CanManage { get; private set; }

    /// <summary>The live preview, or null.</summary>
    public SegmentPreviewDto? Preview { get; private set; }

    /// <summary>Field errors by API field name.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The refusal's message, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Shows the list and the builder.</summary>
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>htmx: the count and sample of the rules in the form (nothing stored).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        try
        {
            Preview = await segments.PreviewAsync(Input.Rules(), cancellationToken);
        }
        catch (BusinessException ex)
        {
            FieldErrors = ex.Errors;
            Problem = errors.Localize(ex);
        }

        return Partial("/Pages/Outreach/_SegmentPreview.cshtml", this);
    }

    /// <summary>Saves the segment; refusals field by field.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var saved = await segments.CreateAsync(new CreateSegmentDto { Name = Input.Name, Rules = Input.Rules() }, cancellationToken);
            StatusMessage = saved.Name;
            return RedirectToPage("/Outreach/Segments");
        }
        catch (BusinessException ex)
        {
            FieldErrors = ex.Errors;
            Problem = errors.Localize(ex);
            Response.StatusCode = ex.StatusCode;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Saved = await segments.GetListAsync(cancellationToken);
        Wards = await units.GetWardsAsync(ProvinceCode, cancellationToken);
        CohortNames = (await cohorts.ListMembershipsAsync(cancellationToken)).Select(m => m.Cohort.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        Platforms = await platforms.GetListAsync(true, cancellationToken);
        CanManage = (await authorization.AuthorizeAsync(User, OutreachPermissions.Manage)).Succeeded;
    }
}
