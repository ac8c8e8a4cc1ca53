using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Modularity;
using SmeSupport.Reporting.Application;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Reporting;

/// <summary>The Reporting module: the staff dashboard (and, later, shared reports). It reads other modules only through their Contracts.</summary>
public sealed class ReportingModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Reporting";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddScoped<IDashboardAppService, DashboardAppService>();

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(ReportingPermissions.Dashboard, "See the staff dashboard", RoleNames.Officer),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/reporting/dashboard", async (IDashboardAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetHeadlineAsync(ct)))
            .WithTags("Reporting")
            .WithSummary("The programme's headline figures.")
            .RequireAuthorization(ReportingPermissions.Dashboard);
}
