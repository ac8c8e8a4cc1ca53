using SmeSupport.Domain;

namespace SmeSupport.Reporting.Domain;

/// <summary>A partner organization that reports may be shared with (the provincial tax office first).</summary>
internal sealed class PartnerOrganization : AuditedEntity
{
    public const int NameMaxLength = 200;
    public const int CodeMaxLength = 50;
    public const int EmailMaxLength = 256;

    public string Name { get; set; } = "";

    public string Code { get; set; } = "";

    /// <summary>Upper-case code, unique.</summary>
    public string CodeNormalized { get; set; } = "";

    public string ContactEmail { get; set; } = "";
}

/// <summary>A report shared with one organization, with fixed filters and columns, until a date or until revoked.</summary>
internal sealed class SharedReport : AuditedEntity
{
    public string ReportKey { get; set; } = "";

    public Guid PartnerOrganizationId { get; set; }

    /// <summary>Fixed filters as JSON (<c>ReportFilterDto</c>).</summary>
    public string FiltersJson { get; set; } = "{}";

    /// <summary>Shared column keys, comma-separated, in order.</summary>
    public string Columns { get; set; } = "";

    public DateOnly? ExpiresOn { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? RevokedBy { get; set; }

    public bool MonthlyEmail { get; set; }
}

/// <summary>One partner access (view, export, scheduled e-mail).</summary>
internal sealed class ReportAccessLogEntry : Entity
{
    public DateTimeOffset At { get; set; }

    public Guid? UserId { get; set; }

    public string UserEmail { get; set; } = "";

    public Guid PartnerOrganizationId { get; set; }

    public Guid SharedReportId { get; set; }

    public string ReportKey { get; set; } = "";

    public string Filters { get; set; } = "";

    public string Action { get; set; } = "";

    /// <summary><c>Allowed</c> (data was shown, exported or mailed) or <c>Denied</c> (refused; nothing shown).</summary>
    public string Outcome { get; set; } = "Allowed";

    /// <summary>Why it was denied (<c>NotFound</c>, <c>OtherOrganization</c>, <c>Revoked</c>, <c>Expired</c>, <c>OutsideShare: …</c>, <c>FuturePeriod</c>); null when allowed.</summary>
    public string? Reason { get; set; }
}

/// <summary>A report's source facts at the end of a month (gzip JSON), unique per report and month.</summary>
internal sealed class ReportSnapshot : Entity
{
    public string ReportKey { get; set; } = "";

    /// <summary><c>yyyy-MM</c>.</summary>
    public string Month { get; set; } = "";

    public byte[] Payload { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A monthly e-mail delivery of a share, unique per share and month.</summary>
internal sealed class SharedReportDelivery : Entity
{
    public Guid SharedReportId { get; set; }

    /// <summary><c>yyyy-MM</c>: the month the figures are for.</summary>
    public string Month { get; set; } = "";

    public DateTimeOffset SentAt { get; set; }

    public int Recipients { get; set; }
}
