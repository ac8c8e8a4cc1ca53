using SmeSupport.Cases.Contracts;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>
/// The other modules' segment queries over in-memory facts about the fake directory's enterprises: the evaluator's
/// logic (AND across rules, NotRegistered for enterprises without a record, "never contacted") is what is under test;
/// the real queries are exercised through the API.
/// </summary>
internal sealed class FakeSegmentSources : IEnterpriseSegmentQuery, ITrialSegmentQuery, IEInvoiceSegmentQuery, ICaseSegmentQuery,
    IAdministrativeUnitAppService, IEnterpriseCohortLookup, IPlatformAppService
{
    /// <summary>Ward codes that exist (province 25).</summary>
    public HashSet<int> WardCodes { get; } = [];

    /// <summary>Cohort memberships.</summary>
    public List<EnterpriseCohortDto> Cohorts { get; } = [];

    /// <summary>Platforms in the catalogue.</summary>
    public HashSet<Guid> Platforms { get; } = [];

    public Task<IReadOnlyList<ProvinceDto>> GetProvincesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProvinceDto>>([new ProvinceDto(25, "Tỉnh Phú Thọ", "tỉnh", "210")]);

    public Task<IReadOnlyList<WardDto>> GetWardsAsync(int provinceCode, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WardDto>>(provinceCode == 25 ? WardCodes.Select(c => new WardDto(c, $"Phường {c}", "phường", 25)).ToList() : []);

    public Task<IReadOnlyList<EnterpriseCohortDto>> ListMembershipsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EnterpriseCohortDto>>(Cohorts);

    public Task<IReadOnlyList<PlatformDto>> GetListAsync(bool includeInactive = false, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<PlatformDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        Platforms.Contains(id) ? Task.FromResult(new PlatformDto { Id = id, Name = "Nền tảng" }) : throw new SmeSupport.Errors.EntityNotFoundException("Platform", id);

    public Task<PlatformDto> CreateAsync(SavePlatformDto input, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PlatformDto> UpdateAsync(Guid id, SavePlatformDto input, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Dictionary<Guid, EnterpriseSize> Sizes { get; } = [];

    public Dictionary<Guid, (TrialStatus Status, int EndsInDays)> Trials { get; } = [];

    public Dictionary<Guid, EInvoiceStep> Steps { get; } = [];

    public HashSet<Guid> OpenCases { get; } = [];

    public Dictionary<Guid, DateTimeOffset> LastContact { get; } = [];

    public Func<IEnumerable<Guid>> AllEnterprises { get; set; } = () => [];

    /// <summary>Programme statuses (an enterprise not listed is a Prospect); shared with the contact directory's filter.</summary>
    public Dictionary<Guid, ProgrammeStatus> ProgrammeStatuses { get; } = [];

    /// <summary>When each enterprise's self-registration was approved (not listed: never, e.g. entered by staff).</summary>
    public Dictionary<Guid, DateTimeOffset> ApprovedAt { get; } = [];

    /// <summary>The clock <see cref="EnterpriseCriteriaDto.ApprovedWithinDays"/> counts back from.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsAsync(EnterpriseCriteriaDto criteria, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<Guid>>(AllEnterprises()
            .Where(id => criteria.Sizes is not { Count: > 0 } || (Sizes.TryGetValue(id, out var s) && criteria.Sizes.Contains(s)))
            .Where(id => criteria.ProgrammeStatuses is not { Count: > 0 }
                         || criteria.ProgrammeStatuses.Contains(ProgrammeStatuses.GetValueOrDefault(id, ProgrammeStatus.Prospect)))
            .Where(id => criteria.ApprovedWithinDays is not { } days
                         || (ApprovedAt.TryGetValue(id, out var at) && at >= Clock.GetUtcNow().AddDays(-days)))
            .ToList());

    public Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsAsync(IReadOnlyCollection<TrialStatus>? statuses, Guid? platformId, int? endsWithinDays,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<Guid>>(Trials
            .Where(t => (statuses is not { Count: > 0 } || statuses.Contains(t.Value.Status))
                        && (endsWithinDays is null || (t.Value.EndsInDays >= 0 && t.Value.EndsInDays <= endsWithinDays)))
            .Select(t => t.Key).ToList());

    public Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsWithTrialsPastEndAsync(Guid? platformId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<Guid>>(Trials
            .Where(t => t.Value.Status is TrialStatus.Planned or TrialStatus.Active && t.Value.EndsInDays < 0).Select(t => t.Key).ToList());

    public Task<IReadOnlyDictionary<Guid, EInvoiceStep>> GetCurrentStepsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, EInvoiceStep>>(Steps);

    public Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsWithOpenCasesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<Guid>>(OpenCases.ToList());

    public Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLastContactAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, DateTimeOffset>>(LastContact);
}
