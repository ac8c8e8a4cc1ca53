namespace SmeSupport.Identity.Contracts;

/// <summary>Permission names of the Identity module.</summary>
public static class IdentityPermissions
{
    /// <summary>See users and roles.</summary>
    public const string Users = "SmeSupport.Identity.Users";

    /// <summary>Invite users, assign roles, lock and unlock accounts.</summary>
    public const string ManageUsers = "SmeSupport.Identity.Users.Manage";

    /// <summary>Open the Hangfire dashboard at <c>/hangfire</c>.</summary>
    public const string JobsDashboard = "SmeSupport.Identity.JobsDashboard";

    /// <summary>Read the audit trail.</summary>
    public const string AuditLog = "SmeSupport.Identity.AuditLog";
}

/// <summary>A user as the admin pages and API show it.</summary>
/// <param name="Id">User id.</param>
/// <param name="Email">E-mail (user name).</param>
/// <param name="FullName">Full name.</param>
/// <param name="Roles">Role names.</param>
/// <param name="EmailConfirmed">True once the address is confirmed.</param>
/// <param name="IsLockedOut">True while locked out (by failures or by an admin).</param>
/// <param name="LockoutEnd">End of the lock-out (UTC), or null.</param>
public sealed record UserDto(Guid Id, string Email, string? FullName, IReadOnlyList<string> Roles, bool EmailConfirmed,
    bool IsLockedOut, DateTimeOffset? LockoutEnd);

/// <summary>Credentials for <c>POST /api/auth/login</c>.</summary>
/// <param name="Email">E-mail (user name).</param>
/// <param name="Password">Password.</param>
public sealed record LoginRequest(string? Email, string? Password);

/// <summary>Input to invite a user: an account without a password and an e-mail with a link to set one.</summary>
/// <param name="Email">E-mail address (becomes the user name).</param>
/// <param name="FullName">Full name, up to 200 characters.</param>
/// <param name="Roles">Role names (Admin, Officer, EnterpriseUser, TaxPartner).</param>
public sealed record InviteUserDto(string? Email, string? FullName, IReadOnlyList<string>? Roles);

/// <summary>Input to replace a user's roles.</summary>
/// <param name="Roles">Role names.</param>
public sealed record SetRolesDto(IReadOnlyList<string>? Roles);

/// <summary>User administration (Admin): invite, roles, lock and unlock.</summary>
public interface IUserAdminAppService
{
    /// <summary>Users, optionally filtered by e-mail or name fragment, ordered by e-mail.</summary>
    Task<SmeSupport.Application.PagedResultDto<UserDto>> GetListAsync(string? q, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Invites a user by e-mail. 400 on bad input, 409 <c>SmeSupport:Identity:DuplicateEmail</c>, 503
    /// <c>SmeSupport:Identity:InvitationNotSent</c> when the e-mail sender refuses the message (the account is
    /// then removed again, so the invitation can simply be repeated).
    /// </summary>
    /// <param name="input">Who and which roles.</param>
    /// <param name="setPasswordUrlBase">Absolute URL of the set-password page; the user id and token are appended as query parameters.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<UserDto> InviteAsync(InviteUserDto input, string setPasswordUrlBase, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user's roles. 404 unknown user; 400 unknown role.</summary>
    Task<UserDto> SetRolesAsync(Guid userId, SetRolesDto input, CancellationToken cancellationToken = default);

    /// <summary>Locks the user out until unlocked (or until <paramref name="until"/>). An admin cannot lock their own account.</summary>
    Task<UserDto> LockAsync(Guid userId, DateTimeOffset? until, CancellationToken cancellationToken = default);

    /// <summary>Unlocks the user and resets the failure count.</summary>
    Task<UserDto> UnlockAsync(Guid userId, CancellationToken cancellationToken = default);
}

/// <summary>Error codes of the Identity module.</summary>
public static class IdentityErrorCodes
{
    /// <summary>Wrong e-mail or password (401).</summary>
    public const string InvalidCredentials = "SmeSupport:Identity:InvalidCredentials";

    /// <summary>Too many failed sign-ins; locked out for a while (401).</summary>
    public const string LockedOut = "SmeSupport:Identity:LockedOut";

    /// <summary>The e-mail is already a user (409).</summary>
    public const string DuplicateEmail = "SmeSupport:Identity:DuplicateEmail";

    /// <summary>An admin may not remove the Admin role from their own account (409).</summary>
    public const string CannotRemoveOwnAdmin = "SmeSupport:Identity:CannotRemoveOwnAdmin";

    /// <summary>The last administrator cannot lose the Admin role (409).</summary>
    public const string LastAdmin = "SmeSupport:Identity:LastAdmin";

