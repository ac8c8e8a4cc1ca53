namespace SmeSupport.Enterprises.Contracts;

/// <summary>Enterprise attributes an outreach segment may select on; every list given narrows (AND), values in one list are alternatives (OR).</summary>
public sealed record EnterpriseCriteriaDto
{
    /// <summary>Cohort names (as entered, compared case-insensitively, e.g. "Đợt 1 - 2025"); null or empty: any.</summary>
    public IReadOnlyList<string>? Cohorts { get; init; }

    /// <summary>Current commune/ward codes; null or empty: any.</summary>
    public IReadOnlyList<int>? WardCodes { get; init; }

    /// <summary>Legal forms; null or empty: any.</summary>
    public IReadOnlyList<LegalForm>? LegalForms { get; init; }

    /// <summary>Size classes (Decree 80/2021/NĐ-CP); null or empty: any.</summary>
    public IReadOnlyList<EnterpriseSize>? Sizes { get; init; }

    /// <summary>VSIC 2018 section letters A–U; null or empty: any.</summary>
    public IReadOnlyList<string>? IndustrySections { get; init; }

    /// <summary>Programme statuses; null or empty: any.</summary>
    public IReadOnlyList<ProgrammeStatus>? ProgrammeStatuses { get; init; }

    /// <summary>
    /// Only enterprises whose self-registration staff approved in the last N days (approval time within now − N days … now,
    /// UTC), 1–366; null: any. Enterprises entered by staff or imported never match (they had no registration to approve).
    /// </summary>
    public int? ApprovedWithinDays { get; init; }
}

/// <summary>Selects enterprises for other modules' segments (Outreach) without exposing the Enterprises tables.</summary>
public interface IEnterpriseSegmentQuery
{
    /// <summary>Ids of the enterprises (not deleted) that meet every criterion given.</summary>
    Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsAsync(EnterpriseCriteriaDto criteria, CancellationToken cancellationToken = default);
}
