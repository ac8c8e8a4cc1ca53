using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Data;
using SmeSupport.Errors;
using SmeSupport.Modularity;
using SmeSupport.Security;
using SmeSupport.Timing;
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
        services.AddErrorMessages<TrialsErrorMessages>();
        services.AddScoped<TrialsDb>();
        services.AddScoped<IPlatformAppService, PlatformAppService>();
        services.AddScoped<TrialAppService>();
        services.AddScoped<ITrialAppService>(sp => sp.GetRequiredService<TrialAppService>());
        services.AddScoped<ITrialPortalAppService, TrialPortalAppService>();
        services.AddScoped<IOverdueTrialsJob, OverdueTrialsJob>();
        services.AddScoped<ITrialStatistics, TrialStatistics>();
        services.AddScoped<SmeSupport.Enterprises.Contracts.IEnterpriseTimelineSource, TrialTimelineSource>();
        services.AddScoped<SmeSupport.Enterprises.Contracts.IEnterpriseActivityProbe, TrialTimelineSource>();
        services.AddScoped<ITrialSegmentQuery, TrialSegmentQuery>();
        services.AddScoped<ITrialMailMergeQuery, TrialMailMergeQuery>();
        services.AddScoped<ITrialReportSource, TrialReportSource>();
        services.AddSingleton<TrialFactsCache>();
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
        new(TrialsPermissions.OwnTrials, "See one's own enterprise's trials, add check-ins and feedback", RoleNames.EnterpriseUser),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => TrialEndpoints.Map(endpoints);

    /// <summary>
    /// Registers the nightly job <see cref="IOverdueTrialsJob.RecurringJobId"/> (01:30 Asia/Ho_Chi_Minh, <see cref="VietnamTime.Zone"/>),
    /// when Hangfire is configured.
    /// </summary>
    public override Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var recurring = services.GetService<IRecurringJobManager>();
        recurring?.AddOrUpdate<IOverdueTrialsJob>(IOverdueTrialsJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), NightlyCron,
            new RecurringJobOptions { TimeZone = VietnamTime.Zone });
        return Task.CompletedTask;
    }

    /// <summary>When the overdue job runs: every night at 01:30, Vietnam time.</summary>
    public const string NightlyCron = "30 1 * * *";
}
