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
        { "provider as a number", ["Database__Provider=1"], "Database:Provider", "'1'" },
        { "provider as flags", ["Database__Provider=Sqlite,SqlServer"], "Database:Provider", "Sqlite,SqlServer" },
        { "boolean not a boolean", ["Hangfire__ServerEnabled=maybe"], "Hangfire:ServerEnabled", "maybe" },
        { "number not a number", ["ForwardedHeaders__Enabled=true", "ForwardedHeaders__ForwardLimit=x"], "ForwardedHeaders:ForwardLimit", "'x'" },
        { "unknown log level", ["Serilog__MinimumLevel__Default=Loud"], "Serilog", "Loud" },
        { "public address missing in Production", ["App__PublicBaseUrl="], "App:PublicBaseUrl", "required" },
        { "public address not absolute", ["App__PublicBaseUrl=portal.example.gov.vn", "Outreach__PublicBaseUrl=https://portal.example.gov.vn"], "App:PublicBaseUrl", "portal.example.gov.vn" },
        { "job storage in SQL Server syntax", ["ConnectionStrings__Jobs=Server=db;Database=Jobs"], "ConnectionStrings:Jobs", "SQLite" },
        { "forwarded headers for anyone", ["ASPNETCORE_FORWARDEDHEADERS_ENABLED=true"], "ForwardedHeaders:KnownProxies", "ASPNETCORE_FORWARDEDHEADERS_ENABLED" },
    };

    [Theory]
    [InlineData("Cases__AttachmentsPath", "Cases:AttachmentsPath")]
    [InlineData("DataProtection__KeysPath", "DataProtection:KeysPath")]
    [InlineData("Email__OutboxPath", "Email:OutboxPath")]
    public async Task A_folder_the_host_cannot_write_stops_it_with_exit_code_2_naming_the_setting(string variable, string key)
    {
        // A path below a file cannot be created, as a folder on a read-only file system (ProtectSystem=strict) cannot.
        await File.WriteAllTextAsync(_folder.File("a-file"), "x");
        await using var host = await AppProcess.RunHostToExitAsync(With((variable, _folder.File("a-file/sub"))), ExitTimeout);

        Assert.True(host.ExitCode == 2, $"exit code {host.ExitCode}\nstderr:\n{host.Stderr}\nstdout:\n{host.Stdout}");
        Assert.StartsWith($"SmeSupport cannot start: Setting '{key}' names the folder", host.Stderr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n   at ", host.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_stops_the_host_with_exit_code_4_and_one_line()
    {
        await SmeSupport.TestBase.SmeSupportAppFactory.CopySeededDatabaseAsync(_folder.File("smesupport.db"));
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        // A later --urls overrides the free port the test helper gives.
        await using var host = await AppProcess.RunHostToExitAsync(With(), ExitTimeout, "--urls", $"http://127.0.0.1:{port}");
        await using var malformed = await AppProcess.RunHostToExitAsync(With(), ExitTimeout, "--urls", "foo");

        Assert.True(host.ExitCode == 4, $"exit code {host.ExitCode}\nstderr:\n{host.Stderr}");
        Assert.Contains("address already in use", host.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\n   at ", host.Stderr, StringComparison.Ordinal);
        Assert.True(malformed.ExitCode == 2, $"exit code {malformed.ExitCode}\nstderr:\n{malformed.Stderr}");
        Assert.StartsWith("SmeSupport cannot start: Setting 'Urls'", malformed.Stderr.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backup", "--to=")]
    [InlineData("restore", "--from=")]
    [InlineData("backup", "--to")]
    public async Task The_DbMigrator_treats_an_empty_file_option_as_a_usage_error(string verb, string option)
    {
        var tool = await AppProcess.RunDbMigratorAsync(With(), ExitTimeout, verb, option);

        Assert.Equal(2, tool.ExitCode);
        Assert.Contains("Give the file with", tool.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_DbMigrator_names_the_backup_file_not_the_database_when_the_backup_is_at_fault()
    {
        await SmeSupport.TestBase.SmeSupportAppFactory.CopySeededDatabaseAsync(_folder.File("smesupport.db"));
        var truncated = _folder.File("truncated.db");
        var bytes = await File.ReadAllBytesAsync(_folder.File("smesupport.db"));
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 3)]);

        var restore = await AppProcess.RunDbMigratorAsync(With(), ExitTimeout, "restore", "--from", truncated);
        var backup = await AppProcess.RunDbMigratorAsync(With(), ExitTimeout, "backup", "--to", _folder.File("smesupport.db-wal"));

        Assert.True(restore.ExitCode == 1, restore.Stderr);
        Assert.Contains(truncated, restore.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("does not answer", restore.Stderr, StringComparison.Ordinal);
        Assert.True(backup.ExitCode == 1, backup.Stderr);
        Assert.Contains("-wal", backup.Stderr, StringComparison.Ordinal);
    }

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
