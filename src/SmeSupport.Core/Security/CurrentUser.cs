using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace SmeSupport.Security;

/// <summary>The user of the current request (ABP's <c>ICurrentUser</c>).</summary>
public interface ICurrentUser
{
    /// <summary>True when signed in.</summary>
    bool IsAuthenticated { get; }

    /// <summary>User id, or null when anonymous.</summary>
    Guid? Id { get; }

    /// <summary>E-mail (user name), or null.</summary>
    string? Email { get; }

    /// <summary>For an EnterpriseUser: the enterprise the user acts for; otherwise null.</summary>
    Guid? EnterpriseId { get; }

    /// <summary>For a TaxPartner user: the partner organization; otherwise null.</summary>
    Guid? PartnerOrganizationId { get; }

    /// <summary>True when the user holds the permission.</summary>
    bool HasPermission(string permission);
}

/// <summary><see cref="ICurrentUser"/> read from the request's claims principal.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    /// <inheritdoc />
    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    /// <inheritdoc />
    public Guid? Id => ParseGuid(ClaimTypes.NameIdentifier);

    /// <inheritdoc />
    public string? Email => IsAuthenticated ? Principal!.FindFirstValue(ClaimTypes.Email) ?? Principal!.Identity!.Name : null;

    /// <inheritdoc />
    public Guid? EnterpriseId => ParseGuid(PermissionClaimTypes.EnterpriseId);

    /// <inheritdoc />
    public Guid? PartnerOrganizationId => ParseGuid(PermissionClaimTypes.PartnerOrganizationId);

    /// <inheritdoc />
    public bool HasPermission(string permission) =>
        IsAuthenticated && Principal!.HasClaim(PermissionClaimTypes.Permission, permission);

    private Guid? ParseGuid(string claimType) =>
        IsAuthenticated && Guid.TryParse(Principal!.FindFirstValue(claimType), out var g) ? g : null;
}
