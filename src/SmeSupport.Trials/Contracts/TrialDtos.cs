using SmeSupport.Application;

namespace SmeSupport.Trials.Contracts;

/// <summary>What a catalogue platform does (the SMEdx platform groups; DOMAIN.md "Digital platforms and maturity").</summary>
public enum PlatformCategory
{
    /// <summary>E-invoicing (Decree 123/2020/NĐ-CP).</summary>
    EInvoice = 0,

    /// <summary>Electronic contracts.</summary>
    EContract = 1,

    /// <summary>Digital signature / certification authority.</summary>
    DigitalSignature = 2,

    /// <summary>Accounting.</summary>
    Accounting = 3,

    /// <summary>Human resources and payroll.</summary>
    HR = 4,

    /// <summary>Sales management and customer relationships.</summary>
    SalesCrm = 5,

    /// <summary>E-commerce storefronts and marketplaces.</summary>
    ECommerce = 6,

    /// <summary>Anything else.</summary>
    Other = 99,
}

/// <summary>The programme under which a platform is offered for trial.</summary>
public enum TrialProgramme
{
    /// <summary>SMEdx, the national programme letting SMEs try "Make in Vietnam" platforms (since 29 Jan 2021).</summary>
    SMEdx = 0,

    /// <summary>The province's cooperation with a telecom group (Viettel, 2023–2025).</summary>
    ProvinceTelecomCooperation = 1,

    /// <summary>Other arrangements.</summary>
    Other = 99,
}

/// <summary>How a completed trial ended.</summary>
public enum TrialOutcome
{
    /// <summary>The enterprise kept using the platform (paid or free plan).</summary>
    Adopted = 0,

    /// <summary>The enterprise did not adopt the platform; a reason is required.</summary>
    NotAdopted = 1,
}

/// <summary>Error codes of the Trials module (Problem Details <c>code</c>).</summary>
public static class TrialsErrorCodes
{
    /// <summary>The enterprise already has a Planned or Active trial of this platform (409).</summary>
    public const string DuplicateActiveTrial = "SmeSupport:Trials:DuplicateActiveTrial";

    /// <summary>The trial lifecycle (Planned → Active → Completed, Planned/Active → Cancelled) does not allow this change (409).</summary>
    public const string InvalidTransition = "SmeSupport:Trials:InvalidTransition";

    /// <summary>Another platform in the catalogue already has this name (409).</summary>
    public const string DuplicatePlatformName = "SmeSupport:Trials:DuplicatePlatformName";

    /// <summary>Check-ins and feedback need a trial that has started and was not cancelled (Active or Completed) (409).</summary>
    public const string TrialNotRunning = "SmeSupport:Trials:TrialNotRunning";

    /// <summary>
    /// The trial's enterprise was deleted (soft delete): staff may no longer start it, complete it or record check-ins (409; cancelling stays
    /// allowed, to tidy up). The enterprise's own portal users get 404 instead, as for any trial not theirs.
    /// </summary>
    public const string EnterpriseDeleted = "SmeSupport:Trials:EnterpriseDeleted";
}

/// <summary>A platform of the catalogue.</summary>
public sealed record PlatformDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>Product name, e.g. "MISA AMIS Kế toán" (unique).</summary>
    public string Name { get; init; } = "";

    /// <summary>The company offering it, e.g. "MISA".</summary>
    public string Provider { get; init; } = "";

    /// <summary>Category.</summary>
    public PlatformCategory Category { get; init; }

    /// <summary>Programme it is offered under.</summary>
    public TrialProgramme Programme { get; init; }

    /// <summary>Short description, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Length of a trial when none is given, in days (1–365).</summary>
    public int DefaultTrialDays { get; init; }

    /// <summary>Indicative list price of the paid plan after the trial, VND per year (0 = free plan).</summary>
    public decimal PriceAfterTrialVnd { get; init; }

    /// <summary>False once withdrawn from the catalogue: no new trials can be planned on it.</summary>
    public bool IsActive { get; init; }
}

