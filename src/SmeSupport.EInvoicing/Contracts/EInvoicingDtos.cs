using SmeSupport.Application;

namespace SmeSupport.EInvoicing.Contracts;

/// <summary>Kind of e-invoice an enterprise issues (Decree 123/2020/NĐ-CP, Art. 91–92; Decree 70/2025/NĐ-CP for cash registers).</summary>
public enum EInvoiceKind
{
    /// <summary>With a tax-authority code (có mã): the tax office codes each invoice before it goes to the buyer.</summary>
    WithCode = 0,

    /// <summary>Without a code (không có mã).</summary>
    WithoutCode = 1,

    /// <summary>Generated from a cash register connected to the tax office (khởi tạo từ máy tính tiền).</summary>
    FromCashRegister = 2,
}

/// <summary>Where the office learned of an adoption step.</summary>
public enum EInvoiceStepSource
{
    /// <summary>An officer recorded it (visit, call).</summary>
    Officer = 0,

    /// <summary>From a list the tax office shared (the authoritative status).</summary>
    TaxOfficeFile = 1,

    /// <summary>The enterprise reported it.</summary>
    Enterprise = 2,
}

/// <summary>Error codes of the EInvoicing module (Problem Details <c>code</c>).</summary>
public static class EInvoicingErrorCodes
{
    /// <summary>
    /// The step does not follow the current one (NotRegistered → RegistrationSubmitted → Accepted or Refused;
    /// Refused → RegistrationSubmitted; Accepted → FirstInvoiceIssued → IssuingRegularly), or its date is before
    /// the current step's date (409).
    /// </summary>
    public const string StepOutOfOrder = "SmeSupport:EInvoicing:StepOutOfOrder";

    /// <summary>
    /// A monthly invoice count for an enterprise with no recorded "first invoice issued" step: there can be no invoices to count
    /// before the first one (409).
    /// </summary>
    public const string NoFirstInvoice = "SmeSupport:EInvoicing:NoFirstInvoice";

    /// <summary>A monthly invoice count for a month before the month of the enterprise's first invoice issued step (409).</summary>
    public const string MonthBeforeFirstInvoice = "SmeSupport:EInvoicing:MonthBeforeFirstInvoice";
}

/// <summary>A licensed e-invoice provider (data, not code: DOMAIN.md).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">Product name, e.g. "Viettel SInvoice".</param>
/// <param name="Company">The company behind it.</param>
/// <param name="Website">Product site (https URL), or null.</param>
/// <param name="IsActive">False once no longer offered.</param>
public sealed record EInvoiceProviderDto(Guid Id, string Name, string Company, string? Website, bool IsActive);

/// <summary>One dated fact of an enterprise's adoption.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Step">The step reached.</param>
/// <param name="Date">The date it happened (Vietnam date), not when it was recorded.</param>
/// <param name="Source">Where the office learned it.</param>
/// <param name="Note">Free note, or null.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="RecordedBy">The user who recorded it, or null (seed, import).</param>
public sealed record EInvoiceStepRecordDto(Guid Id, EInvoiceStep Step, DateOnly Date, EInvoiceStepSource Source, string? Note,
    DateTimeOffset RecordedAt, Guid? RecordedBy);

/// <summary>An enterprise's e-invoice adoption in a list.</summary>
public record EInvoiceAdoptionListItemDto
{
    /// <summary>The enterprise.</summary>
    public Guid EnterpriseId { get; init; }

    /// <summary>Enterprise name, or null when the enterprise was deleted.</summary>
    public string? EnterpriseName { get; init; }

    /// <summary>Enterprise tax code, or null when the enterprise was deleted.</summary>
    public string? TaxCode { get; init; }

    /// <summary>False when nothing has been recorded yet for the enterprise (then the step is NotRegistered).</summary>
    public bool Tracked { get; init; }

    /// <summary>Current step.</summary>
    public EInvoiceStep CurrentStep { get; init; }

    /// <summary>Date of the current step, or null at NotRegistered.</summary>
    public DateOnly? CurrentStepDate { get; init; }

    /// <summary>Kind of invoice, once known.</summary>
    public EInvoiceKind? Kind { get; init; }

    /// <summary>Provider, once known.</summary>
    public Guid? ProviderId { get; init; }

    /// <summary>Provider name, once known.</summary>
    public string? ProviderName { get; init; }
}

/// <summary>An enterprise's e-invoice adoption with its dated steps, oldest first.</summary>
public sealed record EInvoiceAdoptionDto : EInvoiceAdoptionListItemDto
{
    /// <summary>The recorded steps, in the order they happened.</summary>
    public IReadOnlyList<EInvoiceStepRecordDto> Steps { get; init; } = [];

    /// <summary>Invoices issued per month, newest month first.</summary>
    public IReadOnlyList<EInvoiceMonthlyCountDto> MonthlyCounts { get; init; } = [];
}

