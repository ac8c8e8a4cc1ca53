using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Host;

// SmeSupport.DbMigrator: applies EF Core migrations and seeds reference data, roles, the admin user
// and (with Seed:DemoData=true) the demo data, for the configured provider; creates the data-protection
// key and Hangfire's schema; then exits. It also backs up and restores the SQLite database.
//
// Usage (the verb comes first; settings as for the host, e.g. --contentRoot /opt/smesupport/app to read
// the host's appsettings*.json, --Database:Provider=SqlServer, --ConnectionStrings:Default=...):
//   SmeSupport.DbMigrator [migrate] [settings]          migrate and seed (the default)
//   SmeSupport.DbMigrator backup --to FILE [settings]    online SQLite backup (the portal may keep running)
//   SmeSupport.DbMigrator restore --from FILE [--force] [settings]
//                                                       replace the SQLite database with a backup; refused while a
//                                                       portal runs on it (unless --force); keeps the replaced database
//                                                       as <db>.before-restore-<yyyyMMddHHmmss> (UTC)
// The environment is Production unless ASPNETCORE_ENVIRONMENT (or DOTNET_ENVIRONMENT) says otherwise.
// Relative SQLite paths are resolved against the content root (the current directory unless --contentRoot).
// Exit codes: 0 done, 1 failed (e.g. a bad backup file or target: the message names it), 2 wrong setting or usage,
// 3 database unreachable.
var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0].ToLowerInvariant() : "migrate";
var settings = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
try
{
    switch (verb)
    {
        case "migrate":
        {
            var app = SmeSupportHost.Build(settings, builder =>
            {
                var config = builder.Configuration;
                config["Hangfire:ServerEnabled"] = "false";
                // A console tool: readable lines and no SQL echo unless configured otherwise.
                config["Logging:Format"] ??= "Text";
                config["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] ??= "Warning";
                config["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] ??= "Warning";
            }, withPipeline: false);
            await SmeSupportHost.MigrateAndSeedAsync(app);
            _ = app.Services.GetRequiredService<JobStorage>(); // creates or upgrades Hangfire's schema
            Console.WriteLine("SmeSupport database is migrated and seeded.");
            return 0;
        }

        case "backup":
        {
            var database = SqliteDatabase(settings, "backup", out _);
            var result = SqliteBackup.Backup(database.ConnectionString, Option(settings, "--to"));
            Console.WriteLine($"Backed up {result.Source} to {result.Target} ({result.Bytes:N0} bytes, integrity ok) in {result.Elapsed.TotalMilliseconds:0} ms.");
            return 0;
        }

        case "restore":
        {
            var database = SqliteDatabase(settings, "restore", out var jobs);
            var from = Option(settings, "--from");
            var force = settings.Any(a => string.Equals(a, "--force", StringComparison.OrdinalIgnoreCase));
            var result = SqliteBackup.Restore(from, database.ConnectionString, KnownSqliteMigrations(database), jobs, force);
            Console.WriteLine($"Restored {result.Target} from {result.Source} ({result.Bytes:N0} bytes) in {result.Elapsed.TotalMilliseconds:0} ms.");
            if (result.SafetyCopy is not null)
            {
                Console.WriteLine($"The database as it was before the restore is kept in {result.SafetyCopy} (delete it once the portal is back).");
            }

            Console.WriteLine("Start the portal (run 'migrate' first if the backup is from an older release).");
            return 0;
        }

        default:
            Console.Error.WriteLine($"SmeSupport.DbMigrator: unknown verb '{verb}'. Use migrate (default), backup --to FILE, or restore --from FILE.");
            return 2;
    }
}
// The backup's or target's own errors (InvalidOperationException naming that file, perhaps wrapping a SqliteException)
// come first: they are not the live database's (exit code 3) nor a setting's.
catch (InvalidOperationException ex) when (verb is "backup" or "restore" && !ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"SmeSupport.DbMigrator cannot {verb}: {ex.Message}");
    return 1;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } failure)
{
    Console.Error.WriteLine($"SmeSupport.DbMigrator cannot {verb}: {failure.Message}");
    return failure.ExitCode;
}
catch (Exception ex)
{
    var failure = StartupFailure.Unexpected(ex);
    Console.Error.WriteLine($"SmeSupport.DbMigrator cannot {verb}: {failure.Message}");
    return failure.ExitCode == 0 ? 1 : failure.ExitCode;
}

static DatabaseSettings SqliteDatabase(string[] settings, string verb, out string? jobs)
{
    var builder = WebApplication.CreateBuilder(settings.Where(a => !string.Equals(a, "--force", StringComparison.OrdinalIgnoreCase)).ToArray());
    DatabaseSettings database;
    try
    {
        database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
    }
    catch (InvalidOperationException ex)
    {
        throw new HostConfigurationException(ex.Message, ex);
    }

    if (database.Provider != DatabaseProvider.Sqlite)
    {
        throw new HostConfigurationException(
            $"'{verb}' is for SQLite; 'Database:Provider' is '{database.Provider}'. On SQL Server use BACKUP DATABASE / RESTORE DATABASE (see the README).");
    }

    jobs = StartupChecks.JobsDatabasePath(builder.Configuration, database, builder.Environment.ContentRootPath, SmeSupportHost.DefaultJobsDatabase);
    return database;
}

static string[] KnownSqliteMigrations(DatabaseSettings database)
{
    using var context = new SqliteSmeSupportDbContext(
        new DbContextOptionsBuilder<SqliteSmeSupportDbContext>().UseSqlite(database.ConnectionString).Options, SmeSupportModules.Create());
    return context.Database.GetMigrations().ToArray();
}

static string Option(string[] settings, string name)
{
    for (var i = 0; i < settings.Length; i++)
    {
        if (string.Equals(settings[i], name, StringComparison.OrdinalIgnoreCase))
        {
            return i + 1 < settings.Length && !string.IsNullOrWhiteSpace(settings[i + 1]) && !settings[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? settings[i + 1]
                : throw new HostConfigurationException($"Give the file with {name} FILE (usage: backup --to FILE | restore --from FILE [--force]).");
        }

        if (settings[i].StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
        {
            return settings[i][(name.Length + 1)..] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
                ? value
                : throw new HostConfigurationException($"Give the file with {name} FILE (usage: backup --to FILE | restore --from FILE [--force]).");
        }
    }

    throw new HostConfigurationException($"Give the file with {name} FILE (usage: backup --to FILE | restore --from FILE [--force]).");
}
