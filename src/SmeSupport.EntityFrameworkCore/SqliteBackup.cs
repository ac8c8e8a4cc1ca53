using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SmeSupport.EntityFrameworkCore;

/// <summary>What a backup or restore did.</summary>
/// <param name="Source">The file copied from.</param>
/// <param name="Target">The file copied to.</param>
/// <param name="Bytes">Size of the copy in bytes.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record SqliteCopyResult(string Source, string Target, long Bytes, TimeSpan Elapsed)
{
    /// <summary>For a restore: the copy of the database as it was before it was replaced, or null when there was none.</summary>
    public string? SafetyCopy { get; init; }
}

/// <summary>
/// Online backup and restore of the SQLite database with SQLite's backup API (<c>sqlite3_backup_*</c>, through
/// <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>). A backup reads one consistent snapshot while the
/// portal keeps running (the database is in WAL mode, so the copy blocks no writer) and writes a single self-contained
/// file (journal mode DELETE) that passes <c>PRAGMA integrity_check</c>. A restore copies such a file back page by page
/// through SQLite; every host on the database must be stopped first.
/// </summary>
public static class SqliteBackup
{
    /// <summary>The files SQLite keeps beside a database: its write-ahead log, shared memory and rollback journal.</summary>
    public static readonly string[] CompanionSuffixes = ["-wal", "-shm", "-journal"];

    /// <summary>Tables every SmeSupport database has; a backup without them is refused.</summary>
    public static readonly string[] CoreTables = ["__EFMigrationsHistory", "AspNetUsers", "AspNetRoles", "Enterprises"];

    /// <summary>Copies the live database named by <paramref name="connectionString"/> to <paramref name="targetPath"/>.</summary>
    /// <param name="connectionString">The SQLite connection string of the portal (absolute path, as <see cref="DatabaseSettings"/> makes it).</param>
    /// <param name="targetPath">
    /// The backup file; its folder is created; an existing file is replaced only when the copy is complete. Refused: an
    /// empty path, a folder, the database itself or one of its companion files (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>),
    /// compared after resolving relative paths and symbolic links. The temporary <c>.partial</c> file is deleted on any failure.
    /// </param>
    /// <returns>What was copied.</returns>
    /// <exception cref="InvalidOperationException">There is no database at the source, the target is refused or cannot be written, or the copy fails its integrity check.</exception>
    /// <exception cref="SqliteException">The live database cannot be opened or read.</exception>
    public static SqliteCopyResult Backup(string connectionString, string targetPath)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (!File.Exists(source.DataSource))
        {
            throw new InvalidOperationException($"There is no SQLite database at '{source.DataSource}' (setting 'ConnectionStrings:Default').");
        }

        if (string.IsNullOrWhiteSpace(targetPath))
        {
            throw new InvalidOperationException("Give the backup file with --to FILE.");
        }

        var target = Path.GetFullPath(targetPath);
        if (Directory.Exists(target) || targetPath.EndsWith('/') || targetPath.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new InvalidOperationException($"The backup target '{target}' is a folder; give a file name, e.g. '{Path.Combine(target, "smesupport-backup.db")}'.");
        }

