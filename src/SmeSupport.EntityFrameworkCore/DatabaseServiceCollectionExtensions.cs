using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmeSupport.EntityFrameworkCore.Interceptors;

namespace SmeSupport.EntityFrameworkCore;

/// <summary>The database providers SmeSupport supports (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded SQLite file (default).</summary>
    Sqlite,

    /// <summary>Microsoft SQL Server (production).</summary>
    SqlServer,
}

/// <summary>The resolved database settings.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="ConnectionString">The connection string, with a SQLite file path made absolute.</param>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>Default SQLite database, relative to the content root.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/smesupport.db";

    /// <summary>
    /// Reads <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>. A relative SQLite path is
    /// resolved against <paramref name="contentRoot"/> and its folder created.
    /// </summary>
    /// <exception cref="InvalidOperationException">Unknown provider, or a connection string that is plainly for the other provider; the message names the setting.</exception>
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => string.Equals(n, providerText.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            // By name only: Enum.TryParse would also take "1" or "Sqlite,SqlServer".
            provider = Enum.Parse<DatabaseProvider>(name);
        }
        else
        {
            throw new InvalidOperationException(
                $"Setting 'Database:Provider' has the unknown value '{providerText}'. Use 'Sqlite' (default) or 'SqlServer'.");
        }

        var cs = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Sqlite)
        {
            cs = string.IsNullOrWhiteSpace(cs) ? DefaultSqliteConnectionString : cs;
            SqliteConnectionStringBuilder builder;
            try
            {
                builder = new SqliteConnectionStringBuilder(cs);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException(
                    $"Setting 'ConnectionStrings:Default' is not a SQLite connection string ({ex.Message}). " +
                    "Database:Provider is 'Sqlite'; expected e.g. 'Data Source=App_Data/smesupport.db'.", ex);
            }

            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                throw new InvalidOperationException("Setting 'ConnectionStrings:Default' names no SQLite file (Data Source).");
            }

            if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            }

            if (builder.DataSource != ":memory:")
            {
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new InvalidOperationException(
                        $"Setting 'ConnectionStrings:Default' names the SQLite file '{builder.DataSource}', whose folder this process cannot create ({ex.Message}).", ex);
                }
            }

            return new DatabaseSettings(provider, builder.ToString());
        }

        if (string.IsNullOrWhiteSpace(cs))
        {
            throw new InvalidOperationException("Setting 'ConnectionStrings:Default' is required when 'Database:Provider' is 'SqlServer'.");
        }

        try
        {
            var sql = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(cs);
            if (string.IsNullOrWhiteSpace(sql.DataSource))
            {
                throw new ArgumentException("no Server/Data Source");
            }

            if (LooksLikeSqliteFile(sql.DataSource))
            {
                throw new InvalidOperationException(
                    $"Setting 'ConnectionStrings:Default' names the file '{sql.DataSource}', which looks like a SQLite database, " +
                    "but 'Database:Provider' is 'SqlServer'. Set Database:Provider=Sqlite, or give a SQL Server connection string such as " +
                    "'Server=db;Database=SmeSupport;User Id=…;Password=…;TrustServerCertificate=true'.");
            }
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"Setting 'ConnectionStrings:Default' is not a SQL Server connection string ({ex.Message}). " +
                "Database:Provider is 'SqlServer'; expected e.g. 'Server=db;Database=SmeSupport;User Id=…;Password=…;TrustServerCertificate=true'.", ex);
        }

        return new DatabaseSettings(provider, cs);
    }

    /// <summary>
    /// A SQL Server data source is a host (<c>db</c>, <c>db,1433</c>, <c>tcp:db</c>, <c>db\INSTANCE</c>,
    /// <c>(localdb)\MSSQLLocalDB</c>); a path with a slash or a database-file extension is a SQLite file given to the
    /// wrong provider (SqlClient accepts <c>Data Source=App_Data/smesupport.db</c> and fails only when it connects).
    /// </summary>
    private static bool LooksLikeSqliteFile(string dataSource)
    {
        var text = dataSource.Trim();
        if (text.StartsWith(@"np:", StringComparison.OrdinalIgnoreCase) || text.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return false; // named pipes
        }

        var extension = Path.GetExtension(text);
        return text.Contains('/', StringComparison.Ordinal)
               || text == ":memory:"
               || extension.Equals(".db", StringComparison.OrdinalIgnoreCase)
               || extension.Equals(".sqlite", StringComparison.OrdinalIgnoreCase)
               || extension.Equals(".sqlite3", StringComparison.OrdinalIgnoreCase)
               || extension.Equals(".db3", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Registers the unit of work for the configured provider.</summary>
public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SmeSupportDbContext"/> (and <see cref="DbContext"/>, the alias modules use)
    /// for the provider in <paramref name="settings"/>, with the audit interceptor.
    /// </summary>
    public static IServiceCollection AddSmeSupportDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddScoped<AuditSaveChangesInterceptor>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<SqliteSmeSupportDbContext>((sp, o) => o
                .UseSqlite(settings.ConnectionString, s => s.MigrationsHistoryTable("__EFMigrationsHistory"))
                .AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>(), SqlitePragmaInterceptor.Instance)
                .ConfigureWarnings(FailuresAreWarnings));
            services.AddScoped<SmeSupportDbContext>(sp => sp.GetRequiredService<SqliteSmeSupportDbContext>());
        }
        else
        {
            services.AddDbContext<SqlServerSmeSupportDbContext>((sp, o) => o
                .UseSqlServer(settings.ConnectionString, s => s.EnableRetryOnFailure())
                .AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>())
                .ConfigureWarnings(FailuresAreWarnings));
            services.AddScoped<SmeSupportDbContext>(sp => sp.GetRequiredService<SqlServerSmeSupportDbContext>());
        }

        services.AddScoped<DbContext>(sp => sp.GetRequiredService<SmeSupportDbContext>());
        return services;
    }

    /// <summary>
    /// EF Core logs a failed save or command at Error before the caller sees the exception, so a failure the code handles (a unique
    /// key losing a race: parallel sends, parallel one-click unsubscribes) looked like a fault. These events are logged as warnings;
    /// a failure nobody handles still reaches the exception handler, which logs it at Error (a 500) — as do Hangfire's failed jobs.
    /// </summary>
    private static void FailuresAreWarnings(WarningsConfigurationBuilder w) => w.Log(
        (CoreEventId.SaveChangesFailed, LogLevel.Warning),
        (RelationalEventId.CommandError, LogLevel.Warning));
}
