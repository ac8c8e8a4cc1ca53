using Microsoft.EntityFrameworkCore;
using SmeSupport.EInvoicing.Domain;

namespace SmeSupport.EInvoicing.Persistence;

/// <summary>The EInvoicing module's part of the EF Core model. Tables: EInvoiceProviders, EInvoiceAdoptions, EInvoiceStepRecords,
/// ReconciliationImports, ReconciliationRows, EInvoiceReportedSteps, EInvoiceMonthlyCounts.</summary>
internal static class EInvoicingModel
{
    /// <summary>Name of the filtered unique index that keeps one pending reported step per enterprise.</summary>
    public const string OnePendingReportedStepIndex = "IX_EInvoiceReportedSteps_OnePendingPerEnterprise";

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<EInvoiceProvider>(b =>
        {
            b.ToTable("EInvoiceProviders");
            b.Property(p => p.Name).HasMaxLength(EInvoiceProvider.NameMaxLength).IsRequired();
            b.Property(p => p.Company).HasMaxLength(EInvoiceProvider.CompanyMaxLength).IsRequired();
            b.Property(p => p.Website).HasMaxLength(EInvoiceProvider.WebsiteMaxLength);
            b.HasIndex(p => p.Name).IsUnique();
        });

        builder.Entity<EInvoiceAdoption>(b =>
        {
            b.ToTable("EInvoiceAdoptions");
            b.Property(a => a.CurrentStep).HasConversion<int>();
            b.Property(a => a.Kind).HasConversion<int?>();
            // EnterpriseId refers to the Enterprises module: unique here, no foreign key across modules.
            b.HasIndex(a => a.EnterpriseId).IsUnique();
            b.HasIndex(a => new { a.CurrentStep, a.CurrentStepDate });
            b.HasOne<EInvoiceProvider>().WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.AdoptionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EInvoiceStepRecord>(b =>
        {
            b.ToTable("EInvoiceStepRecords");
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.Step).HasConversion<int>();
            b.Property(s => s.Source).HasConversion<int>();
            b.Property(s => s.Note).HasMaxLength(EInvoiceAdoption.NoteMaxLength);
            b.HasIndex(s => new { s.AdoptionId, s.Date });
        });

        builder.Entity<ReconciliationImport>(b =>
        {
            b.ToTable("ReconciliationImports");
            b.Property(i => i.FileName).HasMaxLength(ReconciliationImport.FileNameMaxLength).IsRequired();
            b.Property(i => i.Format).HasConversion<int>();
            b.Property(i => i.Columns).HasMaxLength(4000).IsRequired();
        });

        builder.Entity<ReconciliationRow>(b =>
        {
            b.ToTable("ReconciliationRows");
            b.Property(r => r.Id).ValueGeneratedNever();
            foreach (var text in new[] { nameof(ReconciliationRow.TaxCodeText), nameof(ReconciliationRow.StatusText), nameof(ReconciliationRow.ProviderText) })
            {
                b.Property<string?>(text).HasMaxLength(ReconciliationRow.TextMaxLength);
            }

            b.Property(r => r.TaxCode).HasMaxLength(14);
            b.Property(r => r.MatchedTaxCode).HasMaxLength(14);
            b.Property(r => r.TheirStep).HasConversion<int?>();
            b.Property(r => r.TheirKind).HasConversion<int?>();
            b.Property(r => r.OurStep).HasConversion<int?>();
            b.Property(r => r.Outcome).HasConversion<int>();
            b.Property(r => r.Direction).HasConversion<int?>();
            b.Property(r => r.KindChange).HasConversion<int?>();
            b.Property(r => r.PlannedSteps).HasMaxLength(200);
            b.Property(r => r.Messages).HasMaxLength(ReconciliationRow.MessagesMaxLength);
            b.Ignore(r => r.Theirs);
            b.HasOne<ReconciliationImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(r => new { r.ImportId, r.RowNumber }).IsUnique();
            b.HasIndex(r => new { r.ImportId, r.Outcome });
        });

        builder.Entity<ReportedStep>(b =>
        {
            b.ToTable("EInvoiceReportedSteps");
            b.Property(r => r.Step).HasConversion<int>();
            b.Property(r => r.Kind).HasConversion<int?>();
            b.Property(r => r.State).HasConversion<int>();
            b.Property(r => r.Note).HasMaxLength(EInvoiceAdoption.NoteMaxLength);
            b.Property(r => r.DecisionNote).HasMaxLength(EInvoiceAdoption.NoteMaxLength);
            b.HasOne<EInvoiceProvider>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
            // EnterpriseId refers to the Enterprises module: no foreign key across modules.
            b.HasIndex(r => new { r.EnterpriseId, r.State });
            b.HasIndex(r => r.State);
            // One pending reported step per enterprise (its adoption), also under concurrent reports. Unquoted column names: the
            // filter is valid on SQLite and SQL Server (which needs QUOTED_IDENTIFIER ON for filtered indexes, see README).
            b.HasIndex(r => r.EnterpriseId).IsUnique().HasFilter("State = 0").HasDatabaseName(OnePendingReportedStepIndex);
        });

        builder.Entity<EInvoiceMonthlyCount>(b =>
        {
            b.ToTable("EInvoiceMonthlyCounts");
            b.Property(m => m.Month).HasMaxLength(EInvoiceMonthlyCount.MonthLength).IsRequired();
            b.Property(m => m.Source).HasConversion<int>();
            b.Property(m => m.Note).HasMaxLength(EInvoiceAdoption.NoteMaxLength);
            // EnterpriseId refers to the Enterprises module: no foreign key across modules. One row per enterprise and month.
            b.HasIndex(m => new { m.EnterpriseId, m.Month }).IsUnique();
        });
    }
}
