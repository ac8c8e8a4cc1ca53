using Microsoft.Data.Sqlite;
using SmeSupport.EntityFrameworkCore;

namespace SmeSupport.Host;

/// <summary>
/// Checks made before any service starts, each failing with a <see cref="HostConfigurationException"/> (exit code 2)
/// that names the setting: the folders the process must write, the SQLite job storage, the public address and the
/// forwarded-headers switch.
/// </summary>
public static class StartupChecks
{
    /// <summary>Default of <c>Cases:AttachmentsPath</c>, relative to the content root (as the Cases module's options).</summary>
    public const string DefaultAttachmentsPath = "App_Data/case-attachments";

    /// <summary>
    /// Every folder the process writes, with the setting that names it: <c>Cases:AttachmentsPath</c>,
    /// <c>Email:OutboxPath</c> (when the file outbox is used), the SQLite database's and job storage's folders
    /// (<c>ConnectionStrings:Default</c>, <c>ConnectionStrings:Jobs</c>) and <c>DataProtection:KeysPath</c> when set.
    /// Relative paths are resolved against <paramref name="contentRoot"/>.
    /// </summary>
    /// <returns>(setting, absolute folder) pairs.</returns>
    public static IReadOnlyList<(string Setting, string Folder)> WritableFolders(IConfiguration config, DatabaseSettings database, string? jobsDatabase, string contentRoot)
    {
        var folders = new List<(string, string)>
        {
            ("Cases:AttachmentsPath", Path.GetFullPath(config["Cases:AttachmentsPath"] is { Length: > 0 } a ? a : DefaultAttachmentsPath, contentRoot)),
        };
        var provider = config["Email:Provider"];
        if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider.Trim(), "File", StringComparison.OrdinalIgnoreCase))
        {
            folders.Add(("Email:OutboxPath", Path.GetFullPath(config["Email:OutboxPath"] is { Length: > 0 } o ? o : "App_Data/outbox", contentRoot)));
        }

        if (database.Provider == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(database.ConnectionString).DataSource is { } file && file != ":memory:")
        {
            folders.Add(("ConnectionStrings:Default", Path.GetDirectoryName(file)!));
        }

        if (jobsDatabase is not null)
        {
            folders.Add(("ConnectionStrings:Jobs", Path.GetDirectoryName(jobsDatabase)!));
        }

        if (config["DataProtection:KeysPath"] is { Length: > 0 } keys && !string.IsNullOrWhiteSpace(keys))
        {
            folders.Add(("DataProtection:KeysPath", Path.GetFullPath(keys, contentRoot)));
        }

        return folders;
    }

    /// <summary>Creates <paramref name="folder"/> if needed and writes and deletes a probe file in it.</summary>
    /// <exception cref="HostConfigurationException">The folder cannot be created or written; the message names <paramref name="setting"/>.</exception>
    public static void EnsureWritable(string setting, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".smesupport-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HostConfigurationException(
                $"Setting '{setting}' names the folder '{folder}', which this process cannot create or write ({ex.Message}). " +
                "Point it under a writable folder (e.g. /var/lib/smesupport, the unit's ReadWritePaths) or give the service user write access.", ex);
        }
    }

    /// <summary>
    /// The absolute path of the SQLite job storage (<c>ConnectionStrings:Jobs</c>, a file name or a SQLite connection
    /// string; default <paramref name="defaultPath"/>), refusing SQL Server syntax, the main database file, and an
    /// existing file that is not a SQLite database.
    /// </summary>
    /// <exception cref="HostConfigurationException">The setting is wrong; the message names <c>ConnectionStrings:Jobs</c>.</exception>
    public static string JobsDatabasePath(IConfiguration config, DatabaseSettings database, string contentRoot, string defaultPath)
    {
        var jobs = config.GetConnectionString("Jobs") is { Length: > 0 } j ? j : defaultPath;
        string path;
        try
        {
            path = new SqliteConnectionStringBuilder(jobs.Contains('=', StringComparison.Ordinal) ? jobs : $"Data Source={jobs}").DataSource;
        }
        catch (ArgumentException ex)
        {
            throw new HostConfigurationException(
                $"Setting 'ConnectionStrings:Jobs' is not a SQLite file name or connection string ({ex.Message}). " +
                "It names Hangfire's SQLite job storage, e.g. '/var/lib/smesupport/jobs.db'; on SQL Server the jobs live in the main database.", ex);
        }

        if (string.IsNullOrWhiteSpace(path) || path == ":memory:")
        {
            throw new HostConfigurationException("Setting 'ConnectionStrings:Jobs' names no SQLite file, e.g. '/var/lib/smesupport/jobs.db'.");
        }

        path = Path.GetFullPath(path, contentRoot);
        var main = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (SamePath(path, main))
        {
            throw new HostConfigurationException(
                $"Setting 'ConnectionStrings:Jobs' names the main database '{main}' ('ConnectionStrings:Default'); give Hangfire its own file, e.g. '/var/lib/smesupport/jobs.db'.");
        }

        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            try
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                connection.Open();
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "PRAGMA schema_version;";
                cmd.ExecuteScalar();
            }
            catch (SqliteException ex)
            {
                throw new HostConfigurationException(
                    $"Setting 'ConnectionStrings:Jobs' names '{path}', which is not a usable SQLite database ({ex.Message}). Move the file away or name another one.", ex);
            }
        }

        return path;
    }

    /// <summary>
    /// <c>App:PublicBaseUrl</c> (links in e-mails): required in Production, and wherever set an absolute http(s)
    /// address; <c>Outreach:PublicBaseUrl</c> likewise when set.
    /// </summary>
    /// <exception cref="HostConfigurationException">The address is missing or malformed; the message names the key.</exception>
    public static void CheckPublicBaseUrl(IConfiguration config, bool production)
    {
        var app = config["App:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(app))
        {
            if (production)
            {
                throw new HostConfigurationException(
                    "Setting 'App:PublicBaseUrl' is required in Production: the links in e-mails (invitations, password resets, unsubscribe) start with it, e.g. 'https://portal.example.gov.vn'.");
            }
        }
        else if (!IsHttpUrl(app))
        {
            throw new HostConfigurationException($"Setting 'App:PublicBaseUrl' is '{app}', which is not an absolute http(s) address such as 'https://portal.example.gov.vn'.");
        }

        var outreach = config["Outreach:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(outreach) && !IsHttpUrl(outreach))
        {
            throw new HostConfigurationException($"Setting 'Outreach:PublicBaseUrl' is '{outreach}', which is not an absolute http(s) address (leave it empty to use App:PublicBaseUrl).");
        }
    }

    /// <summary>
    /// ASP.NET Core's <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> trusts <c>X-Forwarded-For</c> from any sender:
    /// refused; <c>ForwardedHeaders:Enabled</c> with <c>KnownProxies</c> trusts only the proxies.
    /// </summary>
    /// <exception cref="HostConfigurationException">The variable is set to true.</exception>
    public static void CheckForwardedHeadersVariable(IConfiguration config)
    {
        if (config.GetValue("FORWARDEDHEADERS_ENABLED", false))
        {
            throw new HostConfigurationException(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true would trust X-Forwarded-For from any client; remove it and set " +
                "'ForwardedHeaders:Enabled'=true with the proxies' addresses in 'ForwardedHeaders:KnownProxies' instead.");
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host);

    private static bool SamePath(string a, string b) => SqliteBackup.SameFile(a, b);
}
