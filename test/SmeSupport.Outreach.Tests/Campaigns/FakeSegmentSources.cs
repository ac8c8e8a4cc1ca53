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
internal sealed class FakeSegmentSources : IEnterpriseSegmentQuery, ITrialSegmentQuery, IEInvoiceSegmentQuery, ICaseSegmentQuery
{
    public Dictionary<Guid, EnterpriseSize> Sizes { get; } = [];

    public Dictionary<Guid, (TrialStatus Status, int EndsInDays)> Trials { get; } = [];

    public Dictionary<Guid, EInvoiceStep> Steps { get; } = [];

    public HashSet<Guid> OpenCases { get; } = [];

    public Dictionary<Guid, DateTimeOffset> LastContact { get; } = [];

    public Func<IEnumerable<Guid>> AllEnterprises { get; set; } = () => [];

    public Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsAsync(EnterpriseCriteriaDto criteria, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<Guid>>(AllEnterprises()
            .Where(id => criteria.Sizes is not { Count: > 0 } || (Sizes.TryGetValue(id, out var s) && criteria.Sizes.Contains(s))).ToList());

    public Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsAsync(IReadOnlyCollection<TrialStatus>? statuses, Guid? platformId, int? endsWithinDays,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<Guid>>(Trials
            .Where(t => (statuses is not { Count: > 0 } || statuses.Contains(t.Value.Status))
                        && (endsWithinDays is null || (t.Value.EndsInDays >= 0 && t.Value.EndsInDays <= endsWithinDays)))
            .Select(t => t.Key).ToList());

    public Task<IReadOnlyDictionary<Guid, EInvoiceStep>> GetCurrentStepsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, EInvoiceStep>>(Steps);

    public Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsWithOpenCasesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyCollection<Guid>>(OpenCases.ToList());

    public Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLastContactAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, DateTimeOffset>>(LastContact);
}
