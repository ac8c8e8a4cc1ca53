namespace SmeSupport.Enterprises.Contracts;

/// <summary>The enterprise facts an e-mail template may quote (Outreach placeholders).</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="Name">Name.</param>
/// <param name="ShortName">Short name, or null.</param>
/// <param name="TaxCode">Canonical tax code.</param>
/// <param name="WardName">Current commune/ward name, e.g. "Phường Việt Trì", or null when the code is unknown.</param>
/// <param name="ProvinceName">Province name, e.g. "Tỉnh Phú Thọ", or null when the code is unknown.</param>
public sealed record EnterpriseMailMergeDto(Guid Id, string Name, string? ShortName, string TaxCode, string? WardName, string? ProvinceName);

/// <summary>Reads enterprise facts for e-mail templates (the only way for Outreach to reach them).</summary>
public interface IEnterpriseMailMergeQuery
{
    /// <summary>Enterprises (not deleted) by id; unknown or deleted ids are absent from the answer.</summary>
    Task<IReadOnlyDictionary<Guid, EnterpriseMailMergeDto>> GetAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken = default);

    /// <summary>Contacts of one enterprise (not deleted) with an e-mail address, by name; empty for an unknown or deleted enterprise.</summary>
    Task<IReadOnlyList<ContactRecipientDto>> GetContactsAsync(Guid enterpriseId, CancellationToken cancellationToken = default);
}
