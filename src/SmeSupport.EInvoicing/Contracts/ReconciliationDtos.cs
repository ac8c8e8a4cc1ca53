using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.EInvoicing.Contracts;

/// <summary>Error codes of tax-office reconciliation, funnel and the portal (Problem Details <c>code</c>).</summary>
public static class ReconciliationErrorCodes
{
    /// <summary>The upload is not a CSV or XLSX file, or cannot be read (400); nothing is stored.</summary>
    public const string UnreadableFile = "SmeSupport:EInvoicing:UnreadableFile";

    /// <summary>The file has no header row or no data rows (400); nothing is stored.</summary>
    public const string EmptyFile = "SmeSupport:EInvoicing:EmptyFile";

    /// <summary>The header names columns the import does not know (400, <c>errors.columns</c> lists them); nothing is stored.</summary>
    public const string UnknownColumns = "SmeSupport:EInvoicing:UnknownColumns";

    /// <summary>The tax code or status column is missing (400, the message and <c>errors.columns</c> name it); nothing is stored.</summary>
    public const string MissingColumns = "SmeSupport:EInvoicing:MissingColumns";

    /// <summary>More rows than one import takes (400, the message names the limit); nothing is stored.</summary>
    public const string TooManyRows = "SmeSupport:EInvoicing:TooManyRows";

    /// <summary>
    /// The upload is larger than the reconciliation endpoint takes (413; the limit, 20 MiB, is in the message and in the extension
    /// <c>maxBytes</c>); nothing is read or stored.
    /// </summary>
    public const string FileTooLarge = "SmeSupport:EInvoicing:FileTooLarge";

    /// <summary>The file is named .xlsx/.xlsm but its content is not a ZIP package, so not an Excel workbook (400); nothing is stored.</summary>
    public const string NotXlsx = "SmeSupport:EInvoicing:NotXlsx";

    /// <summary>The file is a ZIP package but not a readable Excel workbook (e.g. a .zip or .docx, or a damaged .xlsx) (400); nothing is stored.</summary>
    public const string NotAWorkbook = "SmeSupport:EInvoicing:NotAWorkbook";

    /// <summary>An Excel 97–2003 (.xls) file, which is not read (400); nothing is stored.</summary>
    public const string OldExcelFormat = "SmeSupport:EInvoicing:OldExcelFormat";

    /// <summary>The file is neither XLSX nor UTF-8 text (400; the message names the row of the first byte that is not UTF-8); nothing is stored.</summary>
    public const string NotUtf8Text = "SmeSupport:EInvoicing:NotUtf8Text";

    /// <summary>The file holds binary data (NUL bytes), so it is not CSV text (400); nothing is stored.</summary>
    public const string NotText = "SmeSupport:EInvoicing:NotText";

    /// <summary>The file's first row (the header) is empty (400); nothing is stored.</summary>
    public const string NoHeaderRow = "SmeSupport:EInvoicing:NoHeaderRow";

    /// <summary>The file has a header but no data rows (400); nothing is stored.</summary>
    public const string NoDataRows = "SmeSupport:EInvoicing:NoDataRows";

    /// <summary>Two header cells name the same field (400, the message names them); nothing is stored.</summary>
    public const string RepeatedColumns = "SmeSupport:EInvoicing:RepeatedColumns";

    /// <summary>
    /// The row is not a change that can be accepted (a match, conflict, unknown tax code or error), is already accepted, or its enterprise
    /// was deleted after the import (409).
    /// </summary>
    public const string RowNotAcceptable = "SmeSupport:EInvoicing:RowNotAcceptable";

    /// <summary>Our record changed since the import, so the row's planned change no longer applies as reviewed (409); nothing is changed.</summary>
    public const string RowStale = "SmeSupport:EInvoicing:RowStale";

    /// <summary>
    /// The enterprise already has a reported step waiting for staff (409), also when two reports race: a filtered unique index keeps one
    /// pending reported step per enterprise (<c>IX_EInvoiceReportedSteps_OnePendingPerEnterprise</c>).
    /// </summary>
    public const string ReportedStepPending = "SmeSupport:EInvoicing:ReportedStepPending";

