using Microsoft.Data.Sqlite;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.TestBase;

namespace SmeSupport.Deployment.Tests;

/// <summary>
/// <see cref="SqliteBackup"/> refuses targets that would damage the database (its companion files, a folder), keeps no
/// stray <c>.partial</c>, refuses restores of files that are not SmeSupport backups of this release or older, refuses a
/// restore while a portal holds the database open, and keeps a safety copy of the replaced database.
/// </summary>
public sealed class BackupSafetyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private string Db => _folder.File("smesupport.db");

    private string ConnectionString => $"Data Source={Db}";

    private static string[] Known(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory";
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return [.. ids];
    }

    [Theory]
    [InlineData("-wal")]
    [InlineData("-shm")]
    [InlineData("-journal")]
    [InlineData("")]
    public async Task Backup_refuses_the_database_and_its_companion_files(string suffix)
    {
        await SmeSupportAppFactory.CopySeededDatabaseAsync(Db);
        var before = await File.ReadAllBytesAsync(Db);

        var direct = Assert.Throws<InvalidOperationException>(() => SqliteBackup.Backup(ConnectionString, Db + suffix));
        // The same file through a relative path and through a symbolic link to the folder.
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Db + suffix);
        Assert.Throws<InvalidOperationException>(() => SqliteBackup.Backup(ConnectionString, relative));
        Directory.CreateSymbolicLink(_folder.File("link"), _folder.Path);
        Assert.Throws<InvalidOperationException>(() => SqliteBackup.Backup(ConnectionString, Path.Combine(_folder.File("link"), "smesupport.db" + suffix)));

        Assert.Contains("must not be the database", direct.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Db));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.partial"));
    }

    [Fact]
    public async Task Backup_refuses_a_folder_and_leaves_no_partial_file_when_the_target_cannot_be_written()
    {
        await SmeSupportAppFactory.CopySeededDatabaseAsync(Db);
        Directory.CreateDirectory(_folder.File("backups"));
        await File.WriteAllTextAsync(_folder.File("not-a-folder"), "x");

        var folder = Assert.Throws<InvalidOperationException>(() => SqliteBackup.Backup(ConnectionString, _folder.File("backups")));
        var unwritable = Assert.Throws<InvalidOperationException>(() => SqliteBackup.Backup(ConnectionString, _folder.File("not-a-folder/backup.db")));

        Assert.Contains("is a folder", folder.Message, StringComparison.Ordinal);
        Assert.Contains("not-a-folder", unwritable.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.partial", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.File("backups")));
    }

    [Fact]
    public async Task Restore_refuses_an_empty_SQLite_file_one_from_a_newer_release_and_one_without_the_core_tables()
    {
        await SmeSupportAppFactory.CopySeededDatabaseAsync(Db);
        var known = Known(Db);

        var empty = _folder.File("empty.db");
        Execute(empty, "CREATE TABLE __EFMigrationsHistory (MigrationId TEXT PRIMARY KEY, ProductVersion TEXT NOT NULL);");
        var newer = _folder.File("newer.db");
        SqliteBackup.Backup(ConnectionString, newer);
        Execute(newer, "INSERT INTO __EFMigrationsHistory VALUES ('29991231000000_FromTheFuture', '99.0.0');");
        var partial = _folder.File("partial.db");
        SqliteBackup.Backup(ConnectionString, partial);
        Execute(partial, "DROP TABLE AspNetUsers;");

        var noMigrations = Assert.Throws<InvalidOperationException>(() => SqliteBackup.Restore(empty, ConnectionString, known, force: true));
        var fromFuture = Assert.Throws<InvalidOperationException>(() => SqliteBackup.Restore(newer, ConnectionString, known, force: true));
        var noUsers = Assert.Throws<InvalidOperationException>(() => SqliteBackup.Restore(partial, ConnectionString, known, force: true));

        Assert.Contains("AspNetUsers", noMigrations.Message, StringComparison.Ordinal);
        Assert.Contains("newer release", fromFuture.Message, StringComparison.Ordinal);
        Assert.Contains("29991231000000_FromTheFuture", fromFuture.Message, StringComparison.Ordinal);
        Assert.Contains("AspNetUsers", noUsers.Message, StringComparison.Ordinal);

        // Core tables present but no migration row.
        var noRows = _folder.File("norows.db");
        SqliteBackup.Backup(ConnectionString, noRows);
        Execute(noRows, "DELETE FROM __EFMigrationsHistory;");
        var none = Assert.Throws<InvalidOperationException>(() => SqliteBackup.Restore(noRows, ConnectionString, known, force: true));
        Assert.Contains("no migration", none.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.before-restore-*"));
    }

    [Fact]
    public async Task Restore_is_refused_while_the_database_is_open_elsewhere_and_keeps_a_safety_copy_when_it_runs()
    {
        await SmeSupportAppFactory.CopySeededDatabaseAsync(Db);
        var known = Known(Db);
        var backup = _folder.File("backup.db");
        SqliteBackup.Backup(ConnectionString, backup);
        Execute(Db, "PRAGMA journal_mode=WAL; CREATE TABLE AfterBackup (Id INTEGER);");

        using (var portal = new SqliteConnection($"Data Source={Db}"))
        {
            portal.Open(); // a running portal keeps connections open
            using var cmd = portal.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; SELECT COUNT(*) FROM AspNetUsers;";
            cmd.ExecuteScalar();

            var refused = Assert.Throws<InvalidOperationException>(() => SqliteBackup.Restore(backup, ConnectionString, known));
            Assert.Contains("seems to be running", refused.Message, StringComparison.Ordinal);
            Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        }

        SqliteConnection.ClearAllPools();
        var now = new DateTime(2026, 11, 29, 10, 0, 0, DateTimeKind.Utc);
        var result = SqliteBackup.Restore(backup, ConnectionString, known, now: now);

        Assert.Equal($"{Db}.before-restore-20261129100000", result.SafetyCopy);
        Assert.Equal(1L, Scalar(result.SafetyCopy!, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'AfterBackup'"));
        Assert.Equal(0L, Scalar(Db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'AfterBackup'"));
    }

    [Fact]
    public void A_recent_Hangfire_heartbeat_in_the_job_storage_counts_as_a_running_node()
    {
        var jobs = _folder.File("jobs.db");
        var now = new DateTime(2026, 11, 29, 10, 0, 0, DateTimeKind.Utc);
        Execute(jobs, $"CREATE TABLE \"Server\" (\"Id\" varchar(100) primary key not null, \"Data\" varchar(16000), \"LastHeartbeat\" bigint); " +
                      $"INSERT INTO \"Server\" VALUES ('node-1', '{{}}', {now.AddSeconds(-30).Ticks});");

        Assert.Contains("heartbeat", SqliteBackup.RunningNode(_folder.File("none.db"), jobs, now), StringComparison.Ordinal);
        Assert.Null(SqliteBackup.RunningNode(_folder.File("none.db"), jobs, now.AddMinutes(10)));
    }

    private static void Execute(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=false");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=false");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }
}
