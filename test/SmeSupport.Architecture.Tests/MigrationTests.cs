using Microsoft.EntityFrameworkCore;
using SmeSupport.EntityFrameworkCore;

namespace SmeSupport.Architecture.Tests;

/// <summary>
/// Each provider keeps its own migrations in step with the model: a model change without a migration
/// for SQLite or for SQL Server fails here (no server needed: the comparison is against the snapshot).
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_model_has_no_changes_without_a_migration()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(context.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: run dotnet ef migrations add … --context SqliteSmeSupportDbContext -o Migrations/Sqlite");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Fact]
    public void Sql_server_model_has_no_changes_without_a_migration()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(context.Database.HasPendingModelChanges(),
            "The model changed without a SQL Server migration: run dotnet ef migrations add … --context SqlServerSmeSupportDbContext -o Migrations/SqlServer");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_by_name()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext c) => c.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }
}
