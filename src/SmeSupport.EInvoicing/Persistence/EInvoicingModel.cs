using Microsoft.EntityFrameworkCore;
using SmeSupport.EInvoicing.Domain;

namespace SmeSupport.EInvoicing.Persistence;

/// <summary>The EInvoicing module's part of the EF Core model. Tables: EInvoiceProviders, EInvoiceAdoptions, EInvoiceStepRecords.</summary>
internal static class EInvoicingModel
{
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
    }
}
