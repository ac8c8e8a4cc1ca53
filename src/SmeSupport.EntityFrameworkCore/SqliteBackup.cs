using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SmeSupport.EntityFrameworkCore;

/// <summary>What a backup or restore did.</summary>
/// <param name="Source">The file copied from.</param>
/// <param name="Target">The file copied to.</param>
/// <param name="Bytes">Size of the copy in bytes.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record SqliteCopyResult(string Source, string Target, long Bytes, TimeSpan Elapsed);

/// <summary>
/// Online backup and restore of the SQLite database with SQLite's backup API (<c>sqlite3_backup_*</c>, through
/// <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>). A backup reads one consistent snapshot while the
/// portal keeps running (the database is in WAL mode, so the copy blocks no writer) and writes a single self-contained
/// file (journal mode DELETE) that passes <c>PRAGMA integrity_check</c>. A restore copies such a file back page by page
/// through SQLite; every host on the database must be stopped first.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies the live database named by <paramref name="connectionString"/> to <paramref name="targetPath"/>.</summary>
    /// <param name="connectionString">The SQLite connection string of the portal (absolute path, as <see cref="DatabaseSettings"/> makes it).</param>
    /// <param name="targetPath">The backup file; its folder is created; an existing file is replaced only when the copy is complete.</param>
    /// <returns>What was copied.</returns>
    /// <exception cref="InvalidOperationException">There is no database at the source, or the copy fails its integrity check.</exception>
    public static SqliteCopyResult Backup(string connectionString, string targetPath)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (!File.Exists(source.DataSource))
        {
            throw new InvalidOperationException($"There is no SQLite database at '{source.DataSource}' (setting 'ConnectionStrings:Default').");
        }

        var target = Path.GetFullPath(targetPath);
        if (string.Equals(target, Path.GetFullPath(source.DataSource), StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The backup file must not be the database itself.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        var watch = Stopwatch.StartNew();
        source.Mode = SqliteOpenMode.ReadWrite; // never create an empty database by mistake
        source.Pooling = false;
        using (var from = new SqliteConnection(source.ToString()))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            from.Open();
            Execute(from, "PRAGMA busy_timeout=30000;");
            to.Open();
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode=DELETE;");
            CheckIntegrity(to, partial);
        }

        File.Move(partial, target, overwrite: true);
        return new SqliteCopyResult(source.DataSource, target, new FileInfo(target).Length, watch.Elapsed);
    }

    /// <summary>
    /// Replaces the database named by <paramref name="connectionString"/> with the backup at <paramref name="backupPath"/>.
    /// Stop every host that uses the database first; afterwards start them (and run the DbMigrator if the backup is
    /// from an older release: it applies the migrations the backup lacks).
    /// </summary>
    /// <param name="backupPath">A file written by <see cref="Backup"/>.</param>
    /// <param name="connectionString">The SQLite connection string of the portal.</param>
    /// <returns>What was copied.</returns>
    /// <exception cref="InvalidOperationException">The backup is missing, damaged, or not a SmeSupport database.</exception>
    public static SqliteCopyResult Restore(string backupPath, string connectionString)
    {
        var backup = Path.GetFullPath(backupPath);
        if (!File.Exists(backup))
        {
            throw new InvalidOperationException($"There is no backup file at '{backup}'.");
        }

        var target = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target.DataSource))!);
        var watch = Stopwatch.StartNew();
        using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var to = new SqliteConnection(target.ToString()))
        {
            try
            {
                from.Open();
                CheckIntegrity(from, backup);
                using var cmd = from.CreateCommand();
                cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
                if (Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new InvalidOperationException($"'{backup}' is not a SmeSupport database (it has no __EFMigrationsHistory table).");
                }
            }
            catch (SqliteException ex)
            {
                throw new InvalidOperationException($"'{backup}' is not a readable SQLite database: {ex.Message}", ex);
            }

            to.Open();
            Execute(to, "PRAGMA busy_timeout=30000;");
            from.BackupDatabase(to);
            Execute(to, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        return new SqliteCopyResult(backup, target.DataSource, new FileInfo(target.DataSource).Length, watch.Elapsed);
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
