using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// One enterprise at <c>/Enterprises/{id}</c>; 404 when unknown or deleted. The timeline tab (everything that happened to
/// it, newest first, from <see cref="IEnterpriseTimelineAppService"/>) opens first; the profile is the second tab. Staff with
/// <see cref="EnterprisesPermissions.Delete"/> soft-delete it from here (restore is on <c>/Enterprises/Deleted</c>); Admin
/// (<see cref="IdentityPermissions.AuditLog"/>) gets a link to its audit trail. A third tab lists the contacts (with language and consents)
/// and leads to <c>/Enterprises/{id}/Contacts</c> to add or edit them. A fourth tab (<c>?tab=programme</c>) lists the pilot
/// cohorts and the digital-maturity (DBI) assessments, newest first; staff with <see cref="EnterprisesPermissions.Update"/> add
/// a cohort (names already in use offered in a datalist), remove one, and record an assessment through
/// <see cref="IEnterpriseProfileAppService"/>, its field errors shown next to the fields and nothing saved.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Default)]
public sealed class DetailsModel(
    IEnterpriseAppService enterprises,
    IEnterpriseTimelineAppService timeline,
    IEnterpriseProfileAppService profile,
    IEnterpriseCohortLookup cohortLookup,
    IAuthorizationService authorization,
    IErrorMessageLocalizer errorMessages,
    IStringLocalizer<EnterpriseUiResource> localizer) : PageModel
{
    /// <summary>Value of <c>?tab=</c> that opens the cohorts and assessments tab.</summary>
    public const string ProgrammeTab = "programme";

    /// <summary>Timeline events per page.</summary>
    public const int TimelinePageSize = 25;

    /// <summary>The enterprise.</summary>
    public EnterpriseDto Enterprise { get; private set; } = new();

    /// <summary>The first page of the timeline.</summary>
    public TimelinePartialModel Timeline { get; private set; } = new(Guid.Empty, new EnterpriseTimelineDto([], 1, TimelinePageSize, false));

    /// <summary>Its contacts with their consent history (the Contacts tab).</summary>
    public IReadOnlyList<ContactDto> Contacts { get; private set; } = [];

    /// <summary>Its digital-maturity assessments, newest first.</summary>
    public IReadOnlyList<MaturityAssessmentDto> Assessments { get; private set; } = [];

    /// <summary>Cohort names in use on any enterprise, for the datalist of the add-cohort form.</summary>
    public IReadOnlyList<string> CohortNames { get; private set; } = [];

    /// <summary>The tab shown first: <see cref="ProgrammeTab"/> or null for the timeline.</summary>
    public string? ActiveTab { get; private set; }

    /// <summary>The add-cohort form.</summary>
    [BindProperty]
    public CohortInput Cohort { get; set; } = new();

    /// <summary>The add-assessment form.</summary>
    [BindProperty]
    public AssessmentInput Assessment { get; set; } = new();

    /// <summary>True when the user may edit it.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>True when the user may delete it.</summary>
    public bool CanDelete { get; private set; }

    /// <summary>True when the user may read the audit trail (Admin).</summary>
    public bool CanSeeAudit { get; private set; }

    /// <summary>A one-time notice after a save.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Loads the enterprise and the first page of its timeline.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] string? tab, CancellationToken cancellationToken)
    {
        ActiveTab = tab == ProgrammeTab ? ProgrammeTab : null;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Adds the enterprise to a pilot cohort (<see cref="EnterprisesPermissions.Update"/>).</summary>
    public async Task<IActionResult> OnPostAddCohortAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, EnterprisesPermissions.Update)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var added = await profile.AddCohortAsync(id, new AddCohortMembershipDto(Cohort.Name, Cohort.JoinedOn), cancellationToken);
            StatusMessage = localizer["Profile.Cohort.Added", added.Name].Value;
            return RedirectToPage("/Enterprises/Details", new { id, tab = ProgrammeTab });
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex) when (ex is not ForbiddenException)
        {
            AddErrors(ex, nameof(Cohort));
        }

        ActiveTab = ProgrammeTab;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Removes a cohort membership (<see cref="EnterprisesPermissions.Update"/>).</summary>
    public async Task<IActionResult> OnPostRemoveCohortAsync(Guid id, Guid membershipId, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, EnterprisesPermissions.Update)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var name = (await enterprises.GetAsync(id, cancellationToken)).Cohorts.FirstOrDefault(c => c.Id == membershipId)?.Name ?? "";
            await profile.RemoveCohortAsync(id, membershipId, cancellationToken);
            StatusMessage = localizer["Profile.Cohort.Removed", name].Value;
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return RedirectToPage("/Enterprises/Details", new { id, tab = ProgrammeTab });
    }

    /// <summary>Records a digital-maturity assessment (<see cref="EnterprisesPermissions.Update"/>).</summary>
    public async Task<IActionResult> OnPostAddAssessmentAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, EnterprisesPermissions.Update)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var a = Assessment;
            var added = await profile.CreateAssessmentAsync(id, new CreateMaturityAssessmentDto
            {
                AssessedOn = a.AssessedOn, Assessor = a.Assessor, CustomerExperience = a.CustomerExperience, Strategy = a.Strategy,
                InfrastructureAndTechnology = a.InfrastructureAndTechnology, Operations = a.Operations,
                OrganisationalCulture = a.OrganisationalCulture, DataAndInformationAssets = a.DataAndInformationAssets,
                OverallLevel = a.OverallLevel, Notes = a.Notes,
            }, cancellationToken);
            StatusMessage = localizer["Profile.Assessment.Added", added.AssessedOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)].Value;
            return RedirectToPage("/Enterprises/Details", new { id, tab = ProgrammeTab });
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex) when (ex is not ForbiddenException)
        {
            AddErrors(ex, nameof(Assessment));
        }

        ActiveTab = ProgrammeTab;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private void AddErrors(BusinessException ex, string prefix)
    {
        foreach (var (key, messages) in ex.Errors)
        {
            var field = key.Length == 0 ? "" : $"{prefix}.{char.ToUpperInvariant(key[0])}{key[1..]}";
            foreach (var message in messages)
            {
                ModelState.AddModelError(field, message);
            }
        }

        if (ex.Errors.Count == 0)
        {
            ModelState.AddModelError(prefix, errorMessages.Localize(ex));
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Enterprise = await enterprises.GetAsync(id, cancellationToken);
            Timeline = new TimelinePartialModel(id, await timeline.GetAsync(id, 1, TimelinePageSize, cancellationToken));
            Contacts = await profile.GetContactsAsync(id, cancellationToken);
            Assessments = await profile.GetAssessmentsAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return false;
        }

        CanEdit = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Update)).Succeeded;
        CanDelete = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Delete)).Succeeded;
        CanSeeAudit = (await authorization.AuthorizeAsync(User, IdentityPermissions.AuditLog)).Succeeded;
        if (CanEdit)
        {
            CohortNames = (await cohortLookup.ListMembershipsAsync(cancellationToken)).Select(m => m.Cohort)
                .Distinct(StringComparer.CurrentCultureIgnoreCase).Order(StringComparer.CurrentCulture).ToList();
        }

        return true;
    }

    /// <summary>An older page of the timeline (query <c>tp</c>), as the partial htmx appends below the list.</summary>
    public async Task<IActionResult> OnGetTimelineAsync(Guid id, [FromQuery(Name = "tp")] int? page, CancellationToken cancellationToken)
    {
        var number = Math.Clamp(page ?? 1, 1, IEnterpriseTimelineAppService.MaxPage);
        try
        {
            return Partial("_Timeline", new TimelinePartialModel(id, await timeline.GetAsync(id, number, TimelinePageSize, cancellationToken)));
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Soft-deletes the enterprise (restorable) and goes back to the list.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, EnterprisesPermissions.Delete)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var e = await enterprises.GetAsync(id, cancellationToken);
            await enterprises.DeleteAsync(id, cancellationToken);
            TempData["StatusMessage"] = localizer["Deleted.Done", e.Name].Value;
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return RedirectToPage("/Enterprises/Deleted");
    }
}

