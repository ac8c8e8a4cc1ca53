namespace SmeSupport.Trials.Contracts;

/// <summary>Permission names of the Trials module.</summary>
public static class TrialsPermissions
{
    /// <summary>Read trials and the platform catalogue.</summary>
    public const string Default = "SmeSupport.Trials";

    /// <summary>Create and change trials.</summary>
    public const string Manage = "SmeSupport.Trials.Manage";

    /// <summary>Edit the platform catalogue.</summary>
    public const string ManageCatalogue = "SmeSupport.Trials.Catalogue";

    /// <summary>An EnterpriseUser: its own enterprise's trials (read, add check-ins and feedback).</summary>
    public const string OwnTrials = "SmeSupport.Trials.Own";
}

/// <summary>Lifecycle of a platform trial: Planned → Active → Completed, or Cancelled.</summary>
public enum TrialStatus
{
    /// <summary>Assigned, not started.</summary>
    Planned = 0,

    /// <summary>Running.</summary>
    Active = 1,

    /// <summary>Ended with an outcome.</summary>
    Completed = 2,

    /// <summary>Called off.</summary>
    Cancelled = 3,
}

/// <summary>Trial figures other modules (Reporting) may read.</summary>
public interface ITrialStatistics
{
    /// <summary>Trials (of enterprises not deleted) by status.</summary>
    Task<IReadOnlyDictionary<TrialStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The nightly job (public, in Contracts, because Hangfire invokes it): flags Planned or Active trials whose end date
/// (Vietnam date) has passed without an outcome, once each (the flag is recorded on the trial). Safe to run twice.
/// </summary>
public interface IOverdueTrialsJob
{
    /// <summary>Id of the recurring job.</summary>
    const string RecurringJobId = "trials-flag-overdue";

    /// <summary>Flags the trials now overdue; returns how many were newly flagged.</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}
