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
/// and leads to <c>/Enterprises/{id}/Contacts</c> to add or edit them.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Default)]
public sealed class DetailsModel(
    IEnterpriseAppService enterprises,
    IEnterpriseTimelineAppService timeline,
    IEnterpriseProfileAppService profile,
    IAuthorizationService authorization,
    IStringLocalizer<EnterpriseUiResource> localizer) : PageModel
{
    /// <summary>Timeline events per page.</summary>
    public const int TimelinePageSize = 25;

    /// <summary>The enterprise.</summary>
    public EnterpriseDto Enterprise { get; private set; } = new();

    /// <summary>The first page of the timeline.</summary>
    public TimelinePartialModel Timeline { get; private set; } = new(Guid.Empty, new EnterpriseTimelineDto([], 1, TimelinePageSize, false));

    /// <summary>Its contacts with their consent history (the Contacts tab).</summary>
    public IReadOnlyList<ContactDto> Contacts { get; private set; } = [];

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
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Enterprise = await enterprises.GetAsync(id, cancellationToken);
            Timeline = new TimelinePartialModel(id, await timeline.GetAsync(id, 1, TimelinePageSize, cancellationToken));
            Contacts = await profile.GetContactsAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        CanEdit = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Update)).Succeeded;
        CanDelete = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Delete)).Succeeded;
        CanSeeAudit = (await authorization.AuthorizeAsync(User, IdentityPermissions.AuditLog)).Succeeded;
        return Page();
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

/// <summary>Model of the timeline partial: the enterprise and one page of its timeline.</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="Page">The page of events.</param>
public sealed record TimelinePartialModel(Guid EnterpriseId, EnterpriseTimelineDto Page);
