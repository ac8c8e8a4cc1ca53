namespace SmeSupport.Cases.Contracts;

/// <summary>
/// A case's service level, counted in working time: Monday–Friday 07:30–11:30 and 13:30–17:00 Asia/Ho_Chi_Minh,
/// minus the public holidays of the holiday calendar (Labour Code 45/2019/QH14, Art. 112). The resolution clock is
/// paused while the case waits for the enterprise and while it is resolved (a reopened case continues where it stopped);
/// the first-response clock runs from opening to the first public reply (or the resolution).
/// Minutes are working minutes; negative remaining minutes mean the target is overdue by that much.
/// </summary>
public sealed record CaseServiceLevelDto
{
    /// <summary>First-response target, working minutes (per priority, <c>Cases:ServiceLevels:{Priority}:FirstResponseMinutes</c>).</summary>
    public int FirstResponseTargetMinutes { get; init; }

    /// <summary>When the first response is due (UTC).</summary>
    public DateTimeOffset FirstResponseDueAt { get; init; }

    /// <summary>Whole working minutes left to the first-response target, at the first response if there was one, else now; negative when overdue.</summary>
    public double FirstResponseRemainingMinutes { get; init; }

    /// <summary>True when the first response came (or is still missing) after its due time, weekends and holidays included (now &gt; due).</summary>
    public bool FirstResponseBreached { get; init; }

    /// <summary>Resolution target, working minutes (<c>Cases:ServiceLevels:{Priority}:ResolutionMinutes</c>).</summary>
    public int ResolutionTargetMinutes { get; init; }

    /// <summary>
    /// When the resolution is due (UTC). For a resolved or closed case: when it was (or would have been) due, to compare
    /// with the resolution. Null while waiting for the enterprise before the target was reached (it depends on when the clock resumes).
    /// </summary>
    public DateTimeOffset? ResolutionDueAt { get; init; }

    /// <summary>Whole working minutes left to the resolution target (frozen while paused or resolved); negative when overdue.</summary>
    public double ResolutionRemainingMinutes { get; init; }

    /// <summary>
    /// True when more working time ran than the resolution target, or the clock ran past the due time (a case due at
    /// Friday 17:00 and still open on Saturday is breached though no working time passed since).
    /// </summary>
    public bool ResolutionBreached { get; init; }

    /// <summary>True while the clock is paused waiting for the enterprise (WaitingForEnterprise only; a resolved or closed case is finished, see <see cref="ResolutionMet"/>).</summary>
    public bool IsPaused { get; init; }

    /// <summary>For a resolved or closed case: true when it was resolved within the target (Met), false when not (Missed); null while open.</summary>
    public bool? ResolutionMet { get; init; }
}

/// <summary>What a holiday-calendar entry does to a date.</summary>
public enum HolidayKind
{
    /// <summary>A public holiday of the Labour Code 2019, Art. 112 (New Year, Tết, Hùng Kings, 30/4, 1/5, 2/9 and its adjacent day), or its compensatory day off (Art. 111(3)): not a working day.</summary>
    Holiday = 0,

    /// <summary>A working day given off by a swap the Prime Minister approves for civil servants (the swapped Saturday is a <see cref="WorkingDay"/>).</summary>
    DayOff = 1,

    /// <summary>A Saturday or Sunday worked in exchange for a <see cref="DayOff"/>: a working day.</summary>
    WorkingDay = 2,
}

/// <summary>An entry of the holiday calendar.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Date">The date (Vietnam).</param>
/// <param name="Name">What it is, e.g. "Tết Nguyên Đán (mùng 1)".</param>
/// <param name="Kind">Holiday, day off, or working day.</param>
public sealed record PublicHolidayDto(Guid Id, DateOnly Date, string Name, HolidayKind Kind);

/// <summary>Input to add a holiday-calendar entry.</summary>
public sealed record CreatePublicHolidayDto
{
    /// <summary>Date (yyyy-MM-dd). Required, years 2000–2100.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Name, 1–200 characters. Required.</summary>
    public string? Name { get; init; }

    /// <summary>Kind; defaults to Holiday.</summary>
    public HolidayKind? Kind { get; init; }
}

