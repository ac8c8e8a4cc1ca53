using SmeSupport.Cases.Contracts;
using SmeSupport.Domain;

namespace SmeSupport.Cases.Domain;

/// <summary>
/// An entry of the holiday calendar (kept as data per year: Tết and Hùng Kings' day follow the lunar calendar, and the
/// days off around them are set each year). Public holidays: Labour Code 45/2019/QH14, Art. 112; compensatory days
/// when a holiday falls on the weekly rest day: Art. 111(3).
/// </summary>
internal sealed class PublicHoliday : AuditedEntity
{
    public const int NameMaxLength = 200;

    public DateOnly Date { get; set; }

    public string Name { get; set; } = "";

    public HolidayKind Kind { get; set; }
}

/// <summary>A reply (public, seen by the enterprise) or internal note (staff only) on a case.</summary>
internal sealed class SupportCaseMessage : Entity
{
    public const int BodyMaxLength = 8000;

    public Guid SupportCaseId { get; set; }

    public MessageAuthorKind AuthorKind { get; set; }

    public Guid? AuthorId { get; set; }

    public bool IsInternal { get; set; }

    public string Body { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTimeOffset PostedAt { get; set; }

    /// <summary>UTC; when the reply was handed to the e-mail sender for the case's contact.</summary>
    public DateTimeOffset? EmailedAt { get; set; }

    /// <summary>Why the e-mail was not sent (no contact, no consent, provider refusal), or null.</summary>
    public string? EmailNote { get; set; }
}

/// <summary>An attachment's metadata; the bytes are in a file named by <see cref="Entity.Id"/> under <c>Cases:AttachmentsPath</c>/{case id}.</summary>
internal sealed class SupportCaseAttachment : Entity
{
    public const int FileNameMaxLength = 255;

    public Guid SupportCaseId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>SHA-256 of the content, hex.</summary>
    public string Sha256 { get; set; } = "";

    public bool IsInternal { get; set; }

    public MessageAuthorKind AuthorKind { get; set; }

    public Guid? UploadedBy { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>An officer covers a commune (ward code after 1 July 2025) for automatic assignment.</summary>
internal sealed class OfficerCommuneCoverage
{
    public Guid OfficerId { get; set; }

    public int WardCode { get; set; }
}

/// <summary>A service-level threshold a notification is sent for, once per case.</summary>
internal enum SlaThreshold
{
    FirstResponseWarning = 0,
    FirstResponseBreach = 1,
    ResolutionWarning = 2,
    ResolutionBreach = 3,
}

/// <summary>Records that a case's threshold was notified (unique per case and threshold), so it is never sent twice.</summary>
internal sealed class SupportCaseSlaNotification : Entity
{
    public Guid SupportCaseId { get; set; }

    public SlaThreshold Threshold { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset NotifiedAt { get; set; }

    /// <summary>The addresses it went to (comma-separated), or a note when there was nobody to tell.</summary>
    public string Recipients { get; set; } = "";
}
