using SmeSupport.Modularity;

namespace SmeSupport.EntityFrameworkCore;

/// <summary>The modules of SmeSupport, in dependency order (ABP's <c>[DependsOn]</c> chain, written out).</summary>
public static class SmeSupportModules
{
    /// <summary>Creates the catalogue used by the host, the DbMigrator and the design-time factories.</summary>
    public static ModuleCatalog Create() => new(
    [
        new Identity.IdentityModule(),
        new Enterprises.EnterprisesModule(),
        new Trials.TrialsModule(),
        new EInvoicing.EInvoicingModule(),
        new Cases.CasesModule(),
        new Outreach.OutreachModule(),
        new Reporting.ReportingModule(),
    ]);
}
