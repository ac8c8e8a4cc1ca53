using Microsoft.AspNetCore.Identity;

namespace SmeSupport.Identity.Domain;

/// <summary>
/// A user of SmeSupport (ASP.NET Core Identity, EF Core stores). The e-mail address is the user
/// name. Staff (Admin, Officer), enterprise users (bound to one enterprise) and tax-partner users
/// (bound to one partner organization) are all users; what they may do comes from their roles'
/// permissions.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    /// <summary>Full name for display.</summary>
    public string? FullName { get; set; }

    /// <summary>For EnterpriseUser accounts: the enterprise the user acts for.</summary>
    public Guid? EnterpriseId { get; set; }

    /// <summary>For TaxPartner accounts: the partner organization.</summary>
    public Guid? PartnerOrganizationId { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Preferred UI culture, <c>vi</c> or <c>en</c>.</summary>
    public string? PreferredCulture { get; set; }
}

/// <summary>A role: a named bundle of permissions (role claims of type <c>permission</c>).</summary>
public sealed class AppRole : IdentityRole<Guid>
{
    /// <summary>For EF Core.</summary>
    public AppRole() { }

    /// <summary>Creates a role with a name.</summary>
    public AppRole(string name) : base(name) { }
}