/// <summary>A platform trial as the API returns it.</summary>
public sealed record TrialDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>The enterprise trying the platform.</summary>
    public Guid EnterpriseId { get; init; }

    /// <summary>Enterprise name (from the Enterprises module), or null when the enterprise was deleted.</summary>
    public string? EnterpriseName { get; init; }

    /// <summary>The platform.</summary>
    public Guid PlatformId { get; init; }

    /// <summary>Platform name.</summary>
    public string PlatformName { get; init; } = "";

    /// <summary>Platform provider.</summary>
    public string PlatformProvider { get; init; } = "";

    /// <summary>The officer following the trial (Identity user id), or null.</summary>
    public Guid? AssignedOfficerId { get; init; }

    /// <summary>First day of the trial (planned), Vietnam date.</summary>
    public DateOnly StartDate { get; init; }

    /// <summary>Last day of the trial (planned), Vietnam date; never before <see cref="StartDate"/>.</summary>
    public DateOnly EndDate { get; init; }

    /// <summary>Lifecycle status.</summary>
    public TrialStatus Status { get; init; }

    /// <summary>Outcome, once Completed.</summary>
    public TrialOutcome? Outcome { get; init; }

    /// <summary>Why (required for NotAdopted), once Completed.</summary>
    public string? OutcomeReason { get; init; }

    /// <summary>Why it was cancelled, if given.</summary>
    public string? CancellationReason { get; init; }

    /// <summary>When it was started (UTC).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it was completed (UTC).</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When it was cancelled (UTC).</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>When the record was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the nightly job found the trial past its end date with no outcome (UTC); null when never flagged.</summary>
    public DateTimeOffset? OverdueFlaggedAt { get; init; }
}

/// <summary>Input to plan a trial (it starts in status Planned).</summary>
public sealed record CreateTrialDto
{
    /// <summary>The enterprise. Required; must exist (400 otherwise).</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary>The platform. Required; must exist and be active (400 otherwise).</summary>
    public Guid? PlatformId { get; init; }

    /// <summary>The officer following the trial (Identity user id), or null.</summary>
    public Guid? AssignedOfficerId { get; init; }

    /// <summary>First day. Required.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Last day; not before <see cref="StartDate"/>. Defaults to start + the platform's default trial length − 1 day.</summary>
    public DateOnly? EndDate { get; init; }
}

/// <summary>Input to complete an Active trial.</summary>
public sealed record CompleteTrialDto
{
    /// <summary>Outcome. Required.</summary>
    public TrialOutcome? Outcome { get; init; }

    /// <summary>Why; required when NotAdopted; up to 1,000 characters.</summary>
    public string? Reason { get; init; }
}

/// <summary>Input to cancel a Planned or Active trial.</summary>
public sealed record CancelTrialDto
{
    /// <summary>Why, up to 1,000 characters; optional.</summary>
    public string? Reason { get; init; }
}

/// <summary>Trial list filter and paging.</summary>
public sealed record TrialListFilterDto : PagedRequestDto
{
    /// <summary>Only this enterprise's trials.</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary>Only trials in this status.</summary>
    public TrialStatus? Status { get; init; }

    /// <summary>Only trials of this platform.</summary>
    public Guid? PlatformId { get; init; }

    /// <summary>True: only trials flagged overdue (past the end date, no outcome) and still Planned or Active.</summary>
    public bool? Overdue { get; init; }

    /// <summary>Only trials followed by this officer (Identity user id).</summary>
    public Guid? AssignedOfficerId { get; init; }

    /// <summary>Only Planned or Active trials ending from today to today + this many days (Vietnam dates), 0–365.</summary>
    public int? EndingWithinDays { get; init; }
}

/// <summary>The platform catalogue.</summary>
public interface IPlatformAppService
{
    /// <summary>Platforms ordered by category then name; inactive ones only when <paramref name="includeInactive"/>.</summary>
    Task<IReadOnlyList<PlatformDto>> GetListAsync(bool includeInactive = false, CancellationToken cancellationToken = default);

    /// <summary>One platform (active or not).</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    Task<PlatformDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Adds a platform to the catalogue.</summary>
    /// <exception cref="Errors.InputValidationException">Missing or bad fields (400); nothing is stored.</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.DuplicatePlatformName"/> (409).</exception>
    Task<PlatformDto> CreateAsync(SavePlatformDto input, CancellationToken cancellationToken = default);

