using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SmeSupport.EntityFrameworkCore;

namespace SmeSupport.Architecture.Tests;

/// <summary>
/// <c>ftl_CohortMembershipAudited</c> makes cohort memberships audited; memberships kept before it get their joined-on day (midnight UTC)
/// as creation time, not 0001-01-01.
/// </summary>
public sealed class CohortMembershipMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"smesupport-migration-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public void Memberships_kept_before_the_migration_are_created_on_their_joined_on_day()
    {
        var options = new DbContextOptionsBuilder<SqliteSmeSupportDbContext>().UseSqlite($"Data Source={_path}").Options;
        using var context = new SqliteSmeSupportDbContext(options, SmeSupportModules.Create());
        var migrations = context.Database.GetMigrations().ToList();
        var target = migrations.Single(m => m.EndsWith("_ftl_CohortMembershipAudited", StringComparison.Ordinal));
        var migrator = context.GetService<IMigrator>();
        migrator.Migrate(migrations[migrations.IndexOf(target) - 1]);

        var id = Guid.NewGuid().ToString().ToUpperInvariant();
        using (var c = new SqliteConnection($"Data Source={_path};Foreign Keys=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO EnterpriseCohorts (Id, EnterpriseId, CohortName, CohortNameFolded, JoinedOn) VALUES ($id, $e, 'Đợt 1', 'dot 1', '2025-08-01')";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$e", Guid.NewGuid().ToString().ToUpperInvariant());
            cmd.ExecuteNonQuery();
        }

        migrator.Migrate(target);

        using var check = new SqliteConnection($"Data Source={_path}");
        check.Open();
        using var read = check.CreateCommand();
        read.CommandText = "SELECT CreatedAt, IsDeleted FROM EnterpriseCohorts WHERE Id = $id";
        read.Parameters.AddWithValue("$id", id);
        using var r = read.ExecuteReader();
        Assert.True(r.Read());
        var expected = new DateTimeOffsetToBinaryConverter().ConvertToProvider(new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(expected, r.GetInt64(0));
        Assert.Equal(0L, r.GetInt64(1));
    }
}
