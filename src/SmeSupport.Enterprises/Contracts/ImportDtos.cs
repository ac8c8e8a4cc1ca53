using SmeSupport.Application;

namespace SmeSupport.Enterprises.Contracts;

/// <summary>Format of an import or export file.</summary>
public enum EnterpriseFileFormat
{
    /// <summary>CSV, UTF-8 (a BOM is written on export and accepted on import); comma or semicolon separated on import.</summary>
    Csv = 1,

    /// <summary>Excel workbook (Office Open XML, first sheet).</summary>
    Xlsx = 2,
}

/// <summary>Where an import batch stands.</summary>
public enum EnterpriseImportStatus
{
    /// <summary>Stored and waiting for the background job.</summary>
    Queued = 0,

    /// <summary>The background job is working through the rows (see processed / total).</summary>
    Running = 1,

    /// <summary>Every row was processed: good rows written, rows in error skipped.</summary>
    Completed = 2,

    /// <summary>The job stopped on an unexpected fault; rows already written stay written (each row whole) and are listed.</summary>
    Failed = 3,

    /// <summary>Reverted: what it created is deleted (soft), what it changed restored.</summary>
    Reverted = 4,
}

/// <summary>What a row did (or, in a dry run, would do).</summary>
public enum EnterpriseImportRowOutcome
{
    /// <summary>Not processed yet.</summary>
    Pending = 0,

    /// <summary>A new enterprise (no enterprise that is not deleted has the tax code).</summary>
    Create = 1,

    /// <summary>An existing enterprise (same canonical tax code) with changed fields.</summary>
    Update = 2,

    /// <summary>An existing enterprise whose values the row repeats: nothing to write.</summary>
    Unchanged = 3,

    /// <summary>The row has errors and is skipped; nothing of it is written.</summary>
    Error = 4,
}

/// <summary>A change of one field: old → new (texts as shown).</summary>
/// <param name="Field">Field name (API name, e.g. <c>name</c>, <c>employees</c>, <c>wardCode</c>).</param>
/// <param name="Old">Value before (null when empty).</param>
/// <param name="New">Value after (null when empty).</param>
/// <param name="Label">The field's label in the reader's language (e.g. <c>Số lao động</c> / <c>Employees</c>); null when there is none.</param>
/// <param name="OldText">
/// <paramref name="Old"/> as the timeline shows it in the reader's culture: a legal form by its label, a number and an amount grouped
/// (amounts with ₫), a province or commune/ward by its name; anything else as is.
/// </param>
/// <param name="NewText"><paramref name="New"/> as shown (see <paramref name="OldText"/>).</param>
public sealed record ImportFieldChangeDto(string Field, string? Old, string? New, string? Label = null, string? OldText = null, string? NewText = null);

/// <summary>An error in one cell or row.</summary>
/// <param name="Column">The column's header as written in the file (or the field name when the column is absent).</param>
/// <param name="Message">What is wrong, in English.</param>
public sealed record ImportCellErrorDto(string Column, string Message);

/// <summary>The result of one data row.</summary>
public sealed record ImportRowResultDto
{
    /// <summary>Row number in the file (header = row 1).</summary>
    public int RowNumber { get; init; }

    /// <summary>Canonical tax code, or the text as written when it is not a valid code.</summary>
    public string? TaxCode { get; init; }

    /// <summary>Name from the file.</summary>
    public string? Name { get; init; }

    /// <summary>Create, update, unchanged or error.</summary>
    public EnterpriseImportRowOutcome Outcome { get; init; }

    /// <summary>The enterprise created or updated (null in a dry run for a create, and for errors).</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary>Changed fields, old → new (for an update; for a create, every given field with old = null).</summary>
    public IReadOnlyList<ImportFieldChangeDto> Changes { get; init; } = [];

    /// <summary>Errors (row skipped when any).</summary>
    public IReadOnlyList<ImportCellErrorDto> Errors { get; init; } = [];
}

/// <summary>The report of a dry run: what an import of the file would do, row by row. Nothing is written.</summary>
public sealed record ImportDryRunDto
{
    /// <summary>File name as sent.</summary>
    public string FileName { get; init; } = "";

    /// <summary>Format read (by content, not by name).</summary>
    public EnterpriseFileFormat Format { get; init; }

    /// <summary>Columns recognised: header as written → field name.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Data rows.</summary>
    public int TotalRows { get; init; }

    /// <summary>Rows that would create an enterprise.</summary>
    public int CreateCount { get; init; }

    /// <summary>Rows that would update one.</summary>
    public int UpdateCount { get; init; }

    /// <summary>Rows that change nothing.</summary>
    public int UnchangedCount { get; init; }

    /// <summary>Rows in error (would be skipped).</summary>
    public int ErrorCount { get; init; }

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<ImportRowResultDto> Rows { get; init; } = [];
}

