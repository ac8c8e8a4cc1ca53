using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmeSupport.Data;

/// <summary>
/// A module's seed step (ABP's <c>IDataSeedContributor</c>). Every contributor is idempotent:
/// running it again changes nothing that is already there.
/// </summary>
public interface IDataSeedContributor
{
    /// <summary>Run order: reference data (100s) before identity (200s) before demo data (1000s).</summary>
    int Order { get; }

    /// <summary>Seeds within the given scope's unit of work.</summary>
    Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken);
}

/// <summary>What to seed, from the <c>Seed:*</c> configuration keys.</summary>
public sealed class DataSeedContext
{
    /// <summary><c>Seed:DemoData</c>: add the 150 synthetic pilot enterprises and their data.</summary>
    public bool DemoData { get; init; }

    /// <summary><c>Seed:AdminEmail</c>.</summary>
    public string AdminEmail { get; init; } = "admin@smesupport.local";

    /// <summary><c>Seed:AdminPassword</c>; null means generate one (Development only) and print it once.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>True when the host runs in Development.</summary>
    public bool IsDevelopment { get; init; }
}

/// <summary>Runs every registered <see cref="IDataSeedContributor"/> in order, each in its own scope.</summary>
public sealed class DataSeeder(IServiceScopeFactory scopes, ILogger<DataSeeder> logger)
{
    /// <summary>Seeds everything; safe to call on every start.</summary>
    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken = default)
    {
        List<(int Order, Type Type)> plan;
        using (var scope = scopes.CreateScope())
        {
            plan = scope.ServiceProvider.GetServices<IDataSeedContributor>()
                .Select(c => (c.Order, c.GetType())).OrderBy(c => c.Order).ToList();
        }

        foreach (var (_, type) in plan)
        {
            using var scope = scopes.CreateScope();
            var contributor = scope.ServiceProvider.GetServices<IDataSeedContributor>().First(c => c.GetType() == type);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await contributor.SeedAsync(context, cancellationToken);
            logger.LogInformation("Seed step {Contributor} done in {Elapsed} ms", type.Name,
                (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
