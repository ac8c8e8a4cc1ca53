using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Enterprises.Domain;

/// <summary>
/// One import batch of enterprises from a CSV or XLSX file: who, when, which file, the counts, and one
/// <see cref="EnterpriseImportRow"/> per data row (its input, its outcome, the old values of what it changed), so that the
/// import can be shown afterwards and reverted.
/// </summary>
internal sealed class EnterpriseImport : AuditedEntity
{
    public const int FileNameMaxLength = 255;

    public string FileName { get; set; } = "";

    /// <summary>"csv" or "xlsx".</summary>
    public string Format { get; set; } = "";

    public EnterpriseImportStatus Status { get; set; }

    public int TotalRows { get; set; }

    public int ProcessedRows { get; set; }

    public int CreatedCount { get; set; }

    public int UpdatedCount { get; set; }

    public int UnchangedCount { get; set; }

    public int ErrorCount { get; set; }

    /// <summary>E-mail of the user who submitted it (kept as written, for the history).</summary>
    public string? SubmittedByEmail { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? RevertedAt { get; set; }

    public Guid? RevertedBy { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>JSON object: field name → the header as written in the file (for error messages).</summary>
    public string Columns { get; set; } = "{}";
}

/// <summary>One data row of an <see cref="EnterpriseImport"/>.</summary>
internal sealed class EnterpriseImportRow : Entity
{
    public Guid ImportId { get; set; }

    /// <summary>Row number in the file (the header is row 1).</summary>
    public int RowNumber { get; set; }

    /// <summary>Canonical tax code when it could be read.</summary>
    public string? TaxCode { get; set; }

    /// <summary>The row's cells by field (JSON object of field name → text), as read from the file.</summary>
    public string Input { get; set; } = "{}";

    public EnterpriseImportRowOutcome Outcome { get; set; }

    /// <summary>The enterprise the row created or updated.</summary>
    public Guid? EnterpriseId { get; set; }

    /// <summary>The contact the row added, if any.</summary>
    public Guid? ContactId { get; set; }

    /// <summary>JSON array of changes <c>[{"field","old","new"}]</c>.</summary>
    public string? Changes { get; set; }

    /// <summary>JSON of the enterprise's values before the row changed them (for revert).</summary>
    public string? OldValues { get; set; }

    /// <summary>The enterprise's concurrency stamp right after the import wrote it; a different stamp later means it was changed again.</summary>
    public string? StampAfterImport { get; set; }

    /// <summary>JSON array of errors <c>[{"column","message"}]</c>.</summary>
    public string? Errors { get; set; }
}
