namespace SmeSupport.Cases.Contracts;

/// <summary>Permission names of the Cases module.</summary>
public static class CasesPermissions
{
    /// <summary>Read support cases.</summary>
    public const string Default = "SmeSupport.Cases";

    /// <summary>Create, assign and work cases.</summary>
    public const string Manage = "SmeSupport.Cases.Manage";

    /// <summary>Enterprise portal: open, follow, reply to and rate the caller's own enterprise's cases.</summary>
    public const string Portal = "SmeSupport.Cases.Portal";

    /// <summary>Edit the public-holiday calendar and the officers' commune coverage (Admin by default).</summary>
    public const string Settings = "SmeSupport.Cases.Settings";

    /// <summary>Record, edit and delete community visits and open follow-up cases from them (Officer by default; reading needs <see cref="Default"/>).</summary>
    public const string Visits = "SmeSupport.Cases.Visits";

    /// <summary>Receive service-level breach escalations (Admin by default).</summary>
    public const string Escalations = "SmeSupport.Cases.Escalations";
}

/// <summary>Case workflow: New → Assigned → InProgress → WaitingForEnterprise → Resolved → Closed.</summary>
public enum CaseStatus
{
    /// <summary>Opened, not assigned.</summary>
    New = 0,

    /// <summary>Assigned to an officer.</summary>
    Assigned = 1,

    /// <summary>Being worked on.</summary>
    InProgress = 2,

    /// <summary>Waiting for the enterprise (service-level clock paused).</summary>
    WaitingForEnterprise = 3,

    /// <summary>Resolved; may be reopened within the configured days.</summary>
    Resolved = 4,

    /// <summary>Closed.</summary>
    Closed = 5,
}

/// <summary>Case figures other modules (Reporting) may read.</summary>
public interface ICaseStatistics
{
    /// <summary>Cases (of enterprises not deleted) by status.</summary>
    Task<IReadOnlyDictionary<CaseStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default);
}