    /// <summary>An admin may not lock their own account (409).</summary>
    public const string CannotLockSelf = "SmeSupport:Identity:CannotLockSelf";

    /// <summary>
    /// Roles that may not go together (400, field <c>roles</c>): TaxPartner and EnterpriseUser each stand alone, and an account
    /// bound to a partner organization or an enterprise keeps only its own role — otherwise an outside account would read the CRM.
    /// </summary>
    public const string IncompatibleRoles = "SmeSupport:Identity:IncompatibleRoles";

    /// <summary>The invitation e-mail could not be sent; no account was kept (503).</summary>
    public const string InvitationNotSent = "SmeSupport:Identity:InvitationNotSent";
}

/// <summary>A user as other modules see it (assignee pickers, notifications).</summary>
/// <param name="Id">User id.</param>
/// <param name="Email">E-mail (user name).</param>
/// <param name="FullName">Full name, or null.</param>
public sealed record DirectoryUserDto(Guid Id, string Email, string? FullName);

/// <summary>
/// Reads users for other modules (the only way outside the Identity module to reach users): who holds a permission
/// (through a role), and whether ids are users. Locked-out accounts are left out.
/// </summary>
public interface IUserDirectory
{
    /// <summary>Users (not locked out) holding <paramref name="permission"/> through one of their roles, ordered by e-mail.</summary>
    /// <param name="permission">A permission name, e.g. <c>SmeSupport.Cases.Manage</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<IReadOnlyList<DirectoryUserDto>> ListWithPermissionAsync(string permission, CancellationToken cancellationToken = default);

    /// <summary>Users by id (unknown ids are absent from the result; locked-out users are included).</summary>
    /// <param name="ids">User ids.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<IReadOnlyDictionary<Guid, DirectoryUserDto>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);
}

/// <summary>
/// Accounts for enterprises, for the Enterprises module (which never touches Identity's tables): an approved
/// self-registration gets an EnterpriseUser account bound to its enterprise.
/// </summary>
public interface IEnterpriseAccountService
{
    /// <summary>
    /// Creates an EnterpriseUser account without a password, bound to <paramref name="enterpriseId"/>, and e-mails a
    /// link to set the password. Uses the caller's unit of work (the same DbContext), so an enclosing transaction covers it.
    /// </summary>
    /// <param name="email">E-mail, becomes the user name (already validated by the caller).</param>
    /// <param name="fullName">Full name, or null.</param>
    /// <param name="enterpriseId">The enterprise the user acts for.</param>
    /// <param name="setPasswordUrlBase">Absolute URL of the set-password page; <c>userId</c> and <c>token</c> are appended.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The new user's id.</returns>
    /// <exception cref="SmeSupport.Errors.BusinessException"><c>SmeSupport:Identity:DuplicateEmail</c> (409) when the e-mail is already a user.</exception>
    Task<Guid> CreateEnterpriseUserAsync(string email, string? fullName, Guid enterpriseId, string setPasswordUrlBase,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// True when a user account (any role) already has <paramref name="email"/>, compared case-insensitively (Identity's
    /// normalised e-mail). Self-registration refuses such an address at submission, as approval could not create the account.
    /// </summary>
    /// <param name="email">E-mail address (trimmed by the callee).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<bool> EmailHasAccountAsync(string email, CancellationToken cancellationToken = default);
}

/// <summary>One audit-trail entry: who changed what, when, with old and new values.</summary>
/// <param name="Id">Entry id.</param>
/// <param name="EntityType">Entity type, e.g. <c>Enterprise</c>, <c>Contact</c>.</param>
/// <param name="EntityId">Entity id.</param>
/// <param name="Action"><c>Created</c>, <c>Updated</c>, <c>Deleted</c> or <c>Restored</c>.</param>
/// <param name="Changes">JSON: property → <c>{"old":…,"new":…}</c>.</param>
/// <param name="UserId">Acting user, or null for the system or an anonymous request.</param>
/// <param name="UserName">Acting user's e-mail at the time.</param>
/// <param name="At">When (UTC).</param>
public sealed record AuditLogEntryDto(Guid Id, string EntityType, string EntityId, string Action, string Changes,
    Guid? UserId, string? UserName, DateTimeOffset At);

/// <summary>The audit trail, for Admin (<see cref="IdentityPermissions.AuditLog"/>).</summary>
public interface IAuditLogAppService
{
    /// <summary>Entries, newest first, optionally for one entity type and id. 400 on bad paging.</summary>
    Task<SmeSupport.Application.PagedResultDto<AuditLogEntryDto>> GetListAsync(string? entityType, string? entityId, int page, int pageSize,
        CancellationToken cancellationToken = default);
}
