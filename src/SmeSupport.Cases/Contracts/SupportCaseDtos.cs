using SmeSupport.Application;

namespace SmeSupport.Cases.Contracts;

/// <summary>What a support case is about.</summary>
public enum CaseType
{
    /// <summary>Advice on digital transformation.</summary>
    Consultation = 0,

    /// <summary>A training request.</summary>
    Training = 1,

    /// <summary>Something does not work.</summary>
    TechnicalProblem = 2,

    /// <summary>Help getting started on a trial platform.</summary>
    PlatformOnboarding = 3,

    /// <summary>Help with e-invoice registration or issuing (Decree 123/2020/NĐ-CP).</summary>
    EInvoiceHelp = 4,

    /// <summary>Anything else.</summary>
    Other = 99,
}

/// <summary>How the request reached the office.</summary>
public enum CaseChannel
{
    /// <summary>The enterprise portal.</summary>
    Portal = 0,

    /// <summary>A phone call.</summary>
    Phone = 1,

    /// <summary>An e-mail.</summary>
    Email = 2,

    /// <summary>A visit (including the community digital-technology teams' door-to-door visits).</summary>
    Visit = 3,
}

/// <summary>Priority of a case.</summary>
public enum CasePriority
{
    /// <summary>Low.</summary>
    Low = 0,

    /// <summary>Normal (default).</summary>
    Normal = 1,

    /// <summary>High.</summary>
    High = 2,

    /// <summary>Urgent.</summary>
    Urgent = 3,
}

/// <summary>Error codes of the Cases module (Problem Details <c>code</c>).</summary>
public static class CasesErrorCodes
{
    /// <summary>The case workflow does not allow this change of status (409).</summary>
    public const string InvalidTransition = "SmeSupport:Cases:InvalidTransition";

    /// <summary>A reply, note or attachment to a closed case (409).</summary>
    public const string CaseClosed = "SmeSupport:Cases:CaseClosed";

    /// <summary>No officer covers the enterprise's commune, so automatic assignment found nobody (409).</summary>
    public const string NoCoveringOfficer = "SmeSupport:Cases:NoCoveringOfficer";

    /// <summary>An attachment over <c>Cases:MaxAttachmentBytes</c> (413).</summary>
    public const string AttachmentTooLarge = "SmeSupport:Cases:AttachmentTooLarge";

    /// <summary>An attachment of a type not in <c>Cases:AllowedAttachmentTypes</c>, or whose content does not match its type (415).</summary>
    public const string AttachmentTypeNotAllowed = "SmeSupport:Cases:AttachmentTypeNotAllowed";

    /// <summary>The case is not resolved (or closed), so it cannot be rated yet; or it was already rated (409).</summary>
    public const string CannotRate = "SmeSupport:Cases:CannotRate";

    /// <summary>A public-holiday entry for that date already exists (409).</summary>
    public const string DuplicateHoliday = "SmeSupport:Cases:DuplicateHoliday";

    /// <summary>Someone else changed the same case at the same moment; nothing of this request was saved (409).</summary>
    public const string ConcurrentChange = "SmeSupport:Cases:ConcurrentChange";

    /// <summary>A visit update would remove an enterprise that has a follow-up case from the visit (409): the visit keeps it.</summary>
    public const string VisitEnterpriseHasFollowUp = "SmeSupport:Cases:VisitEnterpriseHasFollowUp";

    /// <summary>The visit already has a follow-up case for this enterprise that is not resolved or closed (409); the existing case id is in <c>caseId</c>.</summary>
    public const string FollowUpAlreadyOpen = "SmeSupport:Cases:FollowUpAlreadyOpen";
}

/// <summary>A support case as the API returns it.</summary>
public sealed record SupportCaseDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>The enterprise asking for support.</summary>
    public Guid EnterpriseId { get; init; }

    /// <summary>Enterprise name, or null when the enterprise was deleted.</summary>
    public string? EnterpriseName { get; init; }

    /// <summary>The enterprise's contact person who raised it, or null.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>Subject, 1–200 characters.</summary>
    public string Subject { get; init; } = "";

    /// <summary>Description, up to 4,000 characters, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Type.</summary>
    public CaseType Type { get; init; }

    /// <summary>Channel.</summary>
    public CaseChannel Channel { get; init; }

    /// <summary>Priority.</summary>
    public CasePriority Priority { get; init; }

    /// <summary>The officer working it (Identity user id), or null.</summary>
    public Guid? AssigneeId { get; init; }

    /// <summary>Status.</summary>
    public CaseStatus Status { get; init; }

    /// <summary>When the case was opened (UTC).</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>When it was last resolved (UTC), or null.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>When it was closed (UTC), or null.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When staff first answered the enterprise (first public reply, or the resolution) (UTC), or null.</summary>
    public DateTimeOffset? FirstRespondedAt { get; init; }

    /// <summary>How many times the case was reopened.</summary>
    public int ReopenCount { get; init; }

    /// <summary>The enterprise's rating of the resolution, 1–5, or null.</summary>
    public int? Rating { get; init; }

    /// <summary>The enterprise's comment with its rating (up to 1,000 characters, line breaks kept), or null.</summary>
    public string? RatingComment { get; init; }

    /// <summary>The community visit this case follows up, or null.</summary>
    public Guid? CommunityVisitId { get; init; }

    /// <summary>Service-level targets, due times and remaining working time (null only in lists that skip it).</summary>
    public CaseServiceLevelDto? ServiceLevel { get; init; }
}

