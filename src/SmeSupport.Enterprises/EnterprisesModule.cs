using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Data;
using SmeSupport.Enterprises.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Endpoints;
using SmeSupport.Enterprises.Import;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Enterprises.Seeding;
using SmeSupport.Errors;
using SmeSupport.Modularity;
using SmeSupport.Security;

namespace SmeSupport.Enterprises;

/// <summary>
/// The Enterprises module: the register of enterprises, their contacts and consents, and the
/// administrative units (34 provinces, communes/wards after 1 July 2025, the old→new conversion table).
/// </summary>
public sealed class EnterprisesModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Enterprises";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization();
        services.AddErrorMessages<EnterprisesErrorMessages>();
        services.AddScoped<EnterprisesDb>();
        services.AddScoped<IValidator<CreateEnterpriseDto>, EnterpriseInputValidator>();
        services.AddSingleton<EnterpriseSearchIndex>();
        services.AddScoped<EnterpriseAppService>();
        services.AddScoped<IEnterpriseAppService>(sp => sp.GetRequiredService<EnterpriseAppService>());
        services.AddScoped<EnterpriseAccess>();
        services.AddScoped<IEnterpriseProfileAppService, EnterpriseProfileAppService>();
        services.AddScoped<IRegistrationAppService, RegistrationAppService>();
        services.AddSingleton<RegistrationTokens>();

        var section = configuration.GetSection(RegistrationOptions.Section);
        services.Configure<RegistrationOptions>(section);
        // Per client (IP address): a fixed window on registration submissions only (form POST, API POST, confirm POST);
        // viewing the form and opening the e-mailed link are not counted.
        services.AddSingleton<IRegistrationSubmissionLimit, RegistrationSubmissionLimiter>();
        services.AddScoped<IAdministrativeUnitAppService, AdministrativeUnitAppService>();
        services.AddScoped<IEnterpriseStatistics, EnterpriseStatistics>();
        services.AddScoped<IEnterpriseContactDirectory, EnterpriseContactDirectory>();
        services.AddScoped<IEnterpriseMailMergeQuery, EnterpriseMailMergeQuery>();
        services.AddScoped<IContactConsentWriter, ContactConsentWriter>();
        services.AddScoped<IEnterpriseSegmentQuery, EnterpriseSegmentQuery>();
        services.AddScoped<IEnterpriseLookup, EnterpriseLookup>();
        services.AddScoped<IEnterpriseTimelineAppService, EnterpriseTimelineAppService>();
        services.AddScoped<IEnterpriseTimelineSource, EnterpriseRecordTimelineSource>();
        services.AddScoped<IEnterpriseActivityProbe, EnterpriseRecordTimelineSource>();
        services.AddScoped<IEnterpriseCohortLookup, EnterpriseCohortLookup>();
        services.Configure<EnterpriseImportOptions>(configuration.GetSection(EnterpriseImportOptions.Section));
        services.AddScoped<EnterpriseImportProcessor>();
        services.AddScoped<IEnterpriseImportAppService, EnterpriseImportAppService>();
        services.AddScoped(sp => new EnterpriseImportJob(sp.GetRequiredService<EnterpriseImportProcessor>()));
        services.AddScoped<IDataSeedContributor, AdministrativeUnitsSeedContributor>();
        services.AddScoped<IDataSeedContributor, DemoEnterprisesSeedContributor>();
    }

    /// <inheritdoc />
    public override void ConfigureModel(ModelBuilder modelBuilder) => EnterprisesModel.Configure(modelBuilder);

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(EnterprisesPermissions.Default, "Read the enterprise register", RoleNames.Officer),
        new(EnterprisesPermissions.Create, "Create enterprises", RoleNames.Officer),
        new(EnterprisesPermissions.Update, "Edit enterprises", RoleNames.Officer),
        new(EnterprisesPermissions.Delete, "Delete and restore enterprises", RoleNames.Officer),
        new(EnterprisesPermissions.OwnEnterprise, "Read and edit one's own enterprise", RoleNames.EnterpriseUser),
        new(EnterprisesPermissions.Registrations, "Review self-registrations (queue, approve, reject)", RoleNames.Officer),
        new(EnterprisesPermissions.Import, "Import enterprises from files (dry run, import, revert)", RoleNames.Officer),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => EnterpriseEndpoints.Map(endpoints);
}
