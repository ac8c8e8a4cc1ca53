using SmeSupport.Application;

namespace SmeSupport.Cases.Contracts;

/// <summary>
/// What a community digital-technology team talked about on a visit (the provincial programme's themes; free text goes
/// in <see cref="CommunityVisitDto.OtherTopic"/>).
/// </summary>
public enum VisitTopic
{
    /// <summary>Digital signatures.</summary>
    DigitalSignature = 0,

    /// <summary>E-invoices (Decree 123/2020/NĐ-CP).</summary>
    EInvoice = 1,

    /// <summary>Selling online, e-commerce platforms.</summary>
    ECommerce = 2,

    /// <summary>Cashless payments (QR codes, bank transfers).</summary>
    CashlessPayment = 3,

    /// <summary>Online public services (the national public-service portal).</summary>
    OnlinePublicServices = 4,

    /// <summary>VNeID electronic identification.</summary>
    VNeID = 5,

    /// <summary>Digital platforms of the programme (trials).</summary>
    DigitalPlatforms = 6,

    /// <summary>Information safety, scams.</summary>
    CyberSecurity = 7,

    /// <summary>Digital skills for households.</summary>
    DigitalSkills = 8,
}

/// <summary>A member of a visit's team: an officer (user) of the system, or a person named in free text (e.g. a commune team volunteer).</summary>
/// <param name="UserId">The user id when the member is a user of the system, else null.</param>
/// <param name="Name">The user's full name (or e-mail), or the free-text name.</param>
public sealed record VisitTeamMemberDto(Guid? UserId, string Name);

/// <summary>A community visit as the API returns it.</summary>
public sealed record CommunityVisitDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>The day of the visit (Vietnam).</summary>
    public DateOnly VisitDate { get; init; }

    /// <summary>The commune/ward visited (post-1 July 2025 code).</summary>
    public int WardCode { get; init; }

    /// <summary>Its name, or null when the code is no longer known.</summary>
    public string? WardName { get; init; }

    /// <summary>The team: users first, then free-text names.</summary>
    public IReadOnlyList<VisitTeamMemberDto> TeamMembers { get; init; } = [];

    /// <summary>Enterprises visited (ids of the enterprise register).</summary>
    public IReadOnlyList<Guid> EnterpriseIds { get; init; } = [];

    /// <summary>Names of the enterprises visited, by id (deleted enterprises are absent).</summary>
    public IReadOnlyDictionary<Guid, string> EnterpriseNames { get; init; } = new Dictionary<Guid, string>();

    /// <summary>Households visited (count), or null when not counted.</summary>
    public int? HouseholdCount { get; init; }

    /// <summary>Names of households visited (e.g. "Hộ bà Nguyễn Thị Lan"), possibly empty.</summary>
    public IReadOnlyList<string> HouseholdNames { get; init; } = [];

    /// <summary>Topics from the list.</summary>
    public IReadOnlyList<VisitTopic> Topics { get; init; } = [];

    /// <summary>Other topic, free text, or null.</summary>
    public string? OtherTopic { get; init; }

    /// <summary>Notes, or null.</summary>
    public string? Notes { get; init; }

    /// <summary>Ids of the support cases opened as follow-ups of this visit, oldest first.</summary>
    public IReadOnlyList<Guid> FollowUpCaseIds { get; init; } = [];

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Input to record or edit a community visit.</summary>
public sealed record CreateCommunityVisitDto
{
    /// <summary>Day of the visit (yyyy-MM-dd). Required; not in the future (Vietnam time), not before 2025-07-01 (the communes' codes start then).</summary>
    public DateOnly? VisitDate { get; init; }

    /// <summary>Commune/ward code after 1 July 2025. Required; must be a known commune (Enterprises' administrative units).</summary>
    public int? WardCode { get; init; }

    /// <summary>Team members who are users: each must be staff who work cases (Admin or Officer), not an enterprise user or partner (400).</summary>
    public IReadOnlyList<Guid>? MemberUserIds { get; init; }

