namespace SmeSupport.Trials.Contracts;

/// <summary>The trial an e-mail template quotes (Outreach placeholders <c>trial.*</c>).</summary>
/// <param name="TrialId">The trial.</param>
/// <param name="EnterpriseId">Its enterprise.</param>
/// <param name="PlatformId">The platform.</param>
/// <param name="PlatformName">Platform name.</param>
/// <param name="PlatformProvider">Platform provider.</param>
/// <param name="StartDate">First day (Vietnam date).</param>
/// <param name="EndDate">Last day (Vietnam date).</param>
/// <param name="Status">Lifecycle status.</param>
public sealed record TrialMailMergeDto(Guid TrialId, Guid EnterpriseId, Guid PlatformId, string PlatformName, string PlatformProvider, DateOnly StartDate,
    DateOnly EndDate, TrialStatus Status);

/// <summary>Picks the trial an e-mail to an enterprise is about.</summary>
public interface ITrialMailMergeQuery
{
    /// <summary>
    /// Per enterprise, the trial (not deleted) to quote. With criteria (a segment's trial rules, the same meaning as
    /// <see cref="ITrialSegmentQuery.FindEnterpriseIdsAsync"/>): the trial that meets them (the latest start first);
    /// when none does, or without criteria: the enterprise's latest Active trial. Enterprises without such a trial are
    /// absent from the answer.
    /// </summary>
    /// <param name="enterpriseIds">The enterprises.</param>
    /// <param name="statuses">Trial statuses rule, or null.</param>
    /// <param name="platformId">Platform rule, or null.</param>
    /// <param name="endsWithinDays">End-within-N-days rule (Asia/Ho_Chi_Minh calendar), or null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    Task<IReadOnlyDictionary<Guid, TrialMailMergeDto>> GetAsync(IReadOnlyCollection<Guid> enterpriseIds, IReadOnlyCollection<TrialStatus>? statuses,
        Guid? platformId, int? endsWithinDays, CancellationToken cancellationToken = default);
}
