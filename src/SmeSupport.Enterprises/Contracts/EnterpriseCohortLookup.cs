namespace SmeSupport.Enterprises.Contracts;

/// <summary>One enterprise's membership of one cohort.</summary>
/// <param name="EnterpriseId">The enterprise (not deleted).</param>
/// <param name="Cohort">Cohort name as entered, e.g. "Đợt 1 - 2025".</param>
public sealed record EnterpriseCohortDto(Guid EnterpriseId, string Cohort);

/// <summary>Cohort memberships for other modules (Reporting filters and snapshots by cohort).</summary>
public interface IEnterpriseCohortLookup
{
    /// <summary>Every cohort membership of enterprises not deleted.</summary>
    Task<IReadOnlyList<EnterpriseCohortDto>> ListMembershipsAsync(CancellationToken cancellationToken = default);
}
