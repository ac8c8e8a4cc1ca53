using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmeSupport.EntityFrameworkCore;

namespace SmeSupport.Architecture.Tests;

/// <summary>
/// <c>fx1_OnePendingRegistrationPerTaxCode</c> adds a unique index (one pending registration per tax code); on a database that already
/// holds several pending registrations of one tax code it keeps one (a confirmed one first, then the newest) and marks the others
/// Rejected with a reason, instead of failing.
/// </summary>
public sealed class PendingRegistrationMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"smesupport-migration-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public void Duplicate_pending_registrations_are_resolved_before_the_unique_index_is_created()
    {
        var options = new DbContextOptionsBuilder<SqliteSmeSupportDbContext>().UseSqlite($"Data Source={_path}").Options;
        using var context = new SqliteSmeSupportDbContext(options, SmeSupportModules.Create());
        var migrations = context.Database.GetMigrations().ToList();
        var target = migrations.Single(m => m.EndsWith("_fx1_OnePendingRegistrationPerTaxCode", StringComparison.Ordinal));
        var previous = migrations[migrations.IndexOf(target) - 1];
        var migrator = context.GetService<IMigrator>();
        migrator.Migrate(previous);

        var (older, newest, sameTimeLowId, approved, other) = (Guid.NewGuid(), Guid.NewGuid(), new Guid("00000000-0000-0000-0000-000000000001"), Guid.NewGuid(), Guid.NewGuid());
        var (awaitingNewer, confirmedOlder) = (Guid.NewGuid(), Guid.NewGuid());
        using (var c = new SqliteConnection($"Data Source={_path}"))
        {
            c.Open();
            void Insert(Guid id, string taxCode, long submittedAt, int status)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = """
                    INSERT INTO EnterpriseRegistrations (Id, ConcurrencyStamp, CreatedAt, Status, TaxCode, Name, NameFolded, LegalForm, Employees,
                        AnnualRevenueVnd, CapitalVnd, ProvinceCode, WardCode, ContactFullName, ContactEmail, ServiceConsent, AdvertisingConsent,
                        SubmittedAt, ConfirmationExpiresAt, ConfirmationNonce)
                    VALUES ($id, 'x', $at, $status, $tax, 'Công ty', 'cong ty', 1, 0, '0', '0', 79, 26734, 'An', 'an@example.vn', 1, 0, $at, $at, $nonce)
                    """;
                cmd.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
                cmd.Parameters.AddWithValue("$at", submittedAt);
                cmd.Parameters.AddWithValue("$status", status);
                cmd.Parameters.AddWithValue("$tax", taxCode);
                cmd.Parameters.AddWithValue("$nonce", Guid.NewGuid().ToString().ToUpperInvariant());
                cmd.ExecuteNonQuery();
            }

            Insert(older, "0301111111", 1000, 0);
            Insert(newest, "0301111111", 3000, 0);
            Insert(sameTimeLowId, "0301111111", 3000, 0); // same time as the newest, lower id: superseded
            Insert(approved, "0301111111", 5000, 2);      // decided rows are not touched and do not count
            Insert(confirmedOlder, "0302222222", 1000, 1); // a confirmed registration is kept before a newer unconfirmed one
            Insert(awaitingNewer, "0302222222", 4000, 0);
            Insert(other, "0303333333", 2000, 0);
        }

        migrator.Migrate(target);

        using var check = new SqliteConnection($"Data Source={_path}");
        check.Open();
        (long Status, string? Reason) Row(Guid id)
        {
            using var cmd = check.CreateCommand();
            cmd.CommandText = "SELECT Status, RejectionReason FROM EnterpriseRegistrations WHERE Id = $id";
            cmd.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
            using var r = cmd.ExecuteReader();
            Assert.True(r.Read());
            return (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1));
        }

        Assert.Equal((0L, (string?)null), Row(newest));
        Assert.Equal((0L, (string?)null), Row(other));
        Assert.Equal((2L, (string?)null), Row(approved));
        Assert.Equal((1L, (string?)null), Row(confirmedOlder));
        foreach (var superseded in new[] { older, sameTimeLowId, awaitingNewer })
        {
            var (status, reason) = Row(superseded);
            Assert.Equal(3L, status);
            Assert.Contains("superseded by another pending registration", reason, StringComparison.Ordinal);
        }

        // The index now holds: a second pending registration of the tax code is refused.
        using var insert = check.CreateCommand();
        insert.CommandText = "UPDATE EnterpriseRegistrations SET Status = 0 WHERE Id = $id";
        insert.Parameters.AddWithValue("$id", older.ToString().ToUpperInvariant());
        Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());
    }
}