    /// <summary>Team members named in free text, each 1–200 characters.</summary>
    public IReadOnlyList<string>? MemberNames { get; init; }

    /// <summary>Enterprises visited; each must exist in the register (not deleted). At most 200.</summary>
    public IReadOnlyList<Guid>? EnterpriseIds { get; init; }

    /// <summary>Households visited, 0–10,000, or null.</summary>
    public int? HouseholdCount { get; init; }

    /// <summary>Names of households, each 1–200 characters, at most 200; when <see cref="HouseholdCount"/> is given it must be at least their number.</summary>
    public IReadOnlyList<string>? HouseholdNames { get; init; }

    /// <summary>Topics from the list.</summary>
    public IReadOnlyList<VisitTopic>? Topics { get; init; }

    /// <summary>Other topic, up to 500 characters.</summary>
    public string? OtherTopic { get; init; }

    /// <summary>Notes, up to 4,000 characters.</summary>
    public string? Notes { get; init; }
}

/// <summary>Visit list filter and paging.</summary>
public sealed record CommunityVisitListFilterDto : PagedRequestDto
{
    /// <summary>Only visits in this commune.</summary>
    public int? WardCode { get; init; }

    /// <summary>Only visits on or after this day.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Only visits on or before this day.</summary>
    public DateOnly? To { get; init; }
}

/// <summary>Input to open a follow-up case from a visit (channel Visit, linked to the visit).</summary>
public sealed record CreateFollowUpCaseDto
{
    /// <summary>One of the visit's enterprises. Required.</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary>A contact of that enterprise; when null, the enterprise's first contact (by name) with an e-mail address and service-message consent.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>Subject, 1–200 characters. Required.</summary>
    public string? Subject { get; init; }

    /// <summary>Description, up to 4,000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Type. Required.</summary>
    public CaseType? Type { get; init; }

    /// <summary>Priority; defaults to Normal.</summary>
    public CasePriority? Priority { get; init; }

    /// <summary>Officer to assign, or null.</summary>
    public Guid? AssigneeId { get; init; }
}

/// <summary>Community visits by communes' digital-technology teams, and follow-up cases opened from them.</summary>
public interface ICommunityVisitAppService
{
    /// <summary>A page of visits, most recent first.</summary>
    /// <exception cref="Errors.InputValidationException">Bad paging or dates (400).</exception>
    Task<PagedResultDto<CommunityVisitDto>> GetListAsync(CommunityVisitListFilterDto filter, CancellationToken cancellationToken = default);

    /// <summary>One visit. 404 when unknown.</summary>
    Task<CommunityVisitDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Records a visit. 400 with field errors (future date, unknown commune, unknown enterprise or user, …); nothing is stored.</summary>
    Task<CommunityVisitDto> CreateAsync(CreateCommunityVisitDto input, CancellationToken cancellationToken = default);

    /// <summary>Replaces a visit's data. 400 as for create; 404 when unknown; 409 <see cref="CasesErrorCodes.VisitEnterpriseHasFollowUp"/> when it would remove an enterprise that has a follow-up case from this visit (the visit keeps it; nothing is changed).</summary>
    Task<CommunityVisitDto> UpdateAsync(Guid id, CreateCommunityVisitDto input, CancellationToken cancellationToken = default);

    /// <summary>Deletes a visit (soft delete; its follow-up cases stay). 404 when unknown.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a support case for one of the visit's enterprises, channel Visit, linked to the visit, with an internal note
    /// summing up the visit — in one transaction: on any error nothing is written.
    /// </summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown visit (404).</exception>
    /// <exception cref="Errors.InputValidationException">Field errors, an enterprise not visited, unknown contact or assignee (400).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="CasesErrorCodes.FollowUpAlreadyOpen"/>: the visit already has an open follow-up case for the enterprise (a double submit) (409).</exception>
    Task<SupportCaseDto> CreateFollowUpCaseAsync(Guid id, CreateFollowUpCaseDto input, CancellationToken cancellationToken = default);
}
