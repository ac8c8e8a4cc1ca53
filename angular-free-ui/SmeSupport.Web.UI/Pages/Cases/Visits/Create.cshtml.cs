using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Cases.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Timing;

namespace SmeSupport.Web.UI.Pages.Cases.Visits;

/// <summary>Records a community visit at <c>/Cases/Visits/Create</c>; refusals show next to the fields.</summary>
[Authorize(Policy = CasesPermissions.Visits)]
public sealed class CreateModel(
    ICommunityVisitAppService visits,
    IAdministrativeUnitAppService units,
    IEnterpriseLookup enterprises,
    IUserDirectory users,
    IStringLocalizer<CasesResource> localizer,
    TimeProvider clock) : PageModel
{
    /// <summary>The form.</summary>
    [BindProperty]
    public VisitForm Input { get; set; } = new();

    /// <summary>Communes of the province.</summary>
    public IReadOnlyList<WardDto> Wards { get; private set; } = [];

    /// <summary>Enterprises of the register.</summary>
    public IReadOnlyList<EnterpriseSummaryDto> Enterprises { get; private set; } = [];

    /// <summary>Officers.</summary>
    public IReadOnlyList<DirectoryUserDto> Officers { get; private set; } = [];

    /// <summary>Field errors by API field name.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Shows an empty form dated today.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.VisitDate = VietnamTime.Today(clock);
        await LoadAsync(cancellationToken);
    }

    /// <summary>Saves the visit, or shows the form again with the errors.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await visits.CreateAsync(new CreateCommunityVisitDto
            {
                VisitDate = Input.VisitDate,
                WardCode = Input.WardCode,
                MemberUserIds = Input.MemberUserIds,
                MemberNames = Lines(Input.MemberNames),
                EnterpriseIds = Input.EnterpriseIds,
                HouseholdCount = Input.HouseholdCount,
                HouseholdNames = Lines(Input.HouseholdNames),
                Topics = Input.Topics,
                OtherTopic = Input.OtherTopic,
                Notes = Input.Notes,
            }, cancellationToken);
            TempData["StatusMessage"] = localizer["Visits.Saved"].Value;
            return RedirectToPage("/Cases/Visits/Details", new { id = created.Id });
        }
        catch (BusinessException e)
        {
            Errors = e.Errors.Count > 0 ? e.Errors : new Dictionary<string, string[]> { [""] = [e.Message] };
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private async Task LoadAsync(CancellationToken ct)
    {
        Wards = await units.GetWardsAsync(Cases.IndexModel.ProvinceCode, ct);
        Enterprises = (await enterprises.ListAsync(cancellationToken: ct)).OrderBy(e => e.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi"), true)).ToList();
        Officers = await users.ListWithPermissionAsync(CasesPermissions.Manage, ct);
    }

    /// <summary>The visit form.</summary>
    public sealed class VisitForm
    {
        /// <summary>Day of the visit.</summary>
        public DateOnly? VisitDate { get; set; }

        /// <summary>Commune.</summary>
        public int? WardCode { get; set; }

        /// <summary>Officers on the team.</summary>
        public List<Guid> MemberUserIds { get; set; } = [];

        /// <summary>Other members, one per line.</summary>
        public string? MemberNames { get; set; }

        /// <summary>Enterprises visited.</summary>
        public List<Guid> EnterpriseIds { get; set; } = [];

        /// <summary>Households visited.</summary>
        public int? HouseholdCount { get; set; }

        /// <summary>Household names, one per line.</summary>
        public string? HouseholdNames { get; set; }

        /// <summary>Topics.</summary>
        public List<VisitTopic> Topics { get; set; } = [];

        /// <summary>Other topic.</summary>
        public string? OtherTopic { get; set; }

        /// <summary>Notes.</summary>
        public string? Notes { get; set; }
    }
}