/// <summary>An import batch: who, when, file, progress and counts.</summary>
public sealed record EnterpriseImportDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>File name as sent.</summary>
    public string FileName { get; init; } = "";

    /// <summary>Format.</summary>
    public EnterpriseFileFormat Format { get; init; }

    /// <summary>Status.</summary>
    public EnterpriseImportStatus Status { get; init; }

    /// <summary>Data rows in the file.</summary>
    public int TotalRows { get; init; }

    /// <summary>Rows processed so far.</summary>
    public int ProcessedRows { get; init; }

    /// <summary>Enterprises created.</summary>
    public int CreatedCount { get; init; }

    /// <summary>Enterprises updated.</summary>
    public int UpdatedCount { get; init; }

    /// <summary>Rows that changed nothing.</summary>
    public int UnchangedCount { get; init; }

    /// <summary>Rows skipped for errors.</summary>
    public int ErrorCount { get; init; }

    /// <summary>Submitted when (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Submitted by (user id).</summary>
    public Guid? SubmittedBy { get; init; }

    /// <summary>Submitted by (e-mail).</summary>
    public string? SubmittedByEmail { get; init; }

    /// <summary>Processing finished when (UTC).</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Reverted when (UTC).</summary>
    public DateTimeOffset? RevertedAt { get; init; }

    /// <summary>Why the job failed (status Failed).</summary>
    public string? FailureMessage { get; init; }
}

/// <summary>A file to download.</summary>
/// <param name="FileName">Suggested file name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Content">The bytes.</param>
public sealed record DownloadFileDto(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Import of enterprises from CSV/XLSX (dry run, background import with progress, revert) and export of any filtered list.
/// Rules: columns by header (Vietnamese or English, case- and diacritic-insensitive); rows matched by canonical tax code;
/// row by row: a row in error is skipped whole, a good row is written whole, never half; empty cells leave the stored
/// value unchanged on update; text cells starting with <c>= + - @</c> (or tab / CR) are refused as possible formulas.
/// </summary>
public interface IEnterpriseImportAppService
{
    /// <summary>The import template: the headers (Vietnamese, or English when <paramref name="english"/>) and one example row.</summary>
    DownloadFileDto GetTemplate(EnterpriseFileFormat format, bool english = false);

    /// <summary>Reads the file and reports, row by row, what an import would do. Writes nothing.</summary>
    /// <exception cref="Errors.BusinessException">400 <see cref="EnterprisesErrorCodes.ImportFileUnreadable"/>, <see cref="EnterprisesErrorCodes.ImportFileEmpty"/>,
    /// <see cref="EnterprisesErrorCodes.ImportUnknownColumns"/>, <see cref="EnterprisesErrorCodes.ImportMissingColumns"/>, <see cref="EnterprisesErrorCodes.ImportTooManyRows"/>;
    /// 413 <see cref="EnterprisesErrorCodes.ImportFileTooLarge"/>.</exception>
    Task<ImportDryRunDto> DryRunAsync(Stream content, string fileName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the file (the same file errors as <see cref="DryRunAsync"/>, nothing stored on them), keeps the batch with its rows and
    /// starts the background job that imports it (Hangfire; <see cref="EnterpriseImportJob"/>). Poll <see cref="GetAsync"/> for progress.
    /// </summary>
    Task<EnterpriseImportDto> SubmitAsync(Stream content, string fileName, CancellationToken cancellationToken = default);

    /// <summary>One batch with its progress.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id.</exception>
    Task<EnterpriseImportDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Batches, newest first.</summary>
    Task<PagedResultDto<EnterpriseImportDto>> GetListAsync(PagedRequestDto paging, CancellationToken cancellationToken = default);

    /// <summary>Row results of a batch in file order, optionally only one outcome.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id.</exception>
    Task<PagedResultDto<ImportRowResultDto>> GetRowsAsync(Guid id, EnterpriseImportRowOutcome? outcome, PagedRequestDto paging,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reverts a completed batch in one transaction: enterprises it created are soft-deleted (with the contacts it added), enterprises
    /// it changed get their old values back.
    /// </summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id.</exception>
    /// <exception cref="Errors.BusinessException">409 <see cref="EnterprisesErrorCodes.ImportNotRevertible"/> (not completed, or reverted already) or
    /// <see cref="EnterprisesErrorCodes.ImportChangedSince"/> (records changed after the import, or an enterprise it created has
    /// activity since — a trial, an e-invoice step, a contact, a case, an e-mail — in any module's <see cref="IEnterpriseTimelineSource"/>;
    /// nothing is reverted; <c>rows</c> lists them, and <c>enterprises</c> names the ones with activity).</exception>
    Task<EnterpriseImportDto> RevertAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every enterprise matching <paramref name="filter"/> (same filters and order as <see cref="IEnterpriseAppService.GetListAsync"/>; paging
    /// ignored) as a file in the import template's columns (Vietnamese headers by default). Cells starting with <c>= + - @</c>, tab or CR
    /// are prefixed with <c>'</c> (OWASP CSV injection guidance).
    /// </summary>
    /// <exception cref="Errors.InputValidationException">Bad filter values.</exception>
    Task<DownloadFileDto> ExportAsync(EnterpriseListFilterDto filter, EnterpriseFileFormat format, bool english = false,
        CancellationToken cancellationToken = default);
}
