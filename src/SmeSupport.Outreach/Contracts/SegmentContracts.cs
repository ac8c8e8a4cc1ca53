using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Contracts;

/// <summary>
/// The rules of a segment, evaluated when each run starts (never stored as a list of contacts). Every rule given narrows
/// the audience (AND); the values of one rule are alternatives (OR). No rule at all: every contact with an address.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record SegmentRulesDto
{
    /// <summary>Cohort names, e.g. "Đợt 1 - 2025".</summary>
    public IReadOnlyList<string>? Cohorts { get; init; }

    /// <summary>Current commune/ward codes.</summary>
    public IReadOnlyList<int>? WardCodes { get; init; }

    /// <summary>Legal forms.</summary>
    public IReadOnlyList<LegalForm>? LegalForms { get; init; }

    /// <summary>Size classes.</summary>
    public IReadOnlyList<EnterpriseSize>? Sizes { get; init; }

    /// <summary>VSIC 2018 section letters A–U.</summary>
    public IReadOnlyList<string>? IndustrySections { get; init; }

    /// <summary>Programme statuses of the enterprise.</summary>
    public IReadOnlyList<ProgrammeStatus>? ProgrammeStatuses { get; init; }

    /// <summary>Current e-invoice adoption steps (an enterprise without a record is NotRegistered).</summary>
    public IReadOnlyList<EInvoiceStep>? EInvoiceSteps { get; init; }

    /// <summary>The enterprise has a trial in one of these statuses (with <see cref="TrialPlatformId"/> and <see cref="TrialEndsWithinDays"/> on the same trial).</summary>
    public IReadOnlyList<TrialStatus>? TrialStatuses { get; init; }

    /// <summary>The enterprise has a trial of this platform.</summary>
    public Guid? TrialPlatformId { get; init; }

    /// <summary>The enterprise has a trial ending from today to today + N days (Asia/Ho_Chi_Minh), 0–366.</summary>
    public int? TrialEndsWithinDays { get; init; }

    /// <summary>
    /// True: only enterprises with a trial past its end date without an outcome (still Planned or Active after its end date,
    /// Asia/Ho_Chi_Minh calendar; of <see cref="TrialPlatformId"/> when given); false: only enterprises without one.
    /// </summary>
    public bool? TrialPastEndWithoutOutcome { get; init; }

    /// <summary>
    /// Only enterprises whose self-registration staff approved in the last N days (1–366): the "welcome" audience.
    /// Enterprises entered by staff or imported never match.
    /// </summary>
    public int? ApprovedWithinDays { get; init; }

    /// <summary>No case opened and no case message for at least N days (1–3,650), or never.</summary>
    public int? NoContactForDays { get; init; }

    /// <summary>True: only enterprises with an open support case; false: only those without one.</summary>
    public bool? HasOpenCase { get; init; }
}

/// <summary>A saved segment.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Rules">Its rules.</param>
/// <param name="CreatedAt">When it was saved (UTC).</param>
public sealed record SegmentDto(Guid Id, string Name, SegmentRulesDto Rules, DateTimeOffset CreatedAt);

/// <summary>Input to save a segment.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateSegmentDto
{
    /// <summary>Unique name, 1–200 characters. Required.</summary>
    public string? Name { get; init; }

    /// <summary>The rules. Required (may be empty: everyone).</summary>
    public SegmentRulesDto? Rules { get; init; }
}

/// <summary>One contact a segment selects (preview sample).</summary>
/// <param name="ContactId">Contact id.</param>
/// <param name="EnterpriseId">Enterprise id.</param>
/// <param name="EnterpriseName">Enterprise name.</param>
/// <param name="ContactName">Contact's full name.</param>
/// <param name="Email">Address.</param>
public sealed record SegmentContactDto(Guid ContactId, Guid EnterpriseId, string EnterpriseName, string ContactName, string Email);

/// <summary>Answer of a segment preview: how many contacts it selects now and the first 20 (by contact id).</summary>
/// <param name="Count">Contacts selected now (before consent and suppression, which depend on the campaign's purpose).</param>
/// <param name="Enterprises">Enterprises they belong to.</param>
/// <param name="Sample">The first 20.</param>
public sealed record SegmentPreviewDto(int Count, int Enterprises, IReadOnlyList<SegmentContactDto> Sample);

/// <summary>Segments: saved audience rules for campaigns.</summary>
public interface ISegmentAppService
{
    /// <summary>All segments by name.</summary>
    Task<IReadOnlyList<SegmentDto>> GetListAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts and samples the contacts the rules select now (nothing stored).</summary>
    /// <exception cref="Errors.InputValidationException">Field errors (rules out of range).</exception>
    Task<SegmentPreviewDto> PreviewAsync(SegmentRulesDto rules, CancellationToken cancellationToken = default);

    /// <summary>Saves a segment.</summary>
    /// <exception cref="Errors.InputValidationException">Field errors.</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.DuplicateSegmentName"/>.</exception>
    Task<SegmentDto> CreateAsync(CreateSegmentDto input, CancellationToken cancellationToken = default);
}