    /// <summary>The reported step was already confirmed or rejected (409).</summary>
    public const string ReportedStepDecided = "SmeSupport:EInvoicing:ReportedStepDecided";

    /// <summary>The reported step's enterprise was deleted after the report, so it cannot be confirmed (409); nothing is changed.</summary>
    public const string EnterpriseDeleted = "SmeSupport:EInvoicing:EnterpriseDeleted";
}

/// <summary>Limits of a reconciliation upload.</summary>
public static class ReconciliationLimits
{
    /// <summary>
    /// Largest tax-office file one import takes: 20 MiB (20 × 1,048,576 bytes), well above a 100,000-row list (about 8 MB as CSV). The
    /// endpoint enforces it on the request body (this plus <see cref="MultipartOverheadBytes"/>) and on the file part; beyond it, 413
    /// <see cref="ReconciliationErrorCodes.FileTooLarge"/>.
    /// </summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>Room allowed in the request body for the multipart boundaries, part headers and the other form fields: 64 KiB.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;
}

/// <summary>Format of a tax-office file.</summary>
public enum TaxOfficeFileFormat
{
    /// <summary>Comma-, semicolon- or tab-separated text, UTF-8 (with or without BOM).</summary>
    Csv = 0,

    /// <summary>Excel 2007+ workbook (first sheet).</summary>
    Xlsx = 1,
}

/// <summary>What one row of a tax-office file means for our record.</summary>
public enum ReconciliationOutcome
{
    /// <summary>Our record says the same.</summary>
    Match = 0,

    /// <summary>Ours is behind theirs (or kind/provider differ) and their facts can be recorded: accepting applies <c>plannedSteps</c>.</summary>
    Change = 1,

    /// <summary>Ours is ahead of theirs, or theirs is ahead but cannot be recorded as it stands (dates before ours, no date); see the messages.</summary>
    Conflict = 2,

    /// <summary>A valid tax code no enterprise in the registry has.</summary>
    UnknownTaxCode = 3,

    /// <summary>The row cannot be read: malformed tax code, unknown status or kind, bad date, duplicate row; see the messages.</summary>
    Error = 4,
}

/// <summary>Where our record stands against theirs.</summary>
public enum ReconciliationDirection
{
    /// <summary>Same step.</summary>
    Same = 0,

    /// <summary>Our record is behind the tax office's.</summary>
    OursBehind = 1,

    /// <summary>Our record is ahead of the tax office's.</summary>
    OursAhead = 2,
}

/// <summary>A step an accepted row records (source TaxOfficeFile).</summary>
/// <param name="Step">The step.</param>
/// <param name="Date">Its date.</param>
public sealed record PlannedStepDto(EInvoiceStep Step, DateOnly Date);

/// <summary>One kept import of a tax-office file, with its counts.</summary>
public sealed record ReconciliationImportDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>The uploaded file's name.</summary>
    public string FileName { get; init; } = "";

    /// <summary>Format.</summary>
    public TaxOfficeFileFormat Format { get; init; }

    /// <summary>Whether branch tax codes (NNNNNNNNNN-BBB) were matched to their parent enterprise.</summary>
    public bool BranchesToParent { get; init; }

    /// <summary>When it was imported (UTC).</summary>
    public DateTimeOffset ImportedAt { get; init; }

    /// <summary>Who imported it.</summary>
    public Guid? ImportedBy { get; init; }

    /// <summary>The columns found, as named in the file, and the field each was read as.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>Data rows (blank rows are not counted).</summary>
    public int TotalRows { get; init; }

    /// <summary>Rows that match.</summary>
    public int Matches { get; init; }

    /// <summary>Rows that would change our record.</summary>
    public int Changes { get; init; }

    /// <summary>Rows in conflict.</summary>
    public int Conflicts { get; init; }

    /// <summary>Rows with a tax code we do not know.</summary>
    public int UnknownTaxCodes { get; init; }

    /// <summary>Rows that could not be read.</summary>
    public int Errors { get; init; }

    /// <summary>Change rows accepted so far.</summary>
    public int Accepted { get; init; }
}

/// <summary>One row of an import and what it means.</summary>
public sealed record ReconciliationRowDto
{
    /// <summary>Row number in the file (the header is row 1).</summary>
    public int RowNumber { get; init; }

