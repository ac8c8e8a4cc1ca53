using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Data;
using SmeSupport.Identity.Application;
using SmeSupport.Identity.Contracts;
using SmeSupport.Identity.Endpoints;
using SmeSupport.Identity.Seeding;
using SmeSupport.Modularity;
using SmeSupport.Security;

namespace SmeSupport.Identity;

/// <summary>
/// Users, roles and permissions on ASP.NET Core Identity. The host wires Identity's stores to the
/// application DbContext; this module seeds roles and the admin, and serves sign-in and user administration.
/// </summary>
public sealed class IdentityModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Identity";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IUserAdminAppService, UserAdminAppService>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IEnterpriseAccountService, EnterpriseAccountService>();
        services.AddScoped<IPartnerAccountService, PartnerAccountService>();
        services.AddScoped<IAuditLogAppService, AuditLogAppService>();
        services.AddScoped<IDataSeedContributor, IdentitySeedContributor>();
    }

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(IdentityPermissions.Users, "See users and roles"),
        new(IdentityPermissions.ManageUsers, "Invite users, assign roles, lock and unlock"),
        new(IdentityPermissions.JobsDashboard, "Open the background-jobs dashboard"),
        new(IdentityPermissions.AuditLog, "Read the audit trail"),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => IdentityEndpoints.Map(endpoints);
}
