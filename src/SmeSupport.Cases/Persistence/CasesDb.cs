using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Domain;

namespace SmeSupport.Cases.Persistence;

/// <summary>The module's view of the unit of work: only the Cases module's own tables.</summary>
internal sealed class CasesDb(DbContext context)
{
    public DbContext Context => context;

    public DbSet<SupportCase> SupportCases => context.Set<SupportCase>();
}
