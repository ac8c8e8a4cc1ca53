using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>The other modules' mail-merge queries over in-memory facts (the real ones are exercised through the API).</summary>
internal sealed class FakeMailMergeSources(FakeContactDirectory directory) : IEnterpriseMailMergeQuery, ITrialMailMergeQuery, IEInvoiceMailMergeQuery
{
    public Dictionary<Guid, EnterpriseMailMergeDto> Enterprises { get; } = [];

    public Dictionary<Guid, TrialMailMergeDto> Trials { get; } = [];

    public Dictionary<Guid, EInvoiceMailMergeDto> EInvoices { get; } = [];

    public Task<IReadOnlyDictionary<Guid, EnterpriseMailMergeDto>> GetAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, EnterpriseMailMergeDto>>(Enterprises.Where(e => enterpriseIds.Contains(e.Key)).ToDictionary());

    public Task<IReadOnlyList<ContactRecipientDto>> GetContactsAsync(Guid enterpriseId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ContactRecipientDto>>(directory.Contacts.Where(c => c.EnterpriseId == enterpriseId).ToList());

    public Task<IReadOnlyDictionary<Guid, TrialMailMergeDto>> GetAsync(IReadOnlyCollection<Guid> enterpriseIds, IReadOnlyCollection<TrialStatus>? statuses,
        Guid? platformId, int? endsWithinDays, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, TrialMailMergeDto>>(Trials.Where(e => enterpriseIds.Contains(e.Key)).ToDictionary());

    Task<IReadOnlyDictionary<Guid, EInvoiceMailMergeDto>> IEInvoiceMailMergeQuery.GetAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, EInvoiceMailMergeDto>>(EInvoices.Where(e => enterpriseIds.Contains(e.Key)).ToDictionary());
}
