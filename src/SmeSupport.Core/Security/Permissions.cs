using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace SmeSupport.Security;

/// <summary>
/// A permission a module declares, e.g. <c>SmeSupport.Enterprises.Create</c>. Roles are bundles of
/// permissions (stored as role claims of type <see cref="PermissionClaimTypes.Permission"/>);
/// code checks permissions, never role names (ABP's permission system).
/// </summary>
/// <param name="Name">Dotted permission name, <c>SmeSupport.{Module}[.{Action}]</c>.</param>
/// <param name="DisplayName">English display name for the admin pages.</param>
/// <param name="DefaultRoles">Seeded roles (see <see cref="RoleNames"/>) that get the permission on first start; Admin gets every permission.</param>
public sealed record PermissionDefinition(string Name, string DisplayName, params string[] DefaultRoles);

/// <summary>
/// The roles seeded on start. They are bundles of permissions: code checks permissions, never these
/// names; they appear only in seeding and in <see cref="PermissionDefinition.DefaultRoles"/>.
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

/// <summary>Claim types used by SmeSupport.</summary>
public static class PermissionClaimTypes
{
    /// <summary>A permission granted to the user through a role: value is the permission name.</summary>
    public const string Permission = "permission";

    /// <summary>For EnterpriseUser accounts: the enterprise the user acts for (GUID).</summary>
    public const string EnterpriseId = "enterprise_id";

    /// <summary>For TaxPartner accounts: the partner organization (GUID).</summary>
    public const string PartnerOrganizationId = "partner_org_id";
}

/// <summary>
/// Creates one authorization policy per permission name on demand: a policy named like a
/// permission requires an authenticated user with that permission claim.
/// </summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    /// <summary>Policies whose names start with this prefix are permissions.</summary>
    public const string Prefix = "SmeSupport.";

    /// <inheritdoc />
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        var existing = await base.GetPolicyAsync(policyName);
        if (existing is not null || !policyName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return existing;
        }

        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(PermissionClaimTypes.Permission, policyName)
            .Build();
    }
}

/// <summary>Endpoint helpers.</summary>
public static class PermissionEndpointExtensions
{
    /// <summary>Requires the given permission: 401 when anonymous, 403 when signed in without it.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(permission);
}
