using Microsoft.EntityFrameworkCore;
using SmeSupport.EInvoicing.Domain;

namespace SmeSupport.EInvoicing.Persistence;

/// <summary>The module's view of the unit of work: only the EInvoicing module's own tables.</summary>
internal sealed class EInvoicingDb(DbContext context)
{
    public DbContext Context => context;

    public DbSet<EInvoiceProvider> Providers => context.Set<EInvoiceProvider>();

    public DbSet<EInvoiceAdoption> Adoptions => context.Set<EInvoiceAdoption>();

    public DbSet<EInvoiceStepRecord> StepRecords => context.Set<EInvoiceStepRecord>();

    public DbSet<ReconciliationImport> Imports => context.Set<ReconciliationImport>();

    public DbSet<ReconciliationRow> Rows => context.Set<ReconciliationRow>();

    public DbSet<ReportedStep> ReportedSteps => context.Set<ReportedStep>();

    public DbSet<EInvoiceMonthlyCount> MonthlyCounts => context.Set<EInvoiceMonthlyCount>();
}
