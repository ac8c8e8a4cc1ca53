using Microsoft.EntityFrameworkCore;
using SmeSupport.Reporting.Domain;

namespace SmeSupport.Reporting.Persistence;

/// <summary>The Reporting module's tables: PartnerOrganizations, SharedReports, ReportAccessLog, ReportSnapshots, SharedReportDeliveries.</summary>
internal static class ReportingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PartnerOrganization>(b =>
        {
            b.ToTable("PartnerOrganizations");
            b.Property(p => p.Name).HasMaxLength(PartnerOrganization.NameMaxLength).IsRequired();
            b.Property(p => p.Code).HasMaxLength(PartnerOrganization.CodeMaxLength).IsRequired();
            b.Property(p => p.CodeNormalized).HasMaxLength(PartnerOrganization.CodeMaxLength).IsRequired();
            b.Property(p => p.ContactEmail).HasMaxLength(PartnerOrganization.EmailMaxLength).IsRequired();
            b.HasIndex(p => p.CodeNormalized).IsUnique();
        });

        builder.Entity<SharedReport>(b =>
        {
            b.ToTable("SharedReports");
            b.Property(s => s.ReportKey).HasMaxLength(100).IsRequired();
            b.Property(s => s.FiltersJson).HasMaxLength(2000).IsRequired();
            b.Property(s => s.Columns).HasMaxLength(2000).IsRequired();
            b.HasIndex(s => s.PartnerOrganizationId);
        });

        builder.Entity<ReportAccessLogEntry>(b =>
        {
            b.ToTable("ReportAccessLog");
            b.Property(e => e.UserEmail).HasMaxLength(256).IsRequired();
            b.Property(e => e.ReportKey).HasMaxLength(100).IsRequired();
            b.Property(e => e.Filters).HasMaxLength(4000).IsRequired();
            b.Property(e => e.Action).HasMaxLength(20).IsRequired();
            b.Property(e => e.Outcome).HasMaxLength(10).IsRequired().HasDefaultValue("Allowed");
            b.Property(e => e.Reason).HasMaxLength(300);
            b.HasIndex(e => new { e.Outcome, e.At });
            b.HasIndex(e => e.At);
            b.HasIndex(e => new { e.SharedReportId, e.At });
        });

        builder.Entity<ReportSnapshot>(b =>
        {
            b.ToTable("ReportSnapshots");
            b.Property(s => s.ReportKey).HasMaxLength(100).IsRequired();
            b.Property(s => s.Month).HasMaxLength(7).IsRequired();
            b.HasIndex(s => new { s.ReportKey, s.Month }).IsUnique();
        });

        builder.Entity<SharedReportDelivery>(b =>
        {
            b.ToTable("SharedReportDeliveries");
            b.Property(s => s.Month).HasMaxLength(7).IsRequired();
            b.HasIndex(s => new { s.SharedReportId, s.Month }).IsUnique();
        });
    }
}

/// <summary>The module's view of the shared DbContext (the unit of work).</summary>
internal sealed class ReportingDb(DbContext context)
{
    public DbContext Context => context;

    public DbSet<PartnerOrganization> PartnerOrganizations => context.Set<PartnerOrganization>();

    public DbSet<SharedReport> SharedReports => context.Set<SharedReport>();

    public DbSet<ReportAccessLogEntry> AccessLog => context.Set<ReportAccessLogEntry>();

    public DbSet<ReportSnapshot> Snapshots => context.Set<ReportSnapshot>();

    public DbSet<SharedReportDelivery> Deliveries => context.Set<SharedReportDelivery>();
}
