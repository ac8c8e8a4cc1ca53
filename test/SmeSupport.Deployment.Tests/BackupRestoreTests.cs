using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Deployment.Tests;

/// <summary>
/// The SQLite online backup (<c>SmeSupport.DbMigrator backup --to FILE</c>, SQLite's backup API) taken while the portal
/// runs, and the documented restore (stop the portal, <c>restore --from FILE</c>, start it): the portal comes back with
/// exactly the backed-up state.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_backup_of_the_running_portal_restores_to_the_backed_up_state()
    {
        await SmeSupportAppFactory.CopySeededDatabaseAsync(_folder.File("smesupport.db"));
        var env = Settings.Production(_folder);
        env["Hangfire__ServerEnabled"] = "false";
        var backupFile = _folder.File("backups/smesupport-backup.db");

        await using (var host = await AppProcess.StartHostReadyAsync(env, Settings.StartTimeout))
        {
            using var client = host.CreateClient();
            var token = await Settings.TokenAsync(client);
            Assert.Equal(HttpStatusCode.Created, (await CreateTemplateAsync(client, token, "Mẫu trước sao lưu")).StatusCode);

            var backup = await AppProcess.RunDbMigratorAsync(env, TimeSpan.FromSeconds(60), "backup", "--to", backupFile);
            Assert.True(backup.ExitCode == 0, backup.Stdout + backup.Stderr);
            Assert.Contains("integrity ok", backup.Stdout, StringComparison.Ordinal);

            // The portal keeps running and writing after the backup.
            Assert.Equal(HttpStatusCode.Created, (await CreateTemplateAsync(client, token, "Mẫu sau sao lưu")).StatusCode);
            Assert.Contains("Mẫu sau sao lưu", await TemplateNamesAsync(client, token));
        }

        // Restore as documented: the portal is stopped (here killed: its WAL holds the later write), then restore.
        var restore = await AppProcess.RunDbMigratorAsync(env, TimeSpan.FromSeconds(60), "restore", "--from", backupFile);
        Assert.True(restore.ExitCode == 0, restore.Stdout + restore.Stderr);

        await using (var host = await AppProcess.StartHostReadyAsync(env, Settings.StartTimeout))
        {
            using var client = host.CreateClient();
            var token = await Settings.TokenAsync(client); // users and data-protection keys came back too
            var names = await TemplateNamesAsync(client, token);
            Assert.Contains("Mẫu trước sao lưu", names);
            Assert.DoesNotContain("Mẫu sau sao lưu", names);
        }
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_SmeSupport_backup()
    {
        var env = Settings.Production(_folder);
        var notABackup = _folder.File("notes.txt");
        await File.WriteAllTextAsync(notABackup, "not a database");

        var missing = await AppProcess.RunDbMigratorAsync(env, TimeSpan.FromSeconds(60), "restore", "--from", _folder.File("missing.db"));
        var garbage = await AppProcess.RunDbMigratorAsync(env, TimeSpan.FromSeconds(60), "restore", "--from", notABackup);

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no backup file", missing.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, garbage.ExitCode);
        Assert.DoesNotContain("   at ", garbage.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("smesupport.db")) && new FileInfo(_folder.File("smesupport.db")).Length > 0,
            "A failed restore must not leave a database behind.");
    }

    private static Task<HttpResponseMessage> CreateTemplateAsync(HttpClient client, string token, string name) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/outreach/templates")
        {
            Content = JsonContent.Create(new
            {
                name,
                purpose = "Service",
                subjectTemplate = "Thông báo",
                htmlTemplate = "<p>Kính gửi {{ recipient.name }}</p>",
                textTemplate = "Kính gửi {{ recipient.name }}",
            }),
        }.WithBearer(token));

    private static async Task<List<string>> TemplateNamesAsync(HttpClient client, string token)
    {
        var templates = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/outreach/templates").WithBearer(token)))
            .Content.ReadFromJsonAsync<JsonElement>();
        return templates.EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
    }
}
