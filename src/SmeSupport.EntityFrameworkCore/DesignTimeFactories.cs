using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmeSupport.EntityFrameworkCore;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSmeSupportDbContext>
{
    /// <inheritdoc />
    public SqliteSmeSupportDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSmeSupportDbContext>().UseSqlite("Data Source=design-time.db").Options,
            SmeSupportModules.Create());
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context without a server (migrations and scripts need none).</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerSmeSupportDbContext>
{
    /// <inheritdoc />
    public SqlServerSmeSupportDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerSmeSupportDbContext>()
                .UseSqlServer("Server=localhost;Database=SmeSupport;Trusted_Connection=True;TrustServerCertificate=True").Options,
            SmeSupportModules.Create());
}
