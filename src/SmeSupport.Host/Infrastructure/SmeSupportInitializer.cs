using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Modularity;

namespace SmeSupport.Host;

/// <summary>
/// Prepares the database before anything serves: refuses a database migrated by a newer release, migrates when
/// <c>Database:MigrateOnStartup</c> is true (default in Development; otherwise refuses pending migrations), creates the
/// data-protection key if there is none, seeds (each step idempotent, on every start),
/// then lets every module initialize
/// (recurring jobs). Runs in <see cref="StartingAsync"/>, which the generic host calls before any
/// hosted service starts — before Kestrel listens and before the Hangfire server picks up jobs.
/// </summary>
internal sealed class SmeSupportInitializer(
    IServiceProvider services,
    IConfiguration configuration,
    IHostEnvironment environment,
    ModuleCatalog modules,
    DataSeeder seeder,
    ILogger<SmeSupportInitializer> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        RunAsync(services, configuration, environment, modules, seeder, logger,
            configuration.GetValue("Database:MigrateOnStartup", environment.IsDevelopment()), cancellationToken);

    /// <summary>Migrates (when <paramref name="migrate"/>), seeds, and initializes the modules.</summary>
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment,
        ModuleCatalog modules, DataSeeder seeder, ILogger logger, bool migrate, CancellationToken cancellationToken)
    {
        var isDevelopment = environment.IsDevelopment();
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SmeSupportDbContext>();
            var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
            if (unknown.Count > 0)
            {
                // A newer release migrated this database; this one would serve on a schema it does not know.
                throw new HostConfigurationException(
                    $"The database named by 'ConnectionStrings:Default' has migration(s) unknown to this release ({string.Join(", ", unknown)}): " +
                    "it was migrated by a newer release. Run that release, or restore a backup taken before the upgrade.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0 && migrate)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
            else if (pending.Count > 0)
            {
                // Serving on an old schema fails request by request; refuse to start instead, and say what to do.
                throw new HostConfigurationException(
                    $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). " +
                    "Run 'dotnet run --project src/SmeSupport.DbMigrator' (or the published SmeSupport.DbMigrator) with the same settings, " +
                    "or set 'Database:MigrateOnStartup' to true.");
            }
        }

        // Create the data-protection key now, once, rather than on the first request of each node: nodes that start
        // together on an empty key ring would each make their own and reject one another's cookies until they reload it.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SmeSupport.KeyRing").Protect([1]);

        // The seeders are idempotent: they run on every start, also when the schema came from the DBA's SQL script
        // (MigrateOnStartup=false), so roles, reference data and the admin exist whichever way the schema was made.
        var seedContext = new DataSeedContext
        {
            DemoData = configuration.GetValue("Seed:DemoData", isDevelopment),
            AdminEmail = configuration["Seed:AdminEmail"] is { Length: > 0 } email ? email : "admin@smesupport.local",
            AdminPassword = configuration["Seed:AdminPassword"] is { Length: > 0 } password ? password : null,
            IsDevelopment = isDevelopment,
        };
        try
        {
            await seeder.SeedAsync(seedContext, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Two nodes starting together on a new database seed the same rows; the loser's insert breaks a unique
            // constraint. The other node's rows are now there: seeding again finds them and adds nothing twice.
            logger.LogWarning(ex, "Seeding clashed with another node seeding at the same time; seeding once more.");
            await seeder.SeedAsync(seedContext, cancellationToken);
        }

        foreach (var module in modules.Modules)
        {
            await module.InitializeAsync(services, cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
