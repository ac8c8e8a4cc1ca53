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