        RefuseDatabaseFiles(target, source.DataSource, "The backup file");
        var partial = target + ".partial";
        RefuseDatabaseFiles(partial, source.DataSource, "The backup's temporary file");
        var watch = Stopwatch.StartNew();
        source.Mode = SqliteOpenMode.ReadWrite; // never create an empty database by mistake
        source.Pooling = false;
        using var from = new SqliteConnection(source.ToString());
        from.Open(); // a failure here is the live database's (SqliteException)
        Execute(from, "PRAGMA busy_timeout=30000;");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            DeleteWithCompanions(partial);
            using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                to.Open();
                from.BackupDatabase(to);
                Execute(to, "PRAGMA journal_mode=DELETE;");
                CheckIntegrity(to, partial);
            }

            File.Move(partial, target, overwrite: true);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            DeleteWithCompanions(partial);
            throw new InvalidOperationException($"Cannot write the backup file '{target}': {ex.Message}", ex);
        }
        catch
        {
            DeleteWithCompanions(partial);
            throw;
        }

        return new SqliteCopyResult(source.DataSource, target, new FileInfo(target).Length, watch.Elapsed);
    }

    /// <summary>
    /// Replaces the database named by <paramref name="connectionString"/> with the backup at <paramref name="backupPath"/>.
    /// Stop every host that uses the database first; afterwards start them (and run the DbMigrator if the backup is
    /// from an older release: it applies the migrations the backup lacks).
    /// </summary>
    /// <param name="backupPath">A file written by <see cref="Backup"/>.</param>
    /// <param name="connectionString">The SQLite connection string of the portal.</param>
    /// <param name="knownMigrations">The migration ids of this release; a backup holding any other is from a newer release and refused.</param>
    /// <param name="jobsDatabasePath">Hangfire's SQLite job storage (for the running-node check), or null.</param>
    /// <param name="force">Restore even though a node seems to be running.</param>
    /// <param name="now">The current time (UTC), for the heartbeat check.</param>
    /// <returns>What was copied, with the safety copy of the replaced database in <see cref="SqliteCopyResult.SafetyCopy"/>.</returns>
    /// <exception cref="InvalidOperationException">
    /// The backup is missing, damaged, not a SmeSupport database, or from a newer release; or a node is running on the
    /// database (unless <paramref name="force"/>); the message names the file at fault.
    /// </exception>
    public static SqliteCopyResult Restore(string backupPath, string connectionString, IReadOnlyCollection<string> knownMigrations,
        string? jobsDatabasePath = null, bool force = false, DateTime? now = null)
    {
        if (string.IsNullOrWhiteSpace(backupPath))
        {
            throw new InvalidOperationException("Give the backup file with --from FILE.");
        }

        var backup = Path.GetFullPath(backupPath);
        if (!File.Exists(backup))
        {
            throw new InvalidOperationException($"There is no backup file at '{backup}'.");
        }

        var target = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        RefuseDatabaseFiles(backup, target.DataSource, "The backup to restore");
        CheckBackup(backup, knownMigrations);

        if (!force)
        {
            var running = RunningNode(target.DataSource, jobsDatabasePath, now ?? DateTime.UtcNow);
            if (running is not null)
            {
                throw new InvalidOperationException(
                    $"A portal seems to be running on '{target.DataSource}' ({running}). Stop every node first (sudo systemctl stop smesupport), " +
                    "or add --force if you are sure none is.");
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target.DataSource))!);
        var watch = Stopwatch.StartNew();
        string? safety = null;
        if (File.Exists(target.DataSource) && new FileInfo(target.DataSource).Length > 0)
        {
            safety = $"{target.DataSource}.before-restore-{(now ?? DateTime.UtcNow):yyyyMMddHHmmss}";
            // A consistent copy of the current database (with what its WAL holds) before it is overwritten.
            Backup(target.ToString(), safety);
        }

        using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var to = new SqliteConnection(target.ToString()))
        {
            try
            {
                from.Open();
                to.Open();
                Execute(to, "PRAGMA busy_timeout=30000;");
                from.BackupDatabase(to);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB: the backup's pages
            {
                // The copy runs in one transaction on the database: it was rolled back, the database is as it was.
                throw new InvalidOperationException(
                    $"'{backup}' is damaged (read while restoring: {ex.Message}); the database was left as it was.", ex);
            }

            Execute(to, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        return new SqliteCopyResult(backup, target.DataSource, new FileInfo(target.DataSource).Length, watch.Elapsed) { SafetyCopy = safety };
    }

    /// <summary>
    /// Checks that <paramref name="backup"/> is a sound SmeSupport database of this release or an older one: it passes
    /// <c>PRAGMA integrity_check</c>, has the <see cref="CoreTables"/>, at least one applied migration, and no migration
    /// unknown to this release.
    /// </summary>
    /// <exception cref="InvalidOperationException">It is not; the message names the file.</exception>
    public static void CheckBackup(string backup, IReadOnlyCollection<string> knownMigrations)
    {
        try
        {
            using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            from.Open();
            CheckIntegrity(from, backup);
            var tables = new HashSet<string>(StringComparer.Ordinal);
            using (var cmd = from.CreateCommand())
            {
                cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var missing = CoreTables.Where(t => !tables.Contains(t)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"'{backup}' is not a SmeSupport database (it lacks the table(s) {string.Join(", ", missing)}).");
            }

            var applied = new List<string>();
            using (var cmd = from.CreateCommand())
            {
                cmd.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory;";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    applied.Add(reader.GetString(0));
                }
            }

            if (applied.Count == 0)
            {
                throw new InvalidOperationException($"'{backup}' is not a SmeSupport database (no migration has been applied to it).");
            }

            var unknown = applied.Where(m => !knownMigrations.Contains(m)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    $"'{backup}' is from a newer release: its migration(s) {string.Join(", ", unknown)} are unknown to this one. Restore it with the release that wrote it.");
            }
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"'{backup}' is not a readable SQLite database: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Why a portal seems to run on <paramref name="database"/>, or null: another connection holds the database open (a
    /// WAL database cannot leave WAL mode while it does), or a Hangfire server of the job storage
    /// <paramref name="jobsDatabase"/> sent a heartbeat (table <c>Server</c>, column <c>LastHeartbeat</c> in ticks)
    /// within the last two minutes.
    /// </summary>
    public static string? RunningNode(string database, string? jobsDatabase, DateTime utcNow)
    {
        if (jobsDatabase is not null && File.Exists(jobsDatabase))
        {
            try
            {
                using var jobs = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = jobsDatabase, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                jobs.Open();
                using var cmd = jobs.CreateCommand();
                cmd.CommandText = "SELECT MAX(LastHeartbeat) FROM Server;";
                if (cmd.ExecuteScalar() is long ticks and > 0)
                {
                    var last = new DateTime(ticks);
                    var age = new[] { (utcNow - last).Duration(), (utcNow.ToLocalTime() - last).Duration() }.Min();
                    if (age < TimeSpan.FromMinutes(2))
                    {
                        return $"a job server in '{jobsDatabase}' sent a heartbeat {age.TotalSeconds:0} s ago";
                    }
                }
            }
            catch (SqliteException)
            {
                // No Server table yet, or an unreadable job storage: no evidence either way.
            }
        }

        if (!File.Exists(database))
        {
            return null;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout=2000;");
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode;";
            if (!string.Equals(cmd.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                cmd.CommandText = "BEGIN EXCLUSIVE; COMMIT;";
                cmd.ExecuteNonQuery();
                return null;
            }

            // Leaving WAL mode needs the database to itself; it fails (or stays in WAL) while another process has it open.
            cmd.CommandText = "PRAGMA journal_mode=DELETE;";
            var mode = cmd.ExecuteScalar() as string;
            if (string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
            {
                cmd.CommandText = "PRAGMA journal_mode=WAL;";
                cmd.ExecuteScalar();
                return null;
            }

            return "another process has the database open";
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            return "another process has the database open";
        }
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> name the same file, after making them absolute and resolving
    /// symbolic links in every part of the path (case-insensitive on Windows).
    /// </summary>
    public static bool SameFile(string a, string b) =>
        string.Equals(Canonical(a), Canonical(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The absolute path with every symbolic link in it resolved (as far as the parts exist).</summary>
    public static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            for (var hops = 0; hops < 40; hops++)
            {
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (!info.Exists || info.LinkTarget is not { } link)
                {
                    break;
                }

                next = Path.GetFullPath(link, Path.GetDirectoryName(next) ?? root);
            }

            current = next;
        }

        return current;
    }

    private static void RefuseDatabaseFiles(string file, string database, string what)
    {
        foreach (var suffix in CompanionSuffixes.Prepend(string.Empty))
        {
            if (SameFile(file, database + suffix))
            {
                throw new InvalidOperationException(suffix.Length == 0
                    ? $"{what} must not be the database itself ('{database}')."
                    : $"{what} must not be the database's '{suffix}' file ('{database}{suffix}'): SQLite uses it; choose a file elsewhere.");
            }
        }
    }

    private static void DeleteWithCompanions(string file)
    {
        foreach (var suffix in CompanionSuffixes.Prepend(string.Empty))
        {
            try
            {
                File.Delete(file + suffix);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: the caller reports the original failure.
            }
        }
    }

    private static void CheckIntegrity(SqliteConnection connection, string path)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        var result = cmd.ExecuteScalar() as string;
        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The copy at '{path}' fails SQLite's integrity check: {result}");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