/// <summary>How many e-invoices an enterprise issued in one month.</summary>
/// <param name="Month">The month, <c>yyyy-MM</c> (Vietnam calendar).</param>
/// <param name="Count">Invoices issued, 0 or more.</param>
/// <param name="Source">Where the office learned it: an officer, a tax-office file, or the enterprise.</param>
/// <param name="Note">Free note, or null.</param>
/// <param name="RecordedAt">When it was last recorded (UTC).</param>
/// <param name="RecordedBy">The user who last recorded it, or null (seed, import).</param>
public sealed record EInvoiceMonthlyCountDto(string Month, int Count, EInvoiceStepSource Source, string? Note, DateTimeOffset RecordedAt,
    Guid? RecordedBy);

/// <summary>Input to record (or replace) one month's invoice count.</summary>
public sealed record SaveEInvoiceMonthlyCountDto
{
    /// <summary>The month, <c>yyyy-MM</c>. Required; not after the current month (Vietnam time), not before 2000-01.</summary>
    public string? Month { get; init; }

    /// <summary>Invoices issued in the month. Required; 0 to 10,000,000.</summary>
    public int? Count { get; init; }

    /// <summary>Where the office learned it; defaults to Officer.</summary>
    public EInvoiceStepSource? Source { get; init; }

    /// <summary>Note, up to 500 characters.</summary>
    public string? Note { get; init; }
}

/// <summary>What recording a monthly count did.</summary>
/// <param name="MonthlyCount">The stored count.</param>
/// <param name="Created">True when the month was new; false when an earlier count for the month was replaced.</param>
/// <param name="PreviousCount">The replaced count, or null when the month was new.</param>
public sealed record SaveEInvoiceMonthlyCountResultDto(EInvoiceMonthlyCountDto MonthlyCount, bool Created, int? PreviousCount);

/// <summary>Input to record an adoption step.</summary>
public sealed record RecordEInvoiceStepDto
{
    /// <summary>The step reached. Required; not NotRegistered.</summary>
    public EInvoiceStep? Step { get; init; }

    /// <summary>When it happened. Required; not in the future (Vietnam date) and not before the current step's date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Where the office learned it; defaults to Officer.</summary>
    public EInvoiceStepSource? Source { get; init; }

    /// <summary>Note, up to 500 characters.</summary>
    public string? Note { get; init; }

    /// <summary>Sets the invoice kind when given.</summary>
    public EInvoiceKind? Kind { get; init; }

    /// <summary>Sets the provider when given; must be a known provider.</summary>
    public Guid? ProviderId { get; init; }
}

/// <summary>Adoption list filter and paging.</summary>
public sealed record EInvoiceAdoptionListFilterDto : PagedRequestDto
{
    /// <summary>Only enterprises currently at this step.</summary>
    public EInvoiceStep? Step { get; init; }
}

/// <summary>The provider list.</summary>
public interface IEInvoiceProviderAppService
{
    /// <summary>Providers by name; inactive ones only when <paramref name="includeInactive"/>.</summary>
    Task<IReadOnlyList<EInvoiceProviderDto>> GetListAsync(bool includeInactive = false, CancellationToken cancellationToken = default);
}

/// <summary>E-invoice adoption of enterprises: a sequence of dated facts per enterprise.</summary>
public interface IEInvoiceAdoptionAppService
{
    /// <summary>A page of adoption records (of enterprises not deleted), by current step, then newest step date.</summary>
    /// <exception cref="Errors.InputValidationException">Bad paging or step (400).</exception>
    Task<PagedResultDto<EInvoiceAdoptionListItemDto>> GetListAsync(EInvoiceAdoptionListFilterDto filter, CancellationToken cancellationToken = default);

    /// <summary>One enterprise's adoption; an enterprise without a record yet is NotRegistered and not tracked.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown or deleted enterprise (404).</exception>
    Task<EInvoiceAdoptionDto> GetAsync(Guid enterpriseId, CancellationToken cancellationToken = default);

    /// <summary>Records the next step (creating the adoption record on the first one).</summary>
    /// <exception cref="Errors.InputValidationException">Missing or bad fields, future date, unknown provider (400); nothing is stored.</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown or deleted enterprise (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="EInvoicingErrorCodes.StepOutOfOrder"/> (409); nothing is stored.</exception>
    Task<EInvoiceAdoptionDto> RecordStepAsync(Guid enterpriseId, RecordEInvoiceStepDto input, CancellationToken cancellationToken = default);

    /// <summary>One enterprise's monthly invoice counts, newest month first.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown or deleted enterprise (404).</exception>
    Task<IReadOnlyList<EInvoiceMonthlyCountDto>> GetMonthlyCountsAsync(Guid enterpriseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one month's invoice count, replacing the count already recorded for that month (one per month; the audit log
    /// keeps the replaced value with who and when).
    /// </summary>
    /// <exception cref="Errors.InputValidationException">Malformed or future month, missing or negative count, bad source, long note (400); nothing is stored.</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown or deleted enterprise (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="EInvoicingErrorCodes.NoFirstInvoice"/> when no first invoice issued step is recorded,
    /// <see cref="EInvoicingErrorCodes.MonthBeforeFirstInvoice"/> for a month before that step's month (409); nothing is stored.</exception>
    Task<SaveEInvoiceMonthlyCountResultDto> SaveMonthlyCountAsync(Guid enterpriseId, SaveEInvoiceMonthlyCountDto input,
        CancellationToken cancellationToken = default);
}
