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

/// <summary>
/// The roles seeded on start (bundles of permissions; code checks permissions, never these names).
/// </summary>
public static class RoleNames
{
    /// <summary>Administrators: every permission.</summary>
    public const string Admin = "Admin";

    /// <summary>The office's staff.</summary>
    public const string Officer = "Officer";

    /// <summary>A user of one enterprise, registered through the portal.</summary>
    public const string EnterpriseUser = "EnterpriseUser";

    /// <summary>A user of a partner organization (the provincial tax office).</summary>
    public const string TaxPartner = "TaxPartner";

    /// <summary>All seeded roles.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Officer, EnterpriseUser, TaxPartner];
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
