namespace SmeSupport.Trials.Contracts;

/// <summary>One trial as reports count it.</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="PlatformId">The platform.</param>
/// <param name="PlatformName">Platform name.</param>
/// <param name="Category">Platform category.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Outcome">Outcome once completed.</param>
/// <param name="StartDate">Planned first day (Vietnam date).</param>
/// <param name="WasStarted">True when the trial was started (Active, Completed, or cancelled after starting).</param>
public sealed record TrialFactDto(Guid EnterpriseId, Guid PlatformId, string PlatformName, PlatformCategory Category, TrialStatus Status,
    TrialOutcome? Outcome, DateOnly StartDate, bool WasStarted);

/// <summary>Every trial in brief, for the Reporting module (it groups and filters by enterprise attributes itself).</summary>
public interface ITrialReportSource
{
    /// <summary>All trials (including those of deleted enterprises: the caller joins with the enterprises it knows).</summary>
    Task<IReadOnlyList<TrialFactDto>> ListTrialFactsAsync(CancellationToken cancellationToken = default);
}