    /// <summary>Replaces a platform's fields (a null <see cref="SavePlatformDto.IsActive"/> keeps the current value).</summary>
    /// <exception cref="Errors.InputValidationException">Missing or bad fields (400); nothing is changed.</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.DuplicatePlatformName"/> (409).</exception>
    Task<PlatformDto> UpdateAsync(Guid id, SavePlatformDto input, CancellationToken cancellationToken = default);
}

/// <summary>Platform trials: plan, list, and move through the lifecycle.</summary>
public interface ITrialAppService
{
    /// <summary>A page of trials, newest start date first; trials of deleted enterprises are left out.</summary>
    /// <exception cref="Errors.InputValidationException">Page or page size out of range (400).</exception>
    Task<PagedResultDto<TrialDto>> GetListAsync(TrialListFilterDto filter, CancellationToken cancellationToken = default);

    /// <summary>One trial.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    Task<TrialDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Plans a trial (status Planned).</summary>
    /// <exception cref="Errors.InputValidationException">Missing/unknown enterprise or platform, inactive platform, end before start (400); nothing is stored.</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.DuplicateActiveTrial"/> (409): a Planned or Active trial of the platform exists for the enterprise.</exception>
    Task<TrialDto> CreateAsync(CreateTrialDto input, CancellationToken cancellationToken = default);

    /// <summary>Planned → Active.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.InvalidTransition"/> or <see cref="TrialsErrorCodes.EnterpriseDeleted"/> (409).</exception>
    Task<TrialDto> StartAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Active → Completed with an outcome.</summary>
    /// <exception cref="Errors.InputValidationException">Missing outcome, NotAdopted without reason, reason too long (400).</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.InvalidTransition"/> or <see cref="TrialsErrorCodes.EnterpriseDeleted"/> (409).</exception>
    Task<TrialDto> CompleteAsync(Guid id, CompleteTrialDto input, CancellationToken cancellationToken = default);

    /// <summary>Planned or Active → Cancelled.</summary>
    /// <exception cref="Errors.InputValidationException">Reason too long (400).</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.InvalidTransition"/> (409); allowed for a deleted enterprise's trial.</exception>
    Task<TrialDto> CancelAsync(Guid id, CancelTrialDto input, CancellationToken cancellationToken = default);

    /// <summary>One trial with its check-ins and feedback.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    Task<TrialDetailsDto> GetDetailsAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Adds a check-in (source Officer).</summary>
    /// <exception cref="Errors.InputValidationException">Missing fields, satisfaction outside 1–5, date outside the trial or in the future (400); nothing is stored.</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.TrialNotRunning"/>: Planned or Cancelled; <see cref="TrialsErrorCodes.EnterpriseDeleted"/> (409).</exception>
    Task<TrialCheckInDto> AddCheckInAsync(Guid id, CreateTrialCheckInDto input, CancellationToken cancellationToken = default);

    /// <summary>Assigns one platform to many enterprises in one action (all planned trials are stored together, or none).</summary>
    /// <exception cref="Errors.InputValidationException">Unknown/inactive platform, neither or both of tax codes and selection, empty or over 5,000 codes, dates outside 2000-01-01..2100-12-31 (also the computed end), end before start (400).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.DuplicateActiveTrial"/> when a concurrent request planned one of them first (409); nothing is stored.</exception>
    Task<BulkAssignResultDto> BulkAssignAsync(BulkAssignTrialsDto input, CancellationToken cancellationToken = default);

    /// <summary>Open (Planned or Active) trials whose end date falls from today to today + <paramref name="days"/> (Vietnam dates), soonest first.</summary>
    /// <exception cref="Errors.InputValidationException"><paramref name="days"/> outside 0–365 (400).</exception>
    Task<IReadOnlyList<TrialDto>> GetEndingAsync(int days, CancellationToken cancellationToken = default);

    /// <summary>Figures per platform and per category.</summary>
    Task<TrialFiguresDto> GetFiguresAsync(CancellationToken cancellationToken = default);
}
