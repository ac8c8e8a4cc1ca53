using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Domain;

namespace SmeSupport.Enterprises.Persistence;

/// <summary>The Enterprises module's part of the EF Core model. Tables: Enterprises, Contacts, ContactConsents, EnterpriseCohorts, MaturityAssessments, EnterpriseRegistrations, Provinces, Wards, WardConversions.</summary>
internal static class EnterprisesModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Enterprise>(b =>
        {
            b.ToTable("Enterprises");
            b.Property(e => e.TaxCode).HasMaxLength(14).IsRequired();
            b.Property(e => e.Name).HasMaxLength(Enterprise.NameMaxLength).IsRequired();
            b.Property(e => e.SearchText).HasMaxLength(400).IsRequired();
            b.Property(e => e.NameSortKey).HasMaxLength(800).IsRequired();
            b.Property(e => e.ShortName).HasMaxLength(Enterprise.ShortNameMaxLength);
            b.Property(e => e.IndustryCode).HasMaxLength(Enterprise.IndustryCodeMaxLength);
            b.Property(e => e.IndustrySection).HasMaxLength(1);
            b.Property(e => e.Street).HasMaxLength(Enterprise.StreetMaxLength);
            b.Property(e => e.Website).HasMaxLength(Enterprise.WebsiteMaxLength);
            b.Property(e => e.AnnualRevenueVnd).HasPrecision(20, 0);
            b.Property(e => e.CapitalVnd).HasPrecision(20, 0);
            b.Property(e => e.LegalForm).HasConversion<int>();
            b.Property(e => e.Size).HasConversion<int>();
            b.Property(e => e.ProgrammeStatus).HasConversion<int>();
            // Unique among enterprises that are not deleted (a deleted one may be registered again).
            b.HasIndex(e => e.TaxCode).IsUnique().HasFilter("IsDeleted = 0");
            // The unique index above is partial ("IsDeleted = 0"); EF writes the soft-delete filter as NOT("IsDeleted"), which
            // SQLite does not see as the same condition, so a lookup by tax code could not use it. This one serves those lookups.
            b.HasIndex(e => new { e.TaxCode, e.IsDeleted });
            b.HasIndex(e => e.NameSortKey);
            // The search index's change stamp reads the latest creation and change times (EnterpriseSearchIndex).
            b.HasIndex(e => e.CreatedAt);
            b.HasIndex(e => e.ModifiedAt);
            b.HasIndex(e => e.WardCode);
            b.Property(e => e.AddressAsWritten).HasMaxLength(Enterprise.AddressAsWrittenMaxLength);
            b.HasMany(e => e.Contacts).WithOne().HasForeignKey(c => c.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(e => e.Cohorts).WithOne().HasForeignKey(c => c.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(e => e.Assessments).WithOne().HasForeignKey(a => a.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<EnterpriseImport>(b =>
        {
            b.ToTable("EnterpriseImports");
            b.Property(i => i.FileName).HasMaxLength(EnterpriseImport.FileNameMaxLength).IsRequired();
            b.Property(i => i.Format).HasMaxLength(8).IsRequired();
            b.Property(i => i.Status).HasConversion<int>();
            b.Property(i => i.SubmittedByEmail).HasMaxLength(Contact.EmailMaxLength);
            b.Property(i => i.FailureMessage).HasMaxLength(1000);
            b.HasIndex(i => i.CreatedAt);
        });

        builder.Entity<EnterpriseImportRow>(b =>
        {
            b.ToTable("EnterpriseImportRows");
            b.Property(r => r.TaxCode).HasMaxLength(40);
            b.Property(r => r.Input).IsRequired();
            b.Property(r => r.Outcome).HasConversion<int>();
            b.Property(r => r.StampAfterImport).HasMaxLength(40);
            b.HasIndex(r => new { r.ImportId, r.RowNumber }).IsUnique();
            b.HasOne<EnterpriseImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CohortMembership>(b =>
        {
            b.ToTable("EnterpriseCohorts");
            b.Property(c => c.CohortName).HasMaxLength(CohortMembership.NameMaxLength).IsRequired();
            b.Property(c => c.CohortNameFolded).HasMaxLength(CohortMembership.NameMaxLength).IsRequired();
            // Unique among memberships that are not deleted: an enterprise that left a cohort may join it again (the old one is history).
            b.HasIndex(c => new { c.EnterpriseId, c.CohortNameFolded }).IsUnique().HasFilter("IsDeleted = 0");
            b.HasIndex(c => c.CohortNameFolded);
        });

        builder.Entity<MaturityAssessment>(b =>
        {
            b.ToTable("MaturityAssessments");
            b.Property(a => a.Assessor).HasMaxLength(150).IsRequired();
            b.Property(a => a.Notes).HasMaxLength(2000);
            b.HasIndex(a => new { a.EnterpriseId, a.AssessedOn });
        });

        builder.Entity<EnterpriseRegistration>(b =>
        {
            b.ToTable("EnterpriseRegistrations");
            b.Property(r => r.Status).HasConversion<int>();
            b.Property(r => r.TaxCode).HasMaxLength(14).IsRequired();
            b.Property(r => r.Name).HasMaxLength(Enterprise.NameMaxLength).IsRequired();
            b.Property(r => r.NameFolded).HasMaxLength(Enterprise.NameMaxLength).IsRequired();
            b.Property(r => r.ShortName).HasMaxLength(Enterprise.ShortNameMaxLength);
            b.Property(r => r.LegalForm).HasConversion<int>();
            b.Property(r => r.IndustryCode).HasMaxLength(Enterprise.IndustryCodeMaxLength);
            b.Property(r => r.AnnualRevenueVnd).HasPrecision(20, 0);
            b.Property(r => r.CapitalVnd).HasPrecision(20, 0);
            b.Property(r => r.Street).HasMaxLength(Enterprise.StreetMaxLength);
            b.Property(r => r.Website).HasMaxLength(Enterprise.WebsiteMaxLength);
            b.Property(r => r.ContactFullName).HasMaxLength(Contact.FullNameMaxLength).IsRequired();
            b.Property(r => r.ContactPosition).HasMaxLength(100);
            b.Property(r => r.ContactEmail).HasMaxLength(Contact.EmailMaxLength).IsRequired();
            b.Property(r => r.ContactMobile).HasMaxLength(16);
            b.Property(r => r.PossibleDuplicates).HasMaxLength(4000);
            b.Property(r => r.RejectionReason).HasMaxLength(1000);
            b.HasIndex(r => new { r.Status, r.SubmittedAt });
            b.HasIndex(r => r.TaxCode);
            // One pending registration (awaiting e-mail confirmation or submitted) per tax code, so simultaneous submissions cannot all be stored.
            b.HasIndex(r => r.TaxCode, "IX_EnterpriseRegistrations_OnePendingPerTaxCode").IsUnique().HasFilter("Status IN (0, 1)");
            // The form token's nonce: unique, so two simultaneous submissions of one token cannot both be stored.
            b.HasIndex(r => r.ConfirmationNonce).IsUnique();
        });

        builder.Entity<Contact>(b =>
        {
            b.ToTable("Contacts");
            b.Property(c => c.FullName).HasMaxLength(Contact.FullNameMaxLength).IsRequired();
            b.Property(c => c.FullNameFolded).HasMaxLength(Contact.FullNameMaxLength).IsRequired();
            b.Property(c => c.Position).HasMaxLength(100);
            b.Property(c => c.Email).HasMaxLength(Contact.EmailMaxLength);
            b.Property(c => c.Mobile).HasMaxLength(16);
            b.Property(c => c.PreferredLanguage).HasMaxLength(Contracts.ContactLanguages.MaxLength).IsRequired().HasDefaultValue(Contracts.ContactLanguages.Vietnamese);
            b.HasIndex(c => c.EnterpriseId);
            b.HasIndex(c => c.Email);
            b.HasIndex(c => c.CreatedAt);
            b.HasIndex(c => c.ModifiedAt);
            b.HasMany(c => c.Consents).WithOne().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ContactConsent>(b =>
        {
            b.ToTable("ContactConsents");
            b.Property(c => c.Purpose).HasConversion<int>();
            b.Property(c => c.GrantedVia).HasMaxLength(30).IsRequired();
            b.Property(c => c.WithdrawnVia).HasMaxLength(30);
            b.HasIndex(c => new { c.ContactId, c.Purpose });
        });

        builder.Entity<Province>(b =>
        {
            b.ToTable("Provinces");
            b.HasKey(p => p.Code);
            b.Property(p => p.Code).ValueGeneratedNever();
            b.Property(p => p.Name).HasMaxLength(100).IsRequired();
            b.Property(p => p.DivisionType).HasMaxLength(40).IsRequired();
            b.Property(p => p.PhoneCode).HasMaxLength(10);
        });

        builder.Entity<Ward>(b =>
        {
            b.ToTable("Wards");
            b.HasKey(w => w.Code);
            b.Property(w => w.Code).ValueGeneratedNever();
            b.Property(w => w.Name).HasMaxLength(100).IsRequired();
            b.Property(w => w.NameSortKey).HasMaxLength(300).IsRequired();
            b.Property(w => w.DivisionType).HasMaxLength(20).IsRequired();
            b.HasIndex(w => w.ProvinceCode);
        });

        builder.Entity<WardConversion>(b =>
        {
            b.ToTable("WardConversions");
            b.Property(w => w.OldWardName).HasMaxLength(100).IsRequired();
            b.Property(w => w.OldDistrictName).HasMaxLength(100).IsRequired();
            b.Property(w => w.OldProvinceName).HasMaxLength(100).IsRequired();
            b.Property(w => w.Note).HasMaxLength(200);
            b.HasIndex(w => w.OldWardCode);
            b.HasIndex(w => w.NewWardCode);
        });
    }
}
