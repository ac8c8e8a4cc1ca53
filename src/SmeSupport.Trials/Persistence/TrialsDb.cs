using Microsoft.EntityFrameworkCore;
using SmeSupport.Trials.Domain;

namespace SmeSupport.Trials.Persistence;

/// <summary>The module's view of the unit of work: only the Trials module's own tables.</summary>
internal sealed class TrialsDb(DbContext context)
{
    public DbContext Context => context;

    public DbSet<Platform> Platforms => context.Set<Platform>();

    public DbSet<Trial> Trials => context.Set<Trial>();

    public DbSet<TrialCheckIn> CheckIns => context.Set<TrialCheckIn>();

    public DbSet<TrialFeedback> Feedback => context.Set<TrialFeedback>();
}
