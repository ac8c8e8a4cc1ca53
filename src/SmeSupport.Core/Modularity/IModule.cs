using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Security;

namespace SmeSupport.Modularity;

/// <summary>
/// One module of the modular monolith, in the shape of ABP's <c>AbpModule</c>: it registers its
/// services, contributes its part of the EF Core model, declares its permissions and maps its
/// HTTP endpoints. The host lists the modules in dependency order (see <c>SmeSupportModules</c>).
/// </summary>
public interface IModule
{
    /// <summary>Short module name, e.g. <c>Enterprises</c>; used in error codes and permission names.</summary>
    string Name { get; }

    /// <summary>Registers the module's services. Called once at start-up, before the container is built.</summary>
    void ConfigureServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Adds the module's entities to the shared model. The module owns these tables; no other module reads them.</summary>
    void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>The permissions the module declares (names like <c>SmeSupport.Enterprises.Create</c>).</summary>
    IEnumerable<PermissionDefinition> Permissions { get; }

    /// <summary>Maps the module's HTTP API endpoints (minimal-API groups under <c>/api</c>).</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>
    /// Runs once after the database is migrated and seeded, before requests are served (ABP's
    /// <c>OnApplicationInitialization</c>): register recurring jobs and the like.
    /// </summary>
    Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>Base with empty defaults so a module overrides only what it has.</summary>
public abstract class ModuleBase : IModule
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    /// <inheritdoc />
    public virtual void ConfigureModel(ModelBuilder modelBuilder) { }

    /// <inheritdoc />
    public virtual IEnumerable<PermissionDefinition> Permissions => [];

    /// <inheritdoc />
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }

    /// <inheritdoc />
    public virtual Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
