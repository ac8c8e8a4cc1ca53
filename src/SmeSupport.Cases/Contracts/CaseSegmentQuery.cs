namespace SmeSupport.Cases.Contracts;

/// <summary>Selects enterprises by their support cases, for other modules' segments (Outreach).</summary>
public interface ICaseSegmentQuery
{
    /// <summary>Ids of the enterprises with a case not Resolved or Closed.</summary>
    Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsWithOpenCasesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The last contact with each enterprise that has one, as the Cases module knows it: the latest case opened or
    /// case message posted (UTC). An enterprise absent from the answer has never been in contact.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLastContactAsync(CancellationToken cancellationToken = default);
}
