namespace SmeSupport.Cases.Contracts;

/// <summary>One support case as reports count it: no subject, description, notes or contact (no personal data).</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="Type">Case type.</param>
/// <param name="Priority">Priority.</param>
/// <param name="Status">Current status.</param>
/// <param name="OpenedAt">When it was opened (UTC).</param>
/// <param name="ResolvedAt">When it was (last) resolved (UTC), or null.</param>
/// <param name="FirstResponseBreached">True when the first response came, or is still missing, after its due time (working time).</param>
/// <param name="ResolutionBreached">True when more working time ran than the resolution target.</param>
/// <param name="FirstRespondedAt">When staff first responded (UTC), or null: with the breach flags it decides first-response compliance and
/// "overdue" exactly as <see cref="ICaseFiguresAppService"/> does.</param>
public sealed record CaseFactDto(Guid EnterpriseId, CaseType Type, CasePriority Priority, CaseStatus Status, DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt, bool FirstResponseBreached, bool ResolutionBreached, DateTimeOffset? FirstRespondedAt = null);

/// <summary>Every case in brief with its service level computed now, for the Reporting module.</summary>
public interface ICaseReportSource
{
    /// <summary>All cases (the caller joins with the enterprises it knows, so cases of deleted enterprises drop out there).</summary>
    Task<IReadOnlyList<CaseFactDto>> ListCaseFactsAsync(CancellationToken cancellationToken = default);
}
