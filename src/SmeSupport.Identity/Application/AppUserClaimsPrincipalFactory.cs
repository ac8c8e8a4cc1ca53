using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SmeSupport.Identity.Domain;
using SmeSupport.Security;

namespace SmeSupport.Identity.Application;

/// <summary>
/// Builds the signed-in principal: Identity's own claims, the roles' permission claims (role claims of
/// type <c>permission</c>, added by the base factory), and the enterprise / partner organization the user
/// acts for. Cookie and bearer sign-ins both use it.
/// </summary>
public sealed class AppUserClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.EnterpriseId is { } enterpriseId)
        {
            identity.AddClaim(new Claim(PermissionClaimTypes.EnterpriseId, enterpriseId.ToString()));
        }

        if (user.PartnerOrganizationId is { } orgId)
        {
            identity.AddClaim(new Claim(PermissionClaimTypes.PartnerOrganizationId, orgId.ToString()));
        }

        if (!string.IsNullOrEmpty(user.FullName))
        {
            identity.AddClaim(new Claim(ClaimTypes.GivenName, user.FullName));
        }

        if (!string.IsNullOrEmpty(user.PreferredCulture))
        {
            identity.AddClaim(new Claim(ClaimTypes.Locality, user.PreferredCulture.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
