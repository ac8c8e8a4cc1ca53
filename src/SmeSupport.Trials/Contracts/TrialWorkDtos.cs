using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Trials.Contracts;

/// <summary>Input to add or edit a catalogue platform (Admin: <see cref="TrialsPermissions.ManageCatalogue"/>).</summary>
public sealed record SavePlatformDto
{
    /// <summary>Product name, 1–150 characters, unique in the catalogue (409 <see cref="TrialsErrorCodes.DuplicatePlatformName"/>).</summary>
    public string? Name { get; init; }

    /// <summary>The company offering it, 1–100 characters.</summary>
    public string? Provider { get; init; }

    /// <summary>Category. Required.</summary>
    public PlatformCategory? Category { get; init; }

    /// <summary>Programme. Required.</summary>
    public TrialProgramme? Programme { get; init; }

    /// <summary>Description, up to 1,000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Default trial length in days, 1–365. Required.</summary>
    public int? DefaultTrialDays { get; init; }

    /// <summary>Indicative price after the trial, VND per year, 0–10,000,000,000 (0 = free plan). Required.</summary>
    public decimal? PriceAfterTrialVnd { get; init; }

    /// <summary>False withdraws the platform (no new trials); defaults to true.</summary>
    public bool? IsActive { get; init; }
}

/// <summary>How much the enterprise used the platform since the last check-in.</summary>
public enum TrialUsageLevel
{
    /// <summary>Not used.</summary>
    None = 0,

    /// <summary>Tried occasionally.</summary>
    Low = 1,

    /// <summary>Used for part of the work.</summary>
    Medium = 2,

    /// <summary>Used in daily work.</summary>
    High = 3,
}

/// <summary>Who recorded a check-in.</summary>
public enum TrialCheckInSource
{
    /// <summary>An officer of the office (call, visit).</summary>
    Officer = 0,

    /// <summary>The enterprise itself, through the portal.</summary>
    Enterprise = 1,
}

/// <summary>A dated check-in during a trial.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="TrialId">The trial.</param>
/// <param name="Date">Vietnam date of the check-in, within the trial's start and end dates.</param>
/// <param name="UsageLevel">Usage since the previous check-in.</param>
/// <param name="Satisfaction">Satisfaction 1 (very unhappy) – 5 (very happy).</param>
/// <param name="Notes">Notes, or null.</param>
/// <param name="Source">Who recorded it.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="RecordedBy">The user who recorded it.</param>
public sealed record TrialCheckInDto(Guid Id, Guid TrialId, DateOnly Date, TrialUsageLevel UsageLevel, int Satisfaction, string? Notes,
    TrialCheckInSource Source, DateTimeOffset RecordedAt, Guid? RecordedBy);

/// <summary>Input to add a check-in.</summary>
public sealed record CreateTrialCheckInDto
{
    /// <summary>Required; within the trial (start ≤ date ≤ end) and not in the future (Vietnam date), else 400.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Required.</summary>
    public TrialUsageLevel? UsageLevel { get; init; }

    /// <summary>Required, 1–5.</summary>
    public int? Satisfaction { get; init; }

    /// <summary>Up to 2,000 characters.</summary>
    public string? Notes { get; init; }
}

/// <summary>The enterprise's feedback on a trial.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="TrialId">The trial.</param>
/// <param name="Rating">Overall rating 1–5.</param>
/// <param name="Comment">Comment, or null.</param>
/// <param name="WouldContinue">Whether the enterprise means to keep the platform after the trial, if said.</param>
/// <param name="SubmittedAt">When it was given (UTC).</param>
/// <param name="SubmittedBy">The user who gave it.</param>
public sealed record TrialFeedbackDto(Guid Id, Guid TrialId, int Rating, string? Comment, bool? WouldContinue, DateTimeOffset SubmittedAt, Guid? SubmittedBy);

/// <summary>Input to give feedback on a trial.</summary>
public sealed record CreateTrialFeedbackDto
{
    /// <summary>Required, 1–5.</summary>
    public int? Rating { get; init; }

    /// <summary>Up to 2,000 characters.</summary>
    public string? Comment { get; init; }

    /// <summary>Whether the enterprise means to keep the platform.</summary>
    public bool? WouldContinue { get; init; }
}

/// <summary>A trial with its check-ins and feedback.</summary>
public sealed record TrialDetailsDto
{
    /// <summary>The trial.</summary>
    public TrialDto Trial { get; init; } = new();

    /// <summary>Check-ins, oldest first.</summary>
    public IReadOnlyList<TrialCheckInDto> CheckIns { get; init; } = [];

    /// <summary>Feedback, oldest first.</summary>
    public IReadOnlyList<TrialFeedbackDto> Feedback { get; init; } = [];
}

/// <summary>Why an enterprise was left out of a bulk assignment.</summary>
public enum BulkAssignSkipReason
{
    /// <summary>The text is not a valid tax code (Circular 86/2024/TT-BTC shapes and check digit).</summary>
    MalformedTaxCode = 0,

    /// <summary>No enterprise in the registry has this tax code.</summary>
    UnknownTaxCode = 1,

    /// <summary>The same enterprise appears earlier in the list.</summary>
    DuplicateInRequest = 2,

    /// <summary>The enterprise already has a Planned or Active trial of the platform.</summary>
    OpenTrialExists = 3,

    /// <summary>The enterprise already completed a trial of the platform.</summary>
    AlreadyTried = 4,
}

/// <summary>
/// Input to assign one platform to many enterprises in one action: either <see cref="TaxCodes"/>, or <see cref="Cohort"/> and/or
/// <see cref="Selection"/> (both given: members of the cohort that also match the selection).
/// </summary>
public sealed record BulkAssignTrialsDto
{
    /// <summary>The platform. Required; must exist and be active.</summary>
    public Guid? PlatformId { get; init; }