/// <summary>Add-cohort form fields (see <see cref="AddCohortMembershipDto"/>).</summary>
public sealed class CohortInput
{
    /// <summary>Cohort name.</summary>
    public string? Name { get; set; }

    /// <summary>Day it joined.</summary>
    public DateOnly? JoinedOn { get; set; }
}

/// <summary>Add-assessment form fields (see <see cref="CreateMaturityAssessmentDto"/>).</summary>
public sealed class AssessmentInput
{
    /// <summary>Date of the assessment.</summary>
    public DateOnly? AssessedOn { get; set; }

    /// <summary>Assessor.</summary>
    public string? Assessor { get; set; }

    /// <summary>Customer experience, 0–5.</summary>
    public int? CustomerExperience { get; set; }

    /// <summary>Strategy, 0–5.</summary>
    public int? Strategy { get; set; }

    /// <summary>Infrastructure and technology, 0–5.</summary>
    public int? InfrastructureAndTechnology { get; set; }

    /// <summary>Operations, 0–5.</summary>
    public int? Operations { get; set; }

    /// <summary>Organisational culture, 0–5.</summary>
    public int? OrganisationalCulture { get; set; }

    /// <summary>Data and information assets, 0–5.</summary>
    public int? DataAndInformationAssets { get; set; }

    /// <summary>Overall level 0–5; empty for the mean of the pillars rounded down.</summary>
    public int? OverallLevel { get; set; }

    /// <summary>Notes.</summary>
    public string? Notes { get; set; }
}

/// <summary>Model of the timeline partial: the enterprise and one page of its timeline.</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="Page">The page of events.</param>
public sealed record TimelinePartialModel(Guid EnterpriseId, EnterpriseTimelineDto Page);