/// <summary>Input to open a support case.</summary>
public sealed record CreateSupportCaseDto
{
    /// <summary>The enterprise. Required; must exist.</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary>A contact of that enterprise (one the enterprise register can reach by e-mail), or null.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>Subject, 1–200 characters. Required.</summary>
    public string? Subject { get; init; }

    /// <summary>Description, up to 4,000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Type. Required.</summary>
    public CaseType? Type { get; init; }

    /// <summary>Channel. Required.</summary>
    public CaseChannel? Channel { get; init; }

    /// <summary>Priority; defaults to Normal.</summary>
    public CasePriority? Priority { get; init; }

    /// <summary>Officer to assign (Identity user id); when given the case opens as Assigned, otherwise New.</summary>
    public Guid? AssigneeId { get; init; }
}

/// <summary>Case list filter and paging.</summary>
public sealed record SupportCaseListFilterDto : PagedRequestDto
{
    /// <summary>Only cases in this status.</summary>
    public CaseStatus? Status { get; init; }

    /// <summary>Only this enterprise's cases.</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary>Only cases of this type.</summary>
    public CaseType? Type { get; init; }

    /// <summary>Only cases of this priority.</summary>
    public CasePriority? Priority { get; init; }

    /// <summary>Only cases assigned to this officer.</summary>
    public Guid? AssigneeId { get; init; }

    /// <summary>True: only open cases past a service-level target (first response missing past its due time, or resolution target exceeded), now.</summary>
    public bool? Overdue { get; init; }

    /// <summary>Only cases of enterprises in this commune/ward (current code).</summary>
    public int? WardCode { get; init; }

    /// <summary>Only follow-ups of this community visit.</summary>
    public Guid? CommunityVisitId { get; init; }
}

/// <summary>Support cases: open, list, read.</summary>
public interface ISupportCaseAppService
{
    /// <summary>A page of cases, most recently opened first.</summary>
    /// <exception cref="Errors.InputValidationException">Bad paging or status (400).</exception>
    Task<PagedResultDto<SupportCaseDto>> GetListAsync(SupportCaseListFilterDto filter, CancellationToken cancellationToken = default);

    /// <summary>One case.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id (404).</exception>
    Task<SupportCaseDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Opens a case (New, or Assigned when an assignee is given).</summary>
    /// <exception cref="Errors.InputValidationException">Field errors, unknown enterprise, contact not of that enterprise, unknown assignee (400); nothing is stored.</exception>
    Task<SupportCaseDto> CreateAsync(CreateSupportCaseDto input, CancellationToken cancellationToken = default);

    /// <summary>Assigns the case to an officer, or (when <see cref="AssignCaseDto.Auto"/>) to the least-loaded officer covering the enterprise's commune.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown case (404).</exception>
    /// <exception cref="Errors.InputValidationException">Unknown assignee, or neither/both of assignee and auto (400).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="CasesErrorCodes.InvalidTransition"/> (Resolved or Closed), <see cref="CasesErrorCodes.NoCoveringOfficer"/> (409).</exception>
    Task<SupportCaseDto> AssignAsync(Guid id, AssignCaseDto input, CancellationToken cancellationToken = default);

    /// <summary>Applies a workflow step (start, wait, resume, resolve, close, reopen).</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown case (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="CasesErrorCodes.InvalidTransition"/> when the workflow does not allow it from the current status, or a reopen after <c>Cases:ReopenWindowDays</c> (409); nothing changes.</exception>
    Task<SupportCaseDto> ApplyAsync(Guid id, CaseAction action, CancellationToken cancellationToken = default);
}

/// <summary>A workflow step an officer applies to a case.</summary>
public enum CaseAction
{
    /// <summary>Assigned → InProgress.</summary>
    Start = 0,

    /// <summary>InProgress → WaitingForEnterprise (the service-level clock pauses).</summary>
    WaitForEnterprise = 1,

    /// <summary>WaitingForEnterprise → InProgress (the clock runs again).</summary>
    Resume = 2,

    /// <summary>InProgress or WaitingForEnterprise → Resolved (the clock stops).</summary>
    Resolve = 3,

    /// <summary>Resolved → Closed (final).</summary>
    Close = 4,

    /// <summary>Resolved → InProgress, within <c>Cases:ReopenWindowDays</c> days of the resolution; the resolution clock resumes where it stopped.</summary>
    Reopen = 5,
}

/// <summary>Input to assign a case: either an assignee or <c>auto: true</c>.</summary>
public sealed record AssignCaseDto
{
    /// <summary>The officer (Identity user id holding <see cref="CasesPermissions.Manage"/>).</summary>
    public Guid? AssigneeId { get; init; }

    /// <summary>True: the least-loaded officer (fewest cases not yet resolved) who covers the enterprise's commune; ties go to the lowest e-mail.</summary>
    public bool? Auto { get; init; }
}
