using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Identity.Domain;
using SmeSupport.Security;
using Xunit;

namespace SmeSupport.TestBase;

/// <summary>
/// The real host over a real SQLite database in a temporary folder, for integration tests through
/// HTTP (ABP's habit). Each factory gets its own database, copied from a template that is migrated
/// and seeded (reference data, roles, admin, demo data) once per build and shared by every test
/// process; its own e-mail outbox folder and data-protection keys. Hangfire's server is off: tests
/// run jobs by calling them. Use as an xUnit class fixture.
/// </summary>
public class SmeSupportAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The seeded admin's e-mail.</summary>
    public const string AdminEmail = "admin@test.smesupport.local";

    /// <summary>The seeded admin's password.</summary>
    public const string AdminPassword = "Admin#Test2026";

    /// <summary>Password given to users made by <see cref="CreateUserAsync"/>.</summary>
    public const string UserPassword = "User#Test2026";

    /// <summary>JSON options matching the API (camelCase, enums as strings).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Creates the factory and its private folder.</summary>
    public SmeSupportAppFactory()
    {
        Directory = Path.Combine(Path.GetTempPath(), "smesupport-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>This factory's private folder (database, job storage, outbox, keys).</summary>
    public string Directory { get; }

    /// <summary>The SQLite database file.</summary>
    public string DatabasePath => Path.Combine(Directory, "smesupport.db");

    /// <summary>Where the file outbox writes .eml files.</summary>
    public string OutboxPath => Path.Combine(Directory, "outbox");

    /// <summary>
    /// Name of the environment variable that sets the fake clock's start (ISO 8601, e.g. <c>2026-11-29T16:59:59Z</c>), to run
    /// fake-clock tests at a chosen instant such as one second before midnight in Vietnam (17:00 UTC).
    /// </summary>
    public const string ClockStartVariable = "SMESUPPORT_TEST_CLOCK_UTC";

    /// <summary>
    /// The clock, when <see cref="UseFakeClock"/> is true: starts at the real now (or at <see cref="ClockStartVariable"/>) and
    /// stands still until a test advances it, so dates a test computes from it are the dates the app computes.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(ClockStart());

    /// <summary>Replace <see cref="TimeProvider"/> with <see cref="Clock"/>.</summary>
    protected virtual bool UseFakeClock => false;

    private static DateTimeOffset ClockStart() =>
        Environment.GetEnvironmentVariable(ClockStartVariable) is { Length: > 0 } start
            ? DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal).ToUniversalTime()
            : DateTimeOffset.UtcNow;

    /// <summary>Override or add configuration (e.g. SendGrid settings) for a derived factory.</summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={DatabasePath}",
            ["ConnectionStrings:Jobs"] = Path.Combine(Directory, "jobs.db"),
            ["Database:Provider"] = "Sqlite",
            ["Database:MigrateOnStartup"] = "true",
            ["Seed:AdminEmail"] = AdminEmail,
            ["Seed:AdminPassword"] = AdminPassword,
            ["Seed:DemoData"] = "true",
            ["Email:Provider"] = "File",
            ["Email:OutboxPath"] = OutboxPath,
            ["Hangfire:ServerEnabled"] = "false",
            ["DataProtection:KeysPath"] = Path.Combine(Directory, "keys"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        ConfigureSettings(settings);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (UseFakeClock)
        {
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        }
    }

    /// <summary>
    /// Copies the migrated and seeded template database (reference data, roles, the admin <see cref="AdminEmail"/> /
    /// <see cref="AdminPassword"/>, demo data) to <paramref name="target"/>, for tests that start the host as a process.
    /// </summary>
    public static Task CopySeededDatabaseAsync(string target) => TemplateDatabase.CopyToAsync(target);

    /// <summary>Copies the seeded template database, then starts the host.</summary>
    public virtual async Task InitializeAsync()
    {
        await TemplateDatabase.CopyToAsync(DatabasePath);
        _ = Server; // start the host: migrations (none pending) and idempotent seeds run now.
    }

    /// <summary>Stops the host and removes the folder.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the OS temp cleaner takes it.
        }
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient CreateAnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in (bearer token from <c>POST /api/auth/login</c>).</summary>
    public async Task<HttpClient> CreateClientAsync(string email, string password)
    {
        var client = CreateAnonymousClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client signed in as the seeded admin.</summary>
    public Task<HttpClient> CreateAdminClientAsync() => CreateClientAsync(AdminEmail, AdminPassword);

    /// <summary>Creates a user in the given role (password <see cref="UserPassword"/>) and returns a signed-in client.</summary>
    public async Task<HttpClient> CreateUserClientAsync(string role, Guid? enterpriseId = null, Guid? partnerOrganizationId = null)
    {
        var email = await CreateUserAsync(role, enterpriseId, partnerOrganizationId);
        return await CreateClientAsync(email, UserPassword);
    }

    /// <summary>Creates a user in the given role; returns its e-mail.</summary>
    public async Task<string> CreateUserAsync(string role, Guid? enterpriseId = null, Guid? partnerOrganizationId = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.smesupport.local";
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            EnterpriseId = enterpriseId,
            PartnerOrganizationId = partnerOrganizationId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, UserPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (role.Length > 0)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        return email;
    }

    /// <summary>Runs <paramref name="action"/> with a scoped service provider (e.g. to read the database directly).</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A new connection to this factory's database, for assertions on what is stored.</summary>
    public SqliteConnection OpenDatabase()
    {
        var c = new SqliteConnection($"Data Source={DatabasePath}");
        c.Open();
        return c;
    }

    /// <summary>Runs a scalar SQL query against this factory's database.</summary>
    public long Scalar(string sql)
    {
        using var c = OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Role names, for <see cref="CreateUserClientAsync"/>.</summary>
    public static class Roles
    {
        /// <summary>Admin.</summary>
        public const string Admin = RoleNames.Admin;

        /// <summary>Officer.</summary>
        public const string Officer = RoleNames.Officer;

        /// <summary>EnterpriseUser.</summary>
        public const string EnterpriseUser = RoleNames.EnterpriseUser;

        /// <summary>TaxPartner.</summary>
        public const string TaxPartner = RoleNames.TaxPartner;
    }
}

/// <summary>
/// <see cref="SmeSupportAppFactory"/> with the app's <see cref="TimeProvider"/> replaced by <see cref="SmeSupportAppFactory.Clock"/>:
/// for tests that compute dates ("today" in Vietnam, this month) and send them to the app, so the two never straddle a
/// midnight in Asia/Ho_Chi_Minh (17:00 UTC).
/// </summary>
public class FakeClockAppFactory : SmeSupportAppFactory
{
    /// <inheritdoc />
    protected override bool UseFakeClock => true;
}

/// <summary>
/// A migrated and seeded SQLite database made once per build of the product (keyed by the product
/// assemblies' module version ids) and copied for each factory, so seeding costs once, not per test class.
/// A file lock makes parallel test processes wait for the first one to build it.
/// </summary>
internal static class TemplateDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task CopyToAsync(string target)
    {
        var template = await EnsureAsync();
        using (var source = new SqliteConnection($"Data Source={template};Mode=ReadOnly;Pooling=False"))
        using (var destination = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            source.Open();
            destination.Open();
            source.BackupDatabase(destination);
        }
    }

    private static async Task<string> EnsureAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smesupport-tests");
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"template-{Key()}.db");
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(path))
            {
                return path;
            }

            using var fileLock = await AcquireLockAsync(path + ".lock");
            if (File.Exists(path))
            {
                return path;
            }

            var building = Path.Combine(folder, $"building-{Guid.NewGuid():N}");
            System.IO.Directory.CreateDirectory(building);
            using (var factory = new TemplateBuilderFactory(building))
            {
                _ = factory.Server; // migrate and seed
            }

            SqliteConnection.ClearAllPools();
            var built = Path.Combine(building, "smesupport.db");
            using (var source = new SqliteConnection($"Data Source={built};Pooling=False"))
            using (var destination = new SqliteConnection($"Data Source={path}.tmp;Pooling=False"))
            {
                source.Open();
                destination.Open();
                source.BackupDatabase(destination);
                using var cmd = destination.CreateCommand();
                cmd.CommandText = "PRAGMA journal_mode=DELETE;";
                cmd.ExecuteNonQuery();
            }

            SqliteConnection.ClearAllPools();
            File.Move(path + ".tmp", path, overwrite: true);
            try
            {
                System.IO.Directory.Delete(building, recursive: true);
            }
            catch (IOException)
            {
            }

            return path;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(200);
            }
        }
    }

    private static string Key()
    {
        var ids = new StringBuilder();
        foreach (var assembly in new[] { typeof(SmeSupportDbContext).Assembly }.Concat(
                     typeof(SmeSupportDbContext).Assembly.GetReferencedAssemblies()
                         .Where(a => a.Name?.StartsWith("SmeSupport.", StringComparison.Ordinal) == true)
                         .Select(System.Reflection.Assembly.Load)))
        {
            ids.Append(assembly.ManifestModule.ModuleVersionId);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ids.ToString())))[..16];
    }

    private sealed class TemplateBuilderFactory(string folder) : SmeSupportAppFactoryCore(folder);
}

/// <summary>The factory configuration without the template copy (used to build the template itself).</summary>
internal class SmeSupportAppFactoryCore(string folder) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(folder, "smesupport.db")}");
        builder.UseSetting("ConnectionStrings:Jobs", Path.Combine(folder, "jobs.db"));
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:AdminEmail", SmeSupportAppFactory.AdminEmail);
        builder.UseSetting("Seed:AdminPassword", SmeSupportAppFactory.AdminPassword);
        builder.UseSetting("Seed:DemoData", "true");
        builder.UseSetting("Email:OutboxPath", Path.Combine(folder, "outbox"));
        builder.UseSetting("Hangfire:ServerEnabled", "false");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(folder, "keys"));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}