    /// <summary>The tax code as written in the file.</summary>
    public string? TaxCodeText { get; init; }

    /// <summary>Canonical tax code, when valid.</summary>
    public string? TaxCode { get; init; }

    /// <summary>The tax code the row was matched on (the parent's for a branch mapped to its parent).</summary>
    public string? MatchedTaxCode { get; init; }

    /// <summary>The enterprise matched.</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary>Their status as written.</summary>
    public string? StatusText { get; init; }

    /// <summary>Their step, when read.</summary>
    public EInvoiceStep? TheirStep { get; init; }

    /// <summary>Their invoice kind, when given.</summary>
    public EInvoiceKind? TheirKind { get; init; }

    /// <summary>Their provider as written.</summary>
    public string? ProviderText { get; init; }

    /// <summary>Their provider resolved against our provider list.</summary>
    public Guid? TheirProviderId { get; init; }

    /// <summary>Our step when the file was imported.</summary>
    public EInvoiceStep? OurStep { get; init; }

    /// <summary>Date of our step when the file was imported.</summary>
    public DateOnly? OurStepDate { get; init; }

    /// <summary>What the row means.</summary>
    public ReconciliationOutcome Outcome { get; init; }

    /// <summary>Where ours stands against theirs (rows compared with a record).</summary>
    public ReconciliationDirection? Direction { get; init; }

    /// <summary>For Change rows: the steps accepting records, in order.</summary>
    public IReadOnlyList<PlannedStepDto> PlannedSteps { get; init; } = [];

    /// <summary>For Change rows: the kind accepting sets, when it differs from ours.</summary>
    public EInvoiceKind? KindChange { get; init; }

    /// <summary>For Change rows: the provider accepting sets, when it differs from ours.</summary>
    public Guid? ProviderChange { get; init; }

    /// <summary>Errors, conflict reasons and notes, each a sentence.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>When the row was accepted (UTC); null while not accepted.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>Who accepted it.</summary>
    public Guid? AcceptedBy { get; init; }
}

/// <summary>Row list filter and paging.</summary>
public sealed record ReconciliationRowFilterDto : PagedRequestDto
{
    /// <summary>Only rows with this outcome.</summary>
    public ReconciliationOutcome? Outcome { get; init; }

    /// <summary>True: only accepted rows; false: only rows not accepted.</summary>
    public bool? Accepted { get; init; }
}

/// <summary>Rows to accept: the given row numbers, or every pending Change row when <see cref="RowNumbers"/> is null.</summary>
public sealed record AcceptReconciliationDto
{
    /// <summary>Row numbers (as in the file), or null for all pending changes.</summary>
    public IReadOnlyList<int>? RowNumbers { get; init; }
}

/// <summary>A row acceptance did not apply, and why.</summary>
/// <param name="RowNumber">Row number.</param>
/// <param name="Message">Why.</param>
public sealed record SkippedRowDto(int RowNumber, string Message);

/// <summary>What an acceptance did.</summary>
public sealed record AcceptReconciliationResultDto
{
    /// <summary>Rows applied to our records.</summary>
    public IReadOnlyList<int> Accepted { get; init; } = [];

    /// <summary>
    /// Rows left as they were because our record changed since the import or the enterprise was deleted since (accept-all only; a named
    /// row answers 409 and nothing is written); in row order.
    /// </summary>
    public IReadOnlyList<SkippedRowDto> Stale { get; init; } = [];
}

/// <summary>Reconciliation of our adoption records with the tax office's lists (Decree 123/2020/NĐ-CP: the tax office holds the authoritative status).</summary>
public interface IEInvoiceReconciliationAppService
{
    /// <summary>
    /// Reads a tax-office file (CSV or XLSX; columns by header, Vietnamese or English), matches each row by canonical tax code
    /// (branches to their parent when <paramref name="branchesToParent"/>), classifies it, and keeps the import. Changes nothing in
    /// the adoption records.
    /// </summary>
    /// <exception cref="Errors.BusinessException">400 with <see cref="ReconciliationErrorCodes"/>: unreadable or empty file, unknown,
    /// missing or repeated columns, too many rows; nothing is stored.</exception>
    Task<ReconciliationImportDto> ImportAsync(Stream content, string fileName, bool branchesToParent, CancellationToken cancellationToken = default);

