namespace SmeSupport.Deployment.Tests;

/// <summary>
/// Wrong settings stop the built host (and the DbMigrator) at start-up with one line on stderr that names the setting,
/// no stack trace, and a non-zero exit code: the host refuses to start rather than run half-configured.
/// </summary>
public sealed class BadConfigurationTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string> With(params (string Key, string Value)[] settings)
    {
        var env = Settings.Production(_folder);
        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }

        return env;
    }

    public static TheoryData<string, string[], string, string> Cases => new()
    {
        // name, settings (environment variables), words the message must hold
        { "unknown provider", ["Database__Provider=Oracle"], "Database:Provider", "Oracle" },
        { "SQL Server named, SQLite connection string left as it was", ["Database__Provider=SqlServer"], "ConnectionStrings:Default", "SQLite" },
        { "SQL Server named, SQLite file given", ["Database__Provider=SqlServer", "ConnectionStrings__Default=Data Source=/var/lib/smesupport/smesupport.db"], "ConnectionStrings:Default", "SQLite" },
        { "SQLite named, SQL Server connection string given", ["Database__Provider=Sqlite", "ConnectionStrings__Default=Server=db;Database=SmeSupport;User Id=sa;Password=x;TrustServerCertificate=true"], "ConnectionStrings:Default", "SQLite" },
        { "SQL Server named, no connection string", ["Database__Provider=SqlServer", "ConnectionStrings__Default="], "ConnectionStrings:Default", "SqlServer" },
        { "SendGrid without a key", ["Email__Provider=SendGrid", "SendGrid__FromEmail=office@example.vn"], "SendGrid:ApiKey", "required" },
        { "unknown log format", ["Logging__Format=Xml"], "Logging:Format", "Xml" },
        { "OTLP endpoint not an address", ["OpenTelemetry__OtlpEndpoint=collector:4317"], "OpenTelemetry:OtlpEndpoint", "collector:4317" },
        { "proxy not an address", ["ForwardedHeaders__Enabled=true", "ForwardedHeaders__KnownProxies=nginx.local"], "ForwardedHeaders:KnownProxies", "nginx.local" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_host_refuses_to_start_with_one_line_naming_the_setting(string name, string[] settings, string key, string word)
    {
        var pairs = settings.Select(s => s.Split('=', 2)).Select(p => (p[0], p[1])).ToArray();
        await using var host = await AppProcess.RunHostToExitAsync(With(pairs), ExitTimeout);

        Assert.True(host.ExitCode == 2, $"{name}: exit code {host.ExitCode}\nstderr:\n{host.Stderr}\nstdout:\n{host.Stdout}");
        var stderr = host.Stderr.Trim();
        Assert.StartsWith("SmeSupport cannot start: ", stderr, StringComparison.Ordinal);
        Assert.Contains(key, stderr, StringComparison.Ordinal);
        Assert.Contains(word, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\n   at ", host.Stderr + host.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", host.Stderr + host.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SQL_Server_that_does_not_answer_stops_start_up_with_exit_code_3()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        var env = With(("Database__Provider", "SqlServer"),
            ("ConnectionStrings__Default", "Server=127.0.0.1,1;Database=SmeSupport;User Id=sa;Password=x;TrustServerCertificate=true;Connect Timeout=2"));

        await using var host = await AppProcess.RunHostToExitAsync(env, ExitTimeout);

        Assert.True(host.ExitCode == 3, $"exit code {host.ExitCode}\nstderr:\n{host.Stderr}");
        Assert.StartsWith("SmeSupport cannot start: the database named by 'ConnectionStrings:Default'", host.Stderr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n   at ", host.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_DbMigrator_refuses_a_wrong_provider_and_a_backup_on_SQL_Server()
    {
        var wrong = await AppProcess.RunDbMigratorAsync(With(("Database__Provider", "Postgres")), ExitTimeout);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("Database:Provider", wrong.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", wrong.Stderr, StringComparison.Ordinal);

        var backup = await AppProcess.RunDbMigratorAsync(
            With(("Database__Provider", "SqlServer"), ("ConnectionStrings__Default", "Server=db;Database=SmeSupport;User Id=sa;Password=x;TrustServerCertificate=true")),
            ExitTimeout, "backup", "--to", _folder.File("never.db"));
        Assert.Equal(2, backup.ExitCode);
        Assert.Contains("BACKUP DATABASE", backup.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("never.db")));
    }
}