/// <summary>The holiday calendar the working-time clock uses (kept as data: Tết moves every year).</summary>
public interface IPublicHolidayAppService
{
    /// <summary>The entries of a year, by date.</summary>
    Task<IReadOnlyList<PublicHolidayDto>> GetListAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>Adds an entry. 400 field errors; 409 <see cref="CasesErrorCodes.DuplicateHoliday"/>.</summary>
    Task<PublicHolidayDto> CreateAsync(CreatePublicHolidayDto input, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry. 404 when unknown.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>Who wrote a case message.</summary>
public enum MessageAuthorKind
{
    /// <summary>The office's staff.</summary>
    Staff = 0,

    /// <summary>The enterprise (portal user).</summary>
    Enterprise = 1,
}

/// <summary>A reply or internal note on a case.</summary>
public sealed record CaseMessageDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>The case.</summary>
    public Guid SupportCaseId { get; init; }

    /// <summary>Staff or enterprise.</summary>
    public MessageAuthorKind AuthorKind { get; init; }

    /// <summary>The author (user id), or null.</summary>
    public Guid? AuthorId { get; init; }

    /// <summary>True for an internal note (staff only; never returned to enterprise users or partners).</summary>
    public bool IsInternal { get; init; }

    /// <summary>Text, 1–8,000 characters.</summary>
    public string Body { get; init; } = "";

    /// <summary>When posted (UTC).</summary>
    public DateTimeOffset PostedAt { get; init; }

    /// <summary>For a staff public reply: when it was handed to the e-mail sender for the case's contact (UTC), or null.</summary>
    public DateTimeOffset? EmailedAt { get; init; }

    /// <summary>
    /// For a staff public reply that was not e-mailed: why (no contact on the case, the contact has no e-mail address or
    /// no consent to service messages, the sender refused it). Null when e-mailed, for internal notes, and always for the portal.
    /// </summary>
    public string? EmailNote { get; init; }
}

/// <summary>Input to post a reply or note.</summary>
public sealed record PostCaseMessageDto
{
    /// <summary>Text, 1–8,000 characters. Required.</summary>
    public string? Body { get; init; }

    /// <summary>Staff only: true for an internal note. Ignored (always public) on the portal.</summary>
    public bool? IsInternal { get; init; }
}

/// <summary>An attachment's metadata (the bytes are stored outside the database, under <c>Cases:AttachmentsPath</c>).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="SupportCaseId">The case.</param>
/// <param name="FileName">Original file name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="IsInternal">Staff only when true.</param>
/// <param name="UploadedAt">UTC.</param>
public sealed record CaseAttachmentDto(Guid Id, Guid SupportCaseId, string FileName, string ContentType, long Size, bool IsInternal, DateTimeOffset UploadedAt);

/// <summary>A case as the enterprise portal shows it (no assignee, no internal data).</summary>
public sealed record PortalCaseDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>Subject.</summary>
    public string Subject { get; init; } = "";

    /// <summary>Description, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Type.</summary>
    public CaseType Type { get; init; }

    /// <summary>Channel.</summary>
    public CaseChannel Channel { get; init; }

    /// <summary>Status.</summary>
    public CaseStatus Status { get; init; }

    /// <summary>Opened (UTC).</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>Resolved (UTC), or null.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Closed (UTC), or null.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The enterprise's rating, 1–5, or null.</summary>
    public int? Rating { get; init; }
}

/// <summary>Input to open a case from the portal (for the caller's own enterprise).</summary>
public sealed record OpenPortalCaseDto
{
    /// <summary>Subject, 1–200 characters. Required.</summary>
    public string? Subject { get; init; }

    /// <summary>Description, up to 4,000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Type. Required.</summary>
    public CaseType? Type { get; init; }

    /// <summary>
    /// A contact of the caller's enterprise to receive the replies by e-mail; when null, the contact whose e-mail is the
    /// signed-in user's, else the enterprise's first contact (by name) with an e-mail address and service-message consent.
    /// </summary>
    public Guid? ContactId { get; init; }
}

/// <summary>Input to rate a resolution.</summary>
public sealed record RateCaseDto
{
    /// <summary>1 (poor) to 5 (excellent). Required.</summary>
    public int? Rating { get; init; }

    /// <summary>Comment, up to 1,000 characters.</summary>
    public string? Comment { get; init; }
}

/// <summary>The communes (ward codes after 1 July 2025) an officer covers, for automatic assignment.</summary>
/// <param name="OfficerId">The officer (Identity user id).</param>
/// <param name="WardCodes">Commune/ward codes.</param>
public sealed record OfficerCoverageDto(Guid OfficerId, IReadOnlyList<int> WardCodes);

/// <summary>Input to replace an officer's communes.</summary>
public sealed record SetOfficerCoverageDto
{
    /// <summary>Commune/ward codes (positive); an empty list removes the officer's coverage.</summary>
    public IReadOnlyList<int>? WardCodes { get; init; }
}