    /// <summary>Tax codes as typed (spaces, dots, missing branch dash accepted), 1–5,000; or null when <see cref="Selection"/> is used.</summary>
    public IReadOnlyList<string>? TaxCodes { get; init; }

    /// <summary>A filter over the registry (ward, legal form, size, section, programme status); or null when <see cref="TaxCodes"/> is used.</summary>
    public EnterpriseSelectionDto? Selection { get; init; }

    /// <summary>
    /// A pilot cohort's name (as the Enterprises module keeps it; diacritic- and case-insensitive, whole name), up to 100 characters;
    /// or null. Its members are read through the Enterprises module's contracts. A cohort without members is a field error.
    /// </summary>
    public string? Cohort { get; init; }

    /// <summary>First day of every trial. Required.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Last day; defaults to start + the platform's default length − 1.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>The officer following the trials, or null.</summary>
    public Guid? AssignedOfficerId { get; init; }

    /// <summary>True: report what would happen and store nothing.</summary>
    public bool DryRun { get; init; }
}

/// <summary>An enterprise a bulk assignment planned a trial for.</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="TaxCode">Its canonical tax code.</param>
/// <param name="EnterpriseName">Its name.</param>
/// <param name="TrialId">The new trial (null on a dry run).</param>
public sealed record BulkAssignCreatedDto(Guid EnterpriseId, string TaxCode, string EnterpriseName, Guid? TrialId);

/// <summary>An entry a bulk assignment left out, and why.</summary>
/// <param name="Input">The tax code as given, cut to its first 40 characters and "…" when longer (or the enterprise's code for a selection).</param>
/// <param name="TaxCode">Canonical tax code, when valid.</param>
/// <param name="EnterpriseId">The enterprise, when known.</param>
/// <param name="Reason">Why it was skipped.</param>
/// <param name="Message">A sentence saying why.</param>
public sealed record BulkAssignSkippedDto(string Input, string? TaxCode, Guid? EnterpriseId, BulkAssignSkipReason Reason, string Message);

/// <summary>What a bulk assignment did.</summary>
public sealed record BulkAssignResultDto
{
    /// <summary>The platform.</summary>
    public Guid PlatformId { get; init; }

    /// <summary>True when nothing was stored (dry run).</summary>
    public bool DryRun { get; init; }

    /// <summary>Trials planned.</summary>
    public IReadOnlyList<BulkAssignCreatedDto> Created { get; init; } = [];

    /// <summary>Entries left out, each with its reason.</summary>
    public IReadOnlyList<BulkAssignSkippedDto> Skipped { get; init; } = [];
}

/// <summary>Trial figures of one platform or one category.</summary>
public sealed record TrialFiguresRowDto
{
    /// <summary>The platform (null on category rows).</summary>
    public Guid? PlatformId { get; init; }

    /// <summary>Platform name (null on category rows).</summary>
    public string? PlatformName { get; init; }

    /// <summary>Category.</summary>
    public PlatformCategory Category { get; init; }

    /// <summary>Trials that were started (Active, Completed, or Cancelled after starting).</summary>
    public int Started { get; init; }

    /// <summary>Trials Active now.</summary>
    public int Active { get; init; }

    /// <summary>Trials Completed (with an outcome).</summary>
    public int Completed { get; init; }

    /// <summary>Completed trials with outcome Adopted.</summary>
    public int Adopted { get; init; }

    /// <summary>Adopted ÷ Completed, 0–1; null when none is completed.</summary>
    public double? AdoptedShare { get; init; }

    /// <summary>Median of the days from the trial's start date to adoption (Vietnam date of completion) over adopted trials, never negative; null when none.</summary>
    public double? MedianDaysToAdoption { get; init; }
}

/// <summary>Trial figures per platform and per category (trials of deleted enterprises left out).</summary>
public sealed record TrialFiguresDto
{
    /// <summary>One row per platform that has trials, by category then name.</summary>
    public IReadOnlyList<TrialFiguresRowDto> ByPlatform { get; init; } = [];

    /// <summary>One row per category that has trials.</summary>
    public IReadOnlyList<TrialFiguresRowDto> ByCategory { get; init; } = [];
}

/// <summary>Trials of the signed-in EnterpriseUser's own enterprise (the portal). Another enterprise's trial answers 404.</summary>
public interface ITrialPortalAppService
{
    /// <summary>The enterprise's trials, newest start first.</summary>
    Task<IReadOnlyList<TrialDto>> GetListAsync(CancellationToken cancellationToken = default);

    /// <summary>One own trial with check-ins and feedback.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id or another enterprise's trial (404).</exception>
    Task<TrialDetailsDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Adds a check-in (source Enterprise) to an own trial.</summary>
    /// <exception cref="Errors.InputValidationException">Missing fields, satisfaction outside 1–5, date outside the trial or in the future (400).</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id or another enterprise's trial (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.TrialNotRunning"/> (409).</exception>
    Task<TrialCheckInDto> AddCheckInAsync(Guid id, CreateTrialCheckInDto input, CancellationToken cancellationToken = default);

    /// <summary>Adds feedback to an own trial.</summary>
    /// <exception cref="Errors.InputValidationException">Rating outside 1–5, comment too long (400).</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id or another enterprise's trial (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="TrialsErrorCodes.TrialNotRunning"/> (409).</exception>
    Task<TrialFeedbackDto> AddFeedbackAsync(Guid id, CreateTrialFeedbackDto input, CancellationToken cancellationToken = default);
}
