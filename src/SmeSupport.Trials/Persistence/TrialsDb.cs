using Microsoft.EntityFrameworkCore;
using SmeSupport.Trials.Domain;

namespace SmeSupport.Trials.Persistence;

/// <summary>The module's view of the unit of work: only the Trials module's own tables.</summary>
internal sealed class TrialsDb
{
    private readonly DbContext context;

    public TrialsDb(DbContext context)
    {
        this.context = context;
        // Keeps Reporting's trial facts in step with saves of this process (see Application.TrialFactsCache).
        var touched = false;
        context.SavingChanges += (_, _) => touched = context.ChangeTracker.Entries()
            .Any(e => e.Entity is Trial or Platform && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        context.SavedChanges += (_, _) =>
        {
            if (touched)
            {
                Application.TrialFactsCache.Bump();
            }
        };
    }

    public DbContext Context => context;

    public DbSet<Platform> Platforms => context.Set<Platform>();

    public DbSet<Trial> Trials => context.Set<Trial>();

    public DbSet<TrialCheckIn> CheckIns => context.Set<TrialCheckIn>();

    public DbSet<TrialFeedback> Feedback => context.Set<TrialFeedback>();
}
