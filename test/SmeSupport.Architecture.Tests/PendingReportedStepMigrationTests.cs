using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmeSupport.EntityFrameworkCore;

namespace SmeSupport.Architecture.Tests;

/// <summary>
/// <c>Tri_PendingReportedStepUnique</c> adds a unique index (one pending reported step per enterprise); on a database that already
/// holds several pending reports of one enterprise it keeps the newest and marks the others Rejected with a note, instead of failing.
/// </summary>
public sealed class PendingReportedStepMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"smesupport-migration-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public void Duplicate_pending_reports_are_resolved_to_the_newest_before_the_unique_index_is_created()
    {
        var options = new DbContextOptionsBuilder<SqliteSmeSupportDbContext>().UseSqlite($"Data Source={_path}").Options;
        using var context = new SqliteSmeSupportDbContext(options, SmeSupportModules.Create());
        var migrations = context.Database.GetMigrations().ToList();
        var target = migrations.Single(m => m.EndsWith("_Tri_PendingReportedStepUnique", StringComparison.Ordinal));
        var previous = migrations[migrations.IndexOf(target) - 1];
        var migrator = context.GetService<IMigrator>();
        migrator.Migrate(previous);

        var twice = Guid.NewGuid();
        var once = Guid.NewGuid();
        var (older, newest, other, confirmed) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var sameTimeLowId = new Guid("00000000-0000-0000-0000-000000000001");
        using (var c = new SqliteConnection($"Data Source={_path}"))
        {
            c.Open();
            void Insert(Guid id, Guid enterprise, long reportedAt, int state)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = """
                    INSERT INTO EInvoiceReportedSteps (Id, ConcurrencyStamp, CreatedAt, Date, EnterpriseId, State, Step, ReportedAt)
                    VALUES ($id, 'x', $at, '2026-11-01', $enterprise, $state, 1, $at)
                    """;
                cmd.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
                cmd.Parameters.AddWithValue("$enterprise", enterprise.ToString().ToUpperInvariant());
                cmd.Parameters.AddWithValue("$at", reportedAt);
                cmd.Parameters.AddWithValue("$state", state);
                cmd.ExecuteNonQuery();
            }

            Insert(older, twice, 1000, 0);
            Insert(newest, twice, 3000, 0);
            Insert(sameTimeLowId, twice, 3000, 0); // same time as the newest, lower id: superseded
            Insert(confirmed, twice, 5000, 1);     // decided rows are not touched and do not count
            Insert(other, once, 2000, 0);
        }

        migrator.Migrate(target);

        using var check = new SqliteConnection($"Data Source={_path}");
        check.Open();
        (long State, long? DecidedAt, string? Note) Row(Guid id)
        {
            using var cmd = check.CreateCommand();
            cmd.CommandText = "SELECT State, DecidedAt, DecisionNote FROM EInvoiceReportedSteps WHERE Id = $id";
            cmd.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
            using var r = cmd.ExecuteReader();
            Assert.True(r.Read());
            return (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2));
        }

        Assert.Equal((0L, (long?)null, (string?)null), Row(newest));
        Assert.Equal((0L, (long?)null, (string?)null), Row(other));
        Assert.Equal((1L, (long?)null, (string?)null), Row(confirmed));
        foreach (var superseded in new[] { older, sameTimeLowId })
        {
            var (state, decidedAt, note) = Row(superseded);
            Assert.Equal(2L, state);
            Assert.Equal(3000L, decidedAt);
            Assert.Contains("superseded by a newer pending report", note, StringComparison.Ordinal);
        }

        // The index now holds: a second pending report of the enterprise is refused.
        using var insert = check.CreateCommand();
        insert.CommandText = $"INSERT INTO EInvoiceReportedSteps (Id, ConcurrencyStamp, CreatedAt, Date, EnterpriseId, State, Step, ReportedAt) " +
                             $"VALUES ('{Guid.NewGuid().ToString().ToUpperInvariant()}', 'x', 1, '2026-11-02', '{twice.ToString().ToUpperInvariant()}', 0, 1, 9000)";
        Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());
    }
}
