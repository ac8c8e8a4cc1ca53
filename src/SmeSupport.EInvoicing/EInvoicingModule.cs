using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Data;
using SmeSupport.EInvoicing.Application;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Endpoints;
using SmeSupport.EInvoicing.Persistence;
using SmeSupport.EInvoicing.Seeding;
using SmeSupport.Errors;
using SmeSupport.Modularity;
using SmeSupport.Security;

namespace SmeSupport.EInvoicing;

/// <summary>
/// The EInvoicing module: licensed providers (data) and each enterprise's e-invoice adoption as a
/// sequence of dated steps (Decree 123/2020/NĐ-CP; Circular 78/2021/TT-BTC). Depends on the
/// Enterprises module only through <c>IEnterpriseLookup</c>.
/// </summary>
public sealed class EInvoicingModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "EInvoicing";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddErrorMessages<EInvoicingErrorMessages>();
        services.AddHttpContextAccessor();
        services.AddScoped<CodedTextRenderer>();
        services.AddSingleton<IReconciliationTemplate, ReconciliationTemplate>();
        services.AddScoped<EInvoicingDb>();
        services.AddScoped<IEInvoiceProviderAppService, EInvoiceProviderAppService>();
        services.AddScoped<IEInvoiceAdoptionAppService, EInvoiceAdoptionAppService>();
        services.AddScoped<IEInvoiceStatistics, EInvoiceStatistics>();
        services.AddScoped<SmeSupport.Enterprises.Contracts.IEnterpriseTimelineSource, EInvoiceTimelineSource>();
        services.AddScoped<SmeSupport.Enterprises.Contracts.IEnterpriseActivityProbe, EInvoiceTimelineSource>();
        services.AddScoped<IEInvoiceSegmentQuery, EInvoiceSegmentQuery>();
        services.AddScoped<IEInvoiceMailMergeQuery, EInvoiceMailMergeQuery>();
        services.AddScoped<IEInvoiceReconciliationAppService, ReconciliationAppService>();
        services.AddScoped<IEInvoiceFunnelAppService, EInvoiceFunnelAppService>();
        services.AddSingleton<FunnelInputsCache>();
        services.AddScoped<IEInvoiceStepSource, EInvoiceCurrentSteps>();
        services.AddScoped<IEInvoicePortalAppService, EInvoicePortalAppService>();
        services.AddScoped<IReportedStepAppService, ReportedStepAppService>();
        services.AddScoped<IDataSeedContributor, EInvoiceProvidersSeedContributor>();
        services.AddScoped<IDataSeedContributor, DemoEInvoiceAdoptionSeedContributor>();
    }

    /// <inheritdoc />
    public override void ConfigureModel(ModelBuilder modelBuilder) => EInvoicingModel.Configure(modelBuilder);

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(EInvoicingPermissions.Default, "Read e-invoice adoption", RoleNames.Officer),
        new(EInvoicingPermissions.Manage, "Record adoption steps and reconcile with the tax office", RoleNames.Officer),
        new(EInvoicingPermissions.OwnAdoption, "See one's own enterprise's e-invoice status and report steps", RoleNames.EnterpriseUser),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => EInvoicingEndpoints.Map(endpoints);
}
