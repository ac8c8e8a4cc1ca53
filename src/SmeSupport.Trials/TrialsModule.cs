using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Data;
using SmeSupport.Modularity;
using SmeSupport.Security;
using SmeSupport.Trials.Application;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Endpoints;
using SmeSupport.Trials.Persistence;
using SmeSupport.Trials.Seeding;

namespace SmeSupport.Trials;

/// <summary>
/// The Trials module: the catalogue of digital platforms (SMEdx and the province's telecom
/// cooperation) and the trials assigned to enterprises, Planned → Active → Completed/Cancelled.
/// Depends on the Enterprises module only through <c>IEnterpriseLookup</c>.
/// </summary>
public sealed class TrialsModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Trials";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<TrialsDb>();
        services.AddScoped<IPlatformAppService, PlatformAppService>();
        services.AddScoped<ITrialAppService, TrialAppService>();
        services.AddScoped<ITrialStatistics, TrialStatistics>();
        services.AddScoped<IDataSeedContributor, PlatformCatalogueSeedContributor>();
        services.AddScoped<IDataSeedContributor, DemoTrialsSeedContributor>();
    }

    /// <inheritdoc />
    public override void ConfigureModel(ModelBuilder modelBuilder) => TrialsModel.Configure(modelBuilder);

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(TrialsPermissions.Default, "Read trials and the platform catalogue", RoleNames.Officer),
        new(TrialsPermissions.Manage, "Create and change trials", RoleNames.Officer),
        new(TrialsPermissions.ManageCatalogue, "Edit the platform catalogue"),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => TrialEndpoints.Map(endpoints);
}
