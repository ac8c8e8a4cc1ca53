namespace SmeSupport.Outreach.Contracts;

/// <summary>Permission names of the Outreach module.</summary>
public static class OutreachPermissions
{
    /// <summary>Read campaigns and their figures.</summary>
    public const string Default = "SmeSupport.Outreach";

    /// <summary>Create, schedule and send campaigns.</summary>
    public const string Manage = "SmeSupport.Outreach.Manage";
}

/// <summary>Outreach figures other modules (Reporting) may read.</summary>
public interface IOutreachStatistics
{
    /// <summary>E-mails accepted by the provider (or written to the file outbox) since <paramref name="sinceUtc"/> (all time when null).</summary>
    Task<int> CountSentAsync(DateTimeOffset? sinceUtc = null, CancellationToken cancellationToken = default);
}
