using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Domain;

namespace SmeSupport.Enterprises.Persistence;

/// <summary>The module's view of the unit of work: only the Enterprises module's own tables.</summary>
internal sealed class EnterprisesDb
{
    private readonly DbContext context;

    public EnterprisesDb(DbContext context)
    {
        this.context = context;
        // Keeps the in-memory search index in step with saves of this process (see EnterpriseSearchIndex).
        var touched = false;
        context.SavingChanges += (_, _) => touched = context.ChangeTracker.Entries()
            .Any(e => e.Entity is Enterprise or Contact && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        context.SavedChanges += (_, _) =>
        {
            if (touched)
            {
                Application.EnterpriseSearchIndex.Bump();
            }
        };
    }

    public DbContext Context => context;

    public DbSet<Enterprise> Enterprises => context.Set<Enterprise>();

    public DbSet<Contact> Contacts => context.Set<Contact>();

    public DbSet<ContactConsent> ContactConsents => context.Set<ContactConsent>();

    public DbSet<CohortMembership> CohortMemberships => context.Set<CohortMembership>();

    public DbSet<MaturityAssessment> MaturityAssessments => context.Set<MaturityAssessment>();

    public DbSet<EnterpriseRegistration> Registrations => context.Set<EnterpriseRegistration>();

    public DbSet<EnterpriseImport> Imports => context.Set<EnterpriseImport>();

    public DbSet<EnterpriseImportRow> ImportRows => context.Set<EnterpriseImportRow>();

    public DbSet<Province> Provinces => context.Set<Province>();

    public DbSet<Ward> Wards => context.Set<Ward>();

    public DbSet<WardConversion> WardConversions => context.Set<WardConversion>();
}
