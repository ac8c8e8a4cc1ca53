using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Data;
using SmeSupport.Errors;
using SmeSupport.Modularity;
using SmeSupport.Reporting.Application;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Reporting.Endpoints;
using SmeSupport.Reporting.Persistence;
using SmeSupport.Reporting.Seeding;
using SmeSupport.Security;
using SmeSupport.Timing;

namespace SmeSupport.Reporting;

/// <summary>
/// The Reporting module: staff dashboard, reports as data with XLSX/CSV exports, partner organizations, reports shared with them under
/// fixed filters and columns, the partners' access log, month-end snapshots and monthly e-mail delivery. It reads other modules only
/// through their Contracts.
/// </summary>
public sealed class ReportingModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Reporting";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddErrorMessages<ReportingErrorMessages>();
        services.AddScoped<ReportingDb>();
        services.AddSingleton<EnterpriseProfilesCache>();
        services.AddSingleton<TrendSeriesCache>();
        services.AddScoped<ReportEngine>();
        services.AddScoped<IDashboardAppService, DashboardAppService>();
        services.AddScoped<IReportAppService, ReportAppService>();
        services.AddScoped<IPartnerOrganizationAppService, PartnerOrganizationAppService>();
        services.AddScoped<ISharedReportAppService, SharedReportAppService>();
        services.AddScoped<IPartnerReportAppService, PartnerReportAppService>();
        services.AddScoped<IReportAccessLogAppService, ReportAccessLogAppService>();
        services.AddScoped<ReportingMonthEnd>();
        services.AddScoped(sp => new ReportingMonthEndJob(sp.GetRequiredService<ReportingMonthEnd>()));
        services.AddScoped<IDataSeedContributor, PartnerOrganizationSeedContributor>();
    }

    /// <inheritdoc />
    public override void ConfigureModel(ModelBuilder modelBuilder) => ReportingModel.Configure(modelBuilder);

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(ReportingPermissions.Dashboard, "See the staff dashboard", RoleNames.Officer),
        new(ReportingPermissions.Reports, "Run and export reports", RoleNames.Officer),
        new(ReportingPermissions.Share, "Share reports with partner organizations", RoleNames.Officer),
        new(ReportingPermissions.Partners, "Manage partner organizations and invite their users"),
        new(ReportingPermissions.AccessLog, "Read the partners' access log"),
        new(ReportingPermissions.PartnerView, "Partner: reports shared with the own organization", RoleNames.TaxPartner),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => ReportingEndpoints.Map(endpoints);

    /// <summary>Registers the month-end snapshot (00:05 on the 1st) and the monthly delivery (07:00 on the 1st), Asia/Ho_Chi_Minh, when Hangfire is configured.</summary>
    public override Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var recurring = services.GetService<IRecurringJobManager>();
        if (recurring is not null)
        {
            var options = new RecurringJobOptions { TimeZone = VietnamTime.Zone };
            recurring.AddOrUpdate<ReportingMonthEndJob>(ReportingMonthEndJob.SnapshotJobId, j => j.SnapshotAsync(CancellationToken.None), "5 0 1 * *", options);
            recurring.AddOrUpdate<ReportingMonthEndJob>(ReportingMonthEndJob.DeliveryJobId, j => j.DeliverAsync(CancellationToken.None), "0 7 1 * *", options);
        }

        return Task.CompletedTask;
    }
}
