using Microsoft.Extensions.DependencyInjection;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Application;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Web.UI.Pages.Admin;

/// <summary>
/// User administration at <c>/Admin/Users?q=…&amp;p=…</c> (<see cref="IdentityPermissions.Users"/>): a
/// searchable, paged list of users; with <see cref="IdentityPermissions.ManageUsers"/> also an invitation
/// form (e-mail, full name, roles), per-user role editing, and lock / unlock buttons. Every action is a
/// POST with an antiforgery token (Razor Pages checks it); a success redirects back to the same list
/// page with a one-time notice, a refusal renders the page with the service's reason, localized by error
/// code or field. htmx requests for the list get only the table partial.
/// </summary>
[Authorize(Policy = IdentityPermissions.Users)]
public sealed class UsersModel(IUserAdminAppService users, IAuthorizationService authorization, IStringLocalizer<WebUIResource> localizer)
    : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Prefix of the invitation form's fields.</summary>
    public const string InvitePrefix = nameof(Invite);

    /// <summary>Search text (e-mail or name fragment).</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>1-based page number (query <c>p</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The invitation form; bound only by the invite handler, so other actions never validate it.</summary>
    public InviteInput Invite { get; set; } = new();

    /// <summary>The page of users.</summary>
    public PagedResultDto<UserDto> Result { get; private set; } = new([], 0);

    /// <summary>Number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>True when the user may invite, change roles, lock and unlock.</summary>
    public bool CanManage { get; private set; }

    /// <summary>The roles an admin may assign, in display order.</summary>
    public IReadOnlyList<string> AssignableRoles => RoleNames.All;

    /// <summary>A one-time notice after a successful action.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Why the last row action (roles, lock, unlock) was refused, or null.</summary>
    public string? ActionError { get; private set; }

    /// <summary>The user the refused row action was about, or null.</summary>
    public Guid? ActionErrorUserId { get; private set; }

    /// <summary>Loads the list; answers the table partial to htmx.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Response.Headers.Vary = "HX-Request";
        var isHtmx = Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true";
        return isHtmx ? Partial("_UserTable", this) : Page();
    }

    /// <summary>Invites a user: the account is created and a set-password link is e-mailed.</summary>
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (!await CanManageAsync())
        {
            return Forbid();
        }

        ModelState.Clear();
        if (await TryUpdateModelAsync(Invite, InvitePrefix) && ModelState.IsValid)
        {
            try
            {
                var setPasswordUrl = SmeSupport.Hosting.PublicUrls.For(HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), "/Account/SetPassword");
                var created = await users.InviteAsync(
                    new InviteUserDto(Invite.Email?.Trim(), Invite.FullName, Invite.Roles), setPasswordUrl, cancellationToken);
                StatusMessage = localizer["Users.Invited", created.Email].Value;
                return RedirectToPage(new { q = Q, p = PageNumber });
            }
            catch (BusinessException ex)
            {
                AddInviteErrors(ex);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Replaces the user's roles with the checked ones.</summary>
    public Task<IActionResult> OnPostRolesAsync(Guid id, List<string>? roles, CancellationToken cancellationToken) =>
        RowActionAsync(id, async () =>
        {
            var user = await users.SetRolesAsync(id, new SetRolesDto(roles ?? []), cancellationToken);
            return localizer["Users.RolesSaved", user.Email].Value;
        }, cancellationToken);

    /// <summary>Locks the user out until unlocked.</summary>
    public Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken cancellationToken) =>
        RowActionAsync(id, async () =>
        {
            var user = await users.LockAsync(id, until: null, cancellationToken);
            return localizer["Users.Locked", user.Email].Value;
        }, cancellationToken);

    /// <summary>Unlocks the user.</summary>
    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken cancellationToken) =>
        RowActionAsync(id, async () =>
        {
            var user = await users.UnlockAsync(id, cancellationToken);
            return localizer["Users.Unlocked", user.Email].Value;
        }, cancellationToken);

    /// <summary>The display name of a role.</summary>
    public string RoleDisplay(string role) =>
        localizer[$"Role.{role}"] is { ResourceNotFound: false } found ? found.Value : role;

    /// <summary>True when the lock-out runs until an admin lifts it (an admin lock has no end).</summary>
    public static bool IsIndefinite(DateTimeOffset lockoutEnd) => lockoutEnd.UtcDateTime.Year >= 9000;

    private async Task<IActionResult> RowActionAsync(Guid id, Func<Task<string>> action, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync())
        {
            return Forbid();
        }

        try
        {
            StatusMessage = await action();
            return RedirectToPage(new { q = Q, p = PageNumber });
        }
        catch (BusinessException ex)
        {
            ActionError = Describe(ex);
            ActionErrorUserId = id;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> CanManageAsync() =>
        CanManage = (await authorization.AuthorizeAsync(User, IdentityPermissions.ManageUsers)).Succeeded;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (Q is { Length: > 100 })
        {
            Q = Q[..100];
        }

        PageNumber = Math.Max(1, PageNumber);
        Result = await users.GetListAsync(Q, PageNumber, PageSize, cancellationToken);
        if (PageNumber > PageCount)
        {
            PageNumber = PageCount;
            Result = await users.GetListAsync(Q, PageNumber, PageSize, cancellationToken);
        }

        await CanManageAsync();
    }

    /// <summary>
    /// Puts an invitation refusal next to the fields: <c>email</c>, <c>fullName</c> and <c>roles</c> errors
    /// on their inputs (in the UI language; the service's English text when the field is unknown), a
    /// duplicate e-mail (409) on the e-mail field, anything else at the top of the form.
    /// </summary>
    private void AddInviteErrors(BusinessException exception)
    {
        if (exception.Code == IdentityErrorCodes.DuplicateEmail)
        {
            ModelState.AddModelError($"{InvitePrefix}.{nameof(InviteInput.Email)}", localizer["Users.DuplicateEmail"]);
            return;
        }

        if (exception.Errors.Count == 0)
        {
            ModelState.AddModelError(string.Empty, Describe(exception));
            return;
        }

        foreach (var (key, messages) in exception.Errors)
        {
            var (field, localized) = key switch
            {
                "email" => (nameof(InviteInput.Email), localizer["Validation.Email"].Value),
                "fullName" => (nameof(InviteInput.FullName), localizer["Users.FullNameTooLong"].Value),
                "roles" => (nameof(InviteInput.Roles), localizer["Users.RolesInvalid"].Value),
                _ => ((string?)null, (string?)null),
            };
            if (field is null)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(string.Empty, message);
                }
            }
            else
            {
                ModelState.AddModelError($"{InvitePrefix}.{field}", localized!);
            }
        }
    }

    /// <summary>A refusal of a row action in the UI language.</summary>
    private string Describe(BusinessException exception) => exception.Code switch
    {
        IdentityErrorCodes.CannotLockSelf => localizer["Users.CannotLockSelf"],
        IdentityErrorCodes.InvitationNotSent => localizer["Users.InvitationNotSent"],
        ErrorCodes.NotFound => localizer["Users.NotFound"],
        ErrorCodes.Validation when exception.Errors.ContainsKey("roles") => localizer["Users.RolesInvalid"],
        _ => exception.Errors.Count > 0
            ? string.Join(" ", exception.Errors.SelectMany(e => e.Value))
            : exception.Message,
    };

    /// <summary>Invitation form fields.</summary>
    public sealed class InviteInput
    {
        /// <summary>E-mail address; becomes the user name.</summary>
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(254, ErrorMessage = "Validation.Email")]
        [Display(Name = "Users.Email")]
        public string? Email { get; set; }

        /// <summary>Full name, up to 200 characters.</summary>
        [StringLength(200, ErrorMessage = "Users.FullNameTooLong")]
        [Display(Name = "Users.FullName")]
        public string? FullName { get; set; }

        /// <summary>Role names to grant (at least one).</summary>
        [Display(Name = "Users.Roles")]
        public List<string> Roles { get; set; } = [];
    }
}