    /// <summary>Kept imports, newest first.</summary>
    Task<PagedResultDto<ReconciliationImportDto>> GetListAsync(PagedRequestDto paging, CancellationToken cancellationToken = default);

    /// <summary>One import's summary.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    Task<ReconciliationImportDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A page of an import's rows in file order.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    Task<PagedResultDto<ReconciliationRowDto>> GetRowsAsync(Guid id, ReconciliationRowFilterDto filter, CancellationToken cancellationToken = default);

    /// <summary>Accepts rows: records their planned steps (source TaxOfficeFile), kind and provider; all in one save.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown import (404).</exception>
    /// <exception cref="Errors.InputValidationException">Unknown row numbers (400); nothing is changed.</exception>
    /// <exception cref="Errors.ConflictException"><see cref="ReconciliationErrorCodes.RowNotAcceptable"/> or <see cref="ReconciliationErrorCodes.RowStale"/>
    /// for named rows (409); nothing is changed.</exception>
    Task<AcceptReconciliationResultDto> AcceptAsync(Guid id, AcceptReconciliationDto input, CancellationToken cancellationToken = default);
}

/// <summary>What a funnel groups enterprises by.</summary>
public enum EInvoiceFunnelDimension
{
    /// <summary>Current commune/ward.</summary>
    Commune = 0,

    /// <summary>Size class (Decree 80/2021/NĐ-CP).</summary>
    Size = 1,

    /// <summary>Legal form.</summary>
    LegalForm = 2,

    /// <summary>VSIC 2018 section.</summary>
    Industry = 3,
}

/// <summary>One group of the funnel: how many enterprises reached each step (cumulative: a later step counts for the earlier ones).</summary>
/// <param name="Key">Group key: ward code, enum name, or section letter ("" when unknown).</param>
/// <param name="Label">Readable label (ward name, section name).</param>
/// <param name="Enterprises">Enterprises in the group.</param>
/// <param name="RegistrationSubmitted">Reached RegistrationSubmitted or beyond (including refused).</param>
/// <param name="Refused">Currently refused.</param>
/// <param name="Accepted">Reached Accepted or beyond.</param>
/// <param name="FirstInvoiceIssued">Reached FirstInvoiceIssued or beyond.</param>
/// <param name="IssuingRegularly">Issuing regularly.</param>
public sealed record EInvoiceFunnelRowDto(string Key, string Label, int Enterprises, int RegistrationSubmitted, int Refused, int Accepted,
    int FirstInvoiceIssued, int IssuingRegularly);

/// <summary>The adoption funnel by one dimension.</summary>
/// <param name="Dimension">The grouping.</param>
/// <param name="Total">All enterprises together.</param>
/// <param name="Rows">One row per group, largest first.</param>
public sealed record EInvoiceFunnelDto(EInvoiceFunnelDimension Dimension, EInvoiceFunnelRowDto Total, IReadOnlyList<EInvoiceFunnelRowDto> Rows);

/// <summary>The adoption funnel over the registry (confirmed steps only; an enterprise with no record is NotRegistered).</summary>
public interface IEInvoiceFunnelAppService
{
    /// <summary>The funnel grouped by <paramref name="dimension"/>, optionally only enterprises in <paramref name="programmeStatus"/>.</summary>
    /// <exception cref="Errors.InputValidationException">Unknown dimension or status (400).</exception>
    Task<EInvoiceFunnelDto> GetAsync(EInvoiceFunnelDimension dimension, ProgrammeStatus? programmeStatus = null, CancellationToken cancellationToken = default);
}

/// <summary>State of a step an enterprise reported itself.</summary>
public enum ReportedStepState
{
    /// <summary>Waiting for staff; does not count yet.</summary>
    Pending = 0,

    /// <summary>Confirmed by staff and recorded (source Enterprise).</summary>
    Confirmed = 1,

    /// <summary>Rejected by staff.</summary>
    Rejected = 2,
}

