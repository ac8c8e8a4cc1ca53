using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Modularity;

namespace SmeSupport.Host;

/// <summary>
/// Prepares the database before anything serves: migrates when <c>Database:MigrateOnStartup</c> is
/// true (default in Development), creates the data-protection key if there is none, seeds (each step idempotent),
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
        if (migrate)
        {
            using (var scope = services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SmeSupportDbContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                    await db.Database.MigrateAsync(cancellationToken);
                }
            }

            // Create the data-protection key now, once, rather than on the first request of each node: nodes that start
            // together on an empty key ring would each make their own and reject one another's cookies until they reload it.
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SmeSupport.KeyRing").Protect([1]);

            await seeder.SeedAsync(new DataSeedContext
            {
                DemoData = configuration.GetValue("Seed:DemoData", isDevelopment),
                AdminEmail = configuration["Seed:AdminEmail"] is { Length: > 0 } email ? email : "admin@smesupport.local",
                AdminPassword = configuration["Seed:AdminPassword"] is { Length: > 0 } password ? password : null,
                IsDevelopment = isDevelopment,
            }, cancellationToken);
        }

        else
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SmeSupportDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                // Serving on an old schema fails request by request; refuse to start instead, and say what to do.
                throw new HostConfigurationException(
                    $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). " +
                    "Run 'dotnet run --project src/SmeSupport.DbMigrator' (or the published SmeSupport.DbMigrator) with the same settings, " +
                    "or set 'Database:MigrateOnStartup' to true.");
            }
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
