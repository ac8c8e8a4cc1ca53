using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SmeSupport.Domain;
using SmeSupport.Identity.Domain;
using SmeSupport.Modularity;

namespace SmeSupport.EntityFrameworkCore;

/// <summary>
/// The application's unit of work: ASP.NET Core Identity's tables plus every module's model, which
/// each module contributes through <see cref="IModule.ConfigureModel"/>. Modules reach their own
/// tables through this context registered as <see cref="DbContext"/> (<c>db.Set&lt;T&gt;()</c>), never
/// another module's. One subclass per provider carries that provider's migrations. It also keeps ASP.NET Core's
/// data-protection key ring (<see cref="DataProtectionKeys"/>), so that every node on one database shares the keys that
/// protect cookies, bearer tokens and unsubscribe links.
/// </summary>
public abstract class SmeSupportDbContext : IdentityDbContext<AppUser, AppRole, Guid>, IDataProtectionKeyContext
{
    private readonly ModuleCatalog _modules;

    /// <summary>Creates the context.</summary>
    protected SmeSupportDbContext(DbContextOptions options, ModuleCatalog modules) : base(options) => _modules = modules;

    /// <summary>The audit trail (who changed what, old and new values).</summary>
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    /// <summary>
    /// The data-protection key ring (table <c>DataProtectionKeys</c>: one XML element per key), written and read by
    /// <c>PersistKeysToDbContext</c> when <c>DataProtection:KeysPath</c> is not set.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(b =>
        {
            b.Property(u => u.FullName).HasMaxLength(200);
            b.Property(u => u.PreferredCulture).HasMaxLength(10);
            b.HasIndex(u => u.EnterpriseId);
            b.HasIndex(u => u.PartnerOrganizationId);
        });

        builder.Entity<AuditLogEntry>(b =>
        {
            b.ToTable("AuditLog");
            b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
            b.Property(a => a.EntityId).HasMaxLength(64).IsRequired();
            b.Property(a => a.Action).HasMaxLength(20).IsRequired();
            b.Property(a => a.UserName).HasMaxLength(256);
            b.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
            b.HasIndex(a => a.At);
        });

        builder.Entity<DataProtectionKey>(b => b.ToTable("DataProtectionKeys"));

        foreach (var module in _modules.Modules)
        {
            module.ConfigureModel(builder);
        }

        ApplyConventions(builder);
    }

    /// <summary>Concurrency stamps and soft-delete query filters for every audited entity.</summary>
    private static void ApplyConventions(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes().ToList())
        {
            var clr = entityType.ClrType;
            if (typeof(AuditedEntity).IsAssignableFrom(clr))
            {
                builder.Entity(clr).Property(nameof(AuditedEntity.ConcurrencyStamp)).HasMaxLength(40).IsConcurrencyToken();
            }

            if (typeof(ISoftDelete).IsAssignableFrom(clr) && entityType.BaseType is null)
            {
                var p = Expression.Parameter(clr, "e");
                var body = Expression.Not(Expression.Property(p, nameof(ISoftDelete.IsDeleted)));
                builder.Entity(clr).HasQueryFilter(Expression.Lambda(body, p));
                builder.Entity(clr).HasIndex(nameof(ISoftDelete.IsDeleted));
            }
        }
    }
}

/// <summary>The SQLite flavour (embedded default). Its migrations live in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteSmeSupportDbContext(DbContextOptions<SqliteSmeSupportDbContext> options, ModuleCatalog modules)
    : SmeSupportDbContext(options, modules)
{
    /// <summary>
    /// SQLite cannot order or compare <see cref="DateTimeOffset"/> stored as text; store it as a
    /// sortable 64-bit integer (all values are UTC, so the order is the instant order).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The SQL Server flavour (production). Its migrations live in <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerSmeSupportDbContext(DbContextOptions<SqlServerSmeSupportDbContext> options, ModuleCatalog modules)
    : SmeSupportDbContext(options, modules);