/// <summary>A step an enterprise reported through the portal.</summary>
public sealed record ReportedStepDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>The enterprise.</summary>
    public Guid EnterpriseId { get; init; }

    /// <summary>Enterprise name (staff lists, confirm and reject answers), or null when the enterprise was deleted.</summary>
    public string? EnterpriseName { get; init; }

    /// <summary>The step reported.</summary>
    public EInvoiceStep Step { get; init; }

    /// <summary>When it happened, as reported.</summary>
    public DateOnly Date { get; init; }

    /// <summary>Kind, if reported.</summary>
    public EInvoiceKind? Kind { get; init; }

    /// <summary>Provider, if reported.</summary>
    public Guid? ProviderId { get; init; }

    /// <summary>Note.</summary>
    public string? Note { get; init; }

    /// <summary>State.</summary>
    public ReportedStepState State { get; init; }

    /// <summary>When reported (UTC).</summary>
    public DateTimeOffset ReportedAt { get; init; }

    /// <summary>When confirmed or rejected (UTC).</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Staff's note on the decision (reason for a rejection).</summary>
    public string? DecisionNote { get; init; }
}

/// <summary>Input to report a step from the portal.</summary>
public sealed record ReportEInvoiceStepDto
{
    /// <summary>Required; not NotRegistered; must follow the current confirmed step (409 StepOutOfOrder otherwise).</summary>
    public EInvoiceStep? Step { get; init; }

    /// <summary>Required; not in the future, not before the current step's date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Kind, optional.</summary>
    public EInvoiceKind? Kind { get; init; }

    /// <summary>Provider, optional; must be known.</summary>
    public Guid? ProviderId { get; init; }

    /// <summary>Note, up to 500 characters.</summary>
    public string? Note { get; init; }
}

/// <summary>Input to reject a reported step.</summary>
public sealed record RejectReportedStepDto
{
    /// <summary>Why, up to 500 characters.</summary>
    public string? Reason { get; init; }
}

/// <summary>The enterprise's own e-invoice status in the portal.</summary>
public sealed record EInvoicePortalDto
{
    /// <summary>The confirmed adoption record.</summary>
    public EInvoiceAdoptionDto Adoption { get; init; } = new();

    /// <summary>Steps the enterprise reported, newest first (pending ones do not count yet).</summary>
    public IReadOnlyList<ReportedStepDto> Reported { get; init; } = [];
}

/// <summary>The portal: an EnterpriseUser's own e-invoice status and self-reported steps.</summary>
public interface IEInvoicePortalAppService
{
    /// <summary>The own enterprise's status.</summary>
    /// <exception cref="Errors.EntityNotFoundException">The user acts for no (existing) enterprise (404).</exception>
    Task<EInvoicePortalDto> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Reports a step; it waits for staff and does not count until confirmed.</summary>
    /// <exception cref="Errors.InputValidationException">Bad fields (400).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="EInvoicingErrorCodes.StepOutOfOrder"/> or <see cref="ReconciliationErrorCodes.ReportedStepPending"/> (409).</exception>
    Task<ReportedStepDto> ReportStepAsync(ReportEInvoiceStepDto input, CancellationToken cancellationToken = default);
}

/// <summary>Staff review of steps enterprises reported.</summary>
public interface IReportedStepAppService
{
    /// <summary>Reported steps in a state (default Pending), oldest first.</summary>
    Task<PagedResultDto<ReportedStepDto>> GetListAsync(ReportedStepState? state, PagedRequestDto paging, CancellationToken cancellationToken = default);

    /// <summary>Confirms a pending report: the step is recorded (source Enterprise) and counts from now.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="ReconciliationErrorCodes.ReportedStepDecided"/>, <see cref="EInvoicingErrorCodes.StepOutOfOrder"/> or <see cref="ReconciliationErrorCodes.EnterpriseDeleted"/> (the enterprise was deleted since) (409); nothing is changed.</exception>
    Task<ReportedStepDto> ConfirmAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Rejects a pending report.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="ReconciliationErrorCodes.ReportedStepDecided"/> (409).</exception>
    Task<ReportedStepDto> RejectAsync(Guid id, RejectReportedStepDto input, CancellationToken cancellationToken = default);
}
