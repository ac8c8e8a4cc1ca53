using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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

/// <summary>
/// The idempotent SQL Server script (what CI writes to <c>artifacts/sql/smesupport-sqlserver.sql</c> and each release
/// publishes) is generated without a server and can be run on any database state: every migration is guarded by its
/// row in <c>__EFMigrationsHistory</c>, and every table of the model is created.
/// </summary>
public sealed class SqlServerScriptTests
{
    [Fact]
    public void The_idempotent_script_guards_each_migration_and_creates_every_table()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var flat = System.Text.RegularExpressions.Regex.Replace(script, @"\s+", " ");

        Assert.Contains("IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL", flat, StringComparison.Ordinal);
        foreach (var migration in context.Database.GetMigrations())
        {
            // EF Core 10 writes the guard over several lines: IF NOT EXISTS ( SELECT * FROM [__EFMigrationsHistory] WHERE … )
            Assert.Contains($"IF NOT EXISTS ( SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'{migration}' )", flat, StringComparison.Ordinal);
        }

        var tables = context.Model.GetRelationalModel().Tables.Select(t => t.Name).ToList();
        Assert.Contains("DataProtectionKeys", tables);
        Assert.Contains("OutboxMessages", tables);
        foreach (var table in tables)
        {
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("AUTOINCREMENT", script, StringComparison.Ordinal); // nothing of SQLite's dialect
    }
}
