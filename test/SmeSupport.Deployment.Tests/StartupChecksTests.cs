using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Errors;
using SmeSupport.Host;

namespace SmeSupport.Deployment.Tests;

/// <summary>The start-up checks and the one-line failure descriptions, in process (no host started).</summary>
public sealed class StartupChecksTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static IConfiguration Config(params (string Key, string? Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Fact]
    public void A_wrong_typed_value_is_one_line_naming_the_key_with_exit_code_2()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Config(("Hangfire:ServerEnabled", "maybe")).GetValue("Hangfire:ServerEnabled", true));

        var failure = StartupFailure.Describe(ex);

        Assert.NotNull(failure);
        Assert.Equal(2, failure.ExitCode);
        Assert.Equal("Setting 'Hangfire:ServerEnabled' has the value 'maybe', which is not a valid boolean (true or false).", failure.Message);
    }

    [Fact]
    public void Other_start_up_failures_have_their_exit_codes()
    {
        Assert.Equal(4, StartupFailure.Describe(new IOException("Failed to bind to address http://127.0.0.1:5080: address already in use."))!.ExitCode);
        Assert.Equal(2, StartupFailure.Describe(new FormatException("Invalid url: 'foo'"))!.ExitCode);
        Assert.Equal(2, StartupFailure.Describe(new InvalidOperationException("Seeding could not create the admin user (check Seed:AdminPassword against the password rules): too short"))!.ExitCode);
        Assert.Null(StartupFailure.Describe(new NullReferenceException()));
        var unexpected = StartupFailure.Unexpected(new NullReferenceException("boom"));
        Assert.Equal((1, "System.NullReferenceException: boom"), (unexpected.ExitCode, unexpected.Message));
        Assert.Equal(0, StartupFailure.Unexpected(new OperationCanceledException()).ExitCode);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_names_its_setting()
    {
        await File.WriteAllTextAsync(_folder.File("a-file"), "x");

        var ex = Assert.Throws<HostConfigurationException>(() => StartupChecks.EnsureWritable("Cases:AttachmentsPath", _folder.File("a-file/attachments")));
        StartupChecks.EnsureWritable("Cases:AttachmentsPath", _folder.File("ok/attachments"));

        Assert.StartsWith("Setting 'Cases:AttachmentsPath' names the folder", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.File("ok/attachments")));
    }

    [Fact]
    public void The_writable_folders_are_every_one_the_process_writes()
    {
        var config = Config(("Cases:AttachmentsPath", "/var/lib/smesupport/attachments"), ("DataProtection:KeysPath", "keys"));
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=/var/lib/smesupport/smesupport.db");

        var folders = StartupChecks.WritableFolders(config, database, "/var/lib/smesupport/jobs/jobs.db", "/opt/smesupport/app");

        Assert.Equal(
            [
                ("Cases:AttachmentsPath", "/var/lib/smesupport/attachments"),
                ("Email:OutboxPath", "/opt/smesupport/app/App_Data/outbox"),
                ("ConnectionStrings:Default", "/var/lib/smesupport"),
                ("ConnectionStrings:Jobs", "/var/lib/smesupport/jobs"),
                ("DataProtection:KeysPath", "/opt/smesupport/app/keys"),
            ],
            folders);
    }

    [Fact]
    public async Task The_job_storage_setting_is_checked()
    {
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_folder.File("smesupport.db")}");
        await File.WriteAllTextAsync(_folder.File("garbage.db"), "this is not a database, just text long enough to be read as a header by SQLite......");

        string Jobs(string value) => StartupChecks.JobsDatabasePath(Config(("ConnectionStrings:Jobs", value)), database, _folder.Path, "App_Data/jobs.db");

        Assert.Equal(_folder.File("jobs.db"), Jobs("jobs.db"));
        Assert.Contains("ConnectionStrings:Jobs", Assert.Throws<HostConfigurationException>(() => Jobs("Server=db;Database=Jobs")).Message, StringComparison.Ordinal);
        Assert.Contains("main database", Assert.Throws<HostConfigurationException>(() => Jobs("smesupport.db")).Message, StringComparison.Ordinal);
        Assert.Contains("not a usable SQLite database", Assert.Throws<HostConfigurationException>(() => Jobs(_folder.File("garbage.db"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, true, "App:PublicBaseUrl")]
    [InlineData("portal.example.gov.vn", null, false, "App:PublicBaseUrl")]
    [InlineData("ftp://portal.example.gov.vn", "https://portal.example.gov.vn", true, "App:PublicBaseUrl")]
    [InlineData("https://portal.example.gov.vn", "portal", true, "Outreach:PublicBaseUrl")]
    [InlineData("https://portal.example.gov.vn", null, true, null)]
    [InlineData(null, null, false, null)]
    public void The_public_address_is_required_in_Production_and_must_be_absolute(string? app, string? outreach, bool production, string? key)
    {
        var config = Config(("App:PublicBaseUrl", app), ("Outreach:PublicBaseUrl", outreach));

        var ex = Record.Exception(() => StartupChecks.CheckPublicBaseUrl(config, production));

        if (key is null)
        {
            Assert.Null(ex);
        }
        else
        {
            Assert.Contains($"'{key}'", Assert.IsType<HostConfigurationException>(ex).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_store_that_cannot_be_written_is_a_503_not_a_500()
    {
        var problem = ProblemDetailsExceptionHandler.ToProblem(new IOException("Read-only file system"), out var status);
        var denied = ProblemDetailsExceptionHandler.ToProblem(new UnauthorizedAccessException("denied"), out var deniedStatus);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, deniedStatus);
        Assert.Equal(ErrorCodes.StorageUnavailable, problem.Extensions["code"]);
        Assert.Equal(ErrorCodes.StorageUnavailable, denied.Extensions["code"]);
        Assert.DoesNotContain("Read-only", problem.Detail, StringComparison.Ordinal);
    }
}
