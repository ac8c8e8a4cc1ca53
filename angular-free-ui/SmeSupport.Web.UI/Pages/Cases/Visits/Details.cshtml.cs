using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Cases.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;

namespace SmeSupport.Web.UI.Pages.Cases.Visits;

/// <summary>One visit at <c>/Cases/Visits/{id}</c>, with "create follow-up case" (one step) and delete.</summary>
[Authorize(Policy = CasesPermissions.Default)]
public sealed class DetailsModel(
    ICommunityVisitAppService visits,
    ISupportCaseAppService cases,
    IUserDirectory users,
    IAuthorizationService authorization,
    IErrorMessageLocalizer errorMessages,
    IStringLocalizer<CasesResource> localizer) : PageModel
{
    /// <summary>True when the case (or visit) was not found: the page shows the 404 text instead (status 404).</summary>
    public bool Missing { get; private set; }

    /// <summary>The page's 404 answer: the site layout with a "not found" text, not Problem Details JSON.</summary>
    private PageResult NotFoundPage()
    {
        Missing = true;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    /// <summary>The visit.</summary>
    public CommunityVisitDto Visit { get; private set; } = new();

    /// <summary>Its follow-up cases.</summary>
    public IReadOnlyList<SupportCaseDto> FollowUps { get; private set; } = [];

    /// <summary>Officers to assign a follow-up to.</summary>
    public IReadOnlyList<DirectoryUserDto> Officers { get; private set; } = [];

    /// <summary>True when the user may open follow-ups and delete the visit.</summary>
    public bool CanManage { get; private set; }

    /// <summary>The follow-up form.</summary>
    [BindProperty]
    public CreateFollowUpCaseDto FollowUp { get; set; } = new();

    /// <summary>Follow-up field errors.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Shows the visit.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFoundPage();

    /// <summary>Opens the follow-up case and goes to it; errors show on this page.</summary>
    public async Task<IActionResult> OnPostFollowUpAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, CasesPermissions.Visits)).Succeeded
            || !(await authorization.AuthorizeAsync(User, CasesPermissions.Manage)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var created = await visits.CreateFollowUpCaseAsync(id, FollowUp, cancellationToken);
            TempData["StatusMessage"] = localizer["Case.Saved"].Value;
            return RedirectToPage("/Cases/Details", new { id = created.Id });
        }
        catch (EntityNotFoundException)
        {
            return NotFoundPage();
        }
        catch (BusinessException e)
        {
            Errors = e.Errors.Count > 0 ? e.Errors : new Dictionary<string, string[]> { [""] = [errorMessages.Localize(e)] };
            return await LoadAsync(id, cancellationToken) ? Page() : NotFoundPage();
        }
    }

    /// <summary>Deletes the visit (its follow-up cases stay).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, CasesPermissions.Visits)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            await visits.DeleteAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFoundPage();
        }

        TempData["StatusMessage"] = localizer["Visits.Deleted"].Value;
        return RedirectToPage("/Cases/Visits/Index");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Visit = await visits.GetAsync(id, ct);
        }
        catch (EntityNotFoundException)
        {
            return false;
        }

        FollowUps = Visit.FollowUpCaseIds.Count == 0 ? [] :
            (await cases.GetListAsync(new SupportCaseListFilterDto { CommunityVisitId = id, PageSize = 200 }, ct)).Items;
        Officers = await users.ListWithPermissionAsync(CasesPermissions.Manage, ct);
        CanManage = (await authorization.AuthorizeAsync(User, CasesPermissions.Visits)).Succeeded
                    && (await authorization.AuthorizeAsync(User, CasesPermissions.Manage)).Succeeded;
        return true;
    }
}
