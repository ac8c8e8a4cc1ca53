using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Cases.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Endpoints;
using SmeSupport.Cases.Persistence;
using SmeSupport.Cases.Seeding;
using SmeSupport.Data;
using SmeSupport.Modularity;
using SmeSupport.Security;

namespace SmeSupport.Cases;

/// <summary>
/// The Cases module: support requests from enterprises and their workflow (service levels and visits
/// come later). Depends on the Enterprises module only through its contracts (<c>IEnterpriseLookup</c>,
/// <c>IEnterpriseContactDirectory</c>).
/// </summary>
public sealed class CasesModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Cases";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CasesDb>();
        services.AddScoped<IValidator<CreateSupportCaseDto>, CreateSupportCaseValidator>();
        services.AddScoped<ISupportCaseAppService, SupportCaseAppService>();
        services.AddScoped<ICaseStatistics, CaseStatistics>();
        services.AddScoped<IDataSeedContributor, DemoCasesSeedContributor>();
    }

    /// <inheritdoc />
    public override void ConfigureModel(ModelBuilder modelBuilder) => CasesModel.Configure(modelBuilder);

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(CasesPermissions.Default, "Read support cases", RoleNames.Officer),
        new(CasesPermissions.Manage, "Create, assign and work cases", RoleNames.Officer),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => CaseEndpoints.Map(endpoints);
}
