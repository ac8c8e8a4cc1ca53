namespace SmeSupport.Trials.Contracts;

/// <summary>Selects enterprises by their trials, for other modules' segments (Outreach).</summary>
public interface ITrialSegmentQuery
{
    /// <summary>
    /// Ids of the enterprises with at least one trial (not deleted) meeting every criterion given.
    /// </summary>
    /// <param name="statuses">Trial statuses (any of them); null or empty: any status.</param>
    /// <param name="platformId">Only trials of this platform; null: any platform.</param>
    /// <param name="endsWithinDays">Only trials whose end date lies from today to today + N days (Asia/Ho_Chi_Minh calendar); null: any end.</param>
    /// <param name="cancellationToken">Cancels.</param>
    Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsAsync(IReadOnlyCollection<TrialStatus>? statuses, Guid? platformId, int? endsWithinDays,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of the enterprises with at least one trial (not deleted) past its end without an outcome: still Planned or
    /// Active while its end date lies before today (Asia/Ho_Chi_Minh calendar), the same trials the nightly overdue job
    /// flags. A trial completed (with its outcome) or cancelled never counts.
    /// </summary>
    /// <param name="platformId">Only trials of this platform; null: any platform.</param>
    /// <param name="cancellationToken">Cancels.</param>
    Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsWithTrialsPastEndAsync(Guid? platformId, CancellationToken cancellationToken = default);
}
