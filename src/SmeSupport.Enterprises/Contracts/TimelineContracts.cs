namespace SmeSupport.Enterprises.Contracts;

/// <summary>What part of the programme a timeline event comes from.</summary>
public enum TimelineCategory
{
    /// <summary>
    /// A change to the enterprise's own record, its contacts or assessments (from the audit trail), a pilot cohort joined or left, or a
    /// consent granted or withdrawn.
    /// </summary>
    Change = 0,

    /// <summary>The self-registration: submitted, e-mail confirmed, approved or rejected.</summary>
    Registration = 1,

    /// <summary>A platform trial: assigned, started, completed, cancelled, check-ins, feedback.</summary>
    Trial = 2,

    /// <summary>A step of the e-invoice adoption.</summary>
    EInvoice = 3,

    /// <summary>A support case: opened, status changes (resolved, closed, reopened). Internal notes never appear.</summary>
    Case = 4,

    /// <summary>An outreach e-mail to one of the enterprise's contacts.</summary>
    Email = 5,
}

/// <summary>
/// One field of a change: its name, its label and the values before and after as shown to the reader (null when empty), in the
/// request's culture: enum values by name, communes/wards and provinces by name, amounts of money as grouped whole numbers with ₫
/// (5.000.000.000 ₫ in Vietnamese), dates as dates.
/// </summary>
/// <param name="Field">Property name, e.g. <c>Name</c>, <c>Employees</c> (stable; for programs).</param>
/// <param name="Old">Value before, as shown; null for a creation or an empty value.</param>
/// <param name="New">Value after, as shown; null when cleared.</param>
/// <param name="Label">The field's label in the request's culture (e.g. <c>Xã/phường</c>); null when there is none (show <paramref name="Field"/>).</param>
public sealed record TimelineFieldChangeDto(string Field, string? Old, string? New, string? Label = null);

/// <summary>One thing that happened to an enterprise.</summary>
public sealed record EnterpriseTimelineEventDto
{
    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Which part of the programme it comes from.</summary>
    public TimelineCategory Category { get; init; }

    /// <summary>
    /// Stable code of what happened, <c>{Area}.{What}</c>: e.g. <c>Audit.Updated</c>, <c>Consent.Withdrawn</c>,
    /// <c>Cohort.Joined</c>, <c>Cohort.Left</c> (subject: the cohort's name), <c>Registration.Approved</c>, <c>Trial.Assigned</c>, <c>Trial.CheckIn</c>, <c>EInvoice.Step</c>, <c>Case.Opened</c>,
    /// <c>Case.StatusChanged</c>, <c>Email.Sent</c>. The UI shows a localized text per code.
    /// </summary>
    public string Kind { get; init; } = "";

    /// <summary>What it is about, as stored: the entity type of a change (<c>Enterprise</c>, <c>Contact</c>), a platform or case subject, an e-mail subject.</summary>
    public string? Subject { get; init; }

    /// <summary>The new status, step, outcome or purpose as its enum name (e.g. <c>Active</c>, <c>Resolved</c>, <c>Issued</c>), or null.</summary>
    public string? Status { get; init; }

    /// <summary>A short, non-confidential detail (a rejection or cancellation reason, a check-in's usage and satisfaction), or null.</summary>
    public string? Detail { get; init; }

    /// <summary>Who did it: a user id, or null for the system, the enterprise's anonymous registration or an unknown actor.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>Who did it, for display (the user's e-mail or name), when known.</summary>
    public string? ActorName { get; init; }

    /// <summary>For <see cref="TimelineCategory.Change"/>: the fields changed, old → new. Empty otherwise.</summary>
    public IReadOnlyList<TimelineFieldChangeDto> Changes { get; init; } = [];

    /// <summary>Id of the thing concerned (trial, case, contact, outbox message…), for links; null when none.</summary>
    public Guid? ReferenceId { get; init; }
}

/// <summary>What a timeline source is asked for.</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="ContactIds">Ids of all its contacts, deleted ones included (outreach e-mails are addressed to contacts).</param>
/// <param name="MaxEvents">Return at most this many events: the newest ones.</param>
public sealed record EnterpriseTimelineQuery(Guid EnterpriseId, IReadOnlyCollection<Guid> ContactIds, int MaxEvents);

/// <summary>
/// A module's contribution to the enterprise timeline. Each module (Trials, EInvoicing, Cases, Outreach, and Enterprises
/// itself) implements it in its own project over its own tables and registers it in DI as
/// <c>services.AddScoped&lt;IEnterpriseTimelineSource, …&gt;()</c>; the Enterprises timeline service reads every registered
/// source and merges them newest first. A source must leave out anything confidential (e.g. internal case notes).
/// </summary>
public interface IEnterpriseTimelineSource
{
    /// <summary>The newest events (at most <see cref="EnterpriseTimelineQuery.MaxEvents"/>) of the enterprise, in any order.</summary>
    /// <param name="query">Which enterprise and how many events.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<IReadOnlyList<EnterpriseTimelineEventDto>> GetEventsAsync(EnterpriseTimelineQuery query, CancellationToken cancellationToken = default);
}

/// <summary>One page of an enterprise's timeline, newest first.</summary>
/// <param name="Items">The events of this page, newest first (ties broken by category and kind).</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Events per page.</param>
/// <param name="HasMore">True when an older page exists.</param>
public sealed record EnterpriseTimelineDto(IReadOnlyList<EnterpriseTimelineEventDto> Items, int Page, int PageSize, bool HasMore);

/// <summary>The timeline of an enterprise: everything that happened to it, newest first (the page staff open first).</summary>
public interface IEnterpriseTimelineAppService
{
    /// <summary>Largest page size accepted.</summary>
    const int MaxPageSize = 100;

    /// <summary>Largest page number accepted (the timeline is read newest first; older history is in the audit log).</summary>
    const int MaxPage = 50;

    /// <summary>
    /// One page of the timeline of <paramref name="enterpriseId"/>, merged from every registered <see cref="IEnterpriseTimelineSource"/>.
    /// Staff only (<see cref="EnterprisesPermissions.Default"/>); a soft-deleted enterprise's timeline stays readable.
    /// </summary>
    /// <exception cref="SmeSupport.Errors.EntityNotFoundException">Unknown enterprise (404).</exception>
    /// <exception cref="SmeSupport.Errors.InputValidationException">Page below 1 or above <see cref="MaxPage"/>, or page size outside 1–<see cref="MaxPageSize"/> (400).</exception>
    /// <exception cref="SmeSupport.Errors.ForbiddenException">Not staff (403).</exception>
    Task<EnterpriseTimelineDto> GetAsync(Guid enterpriseId, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default);
}

/// <summary>What an <see cref="IEnterpriseActivityProbe"/> is asked: which of these enterprises had anything happen after a moment.</summary>
/// <param name="EnterpriseIds">The enterprises, any number (a probe reads them <see cref="MaxIdsPerQuery"/> at a time).</param>
/// <param name="ContactEnterprises">
/// Every contact of those enterprises, deleted ones included: contact id → enterprise id (for activity addressed to contacts, such as
/// outreach e-mails).
/// </param>
/// <param name="Since">Only what happened strictly after this moment (UTC) counts.</param>
public sealed record EnterpriseActivityQuery(IReadOnlyCollection<Guid> EnterpriseIds, IReadOnlyDictionary<Guid, Guid> ContactEnterprises,
    DateTimeOffset Since)
{
    /// <summary>Most ids one database query of a probe lists (an <c>IN (…)</c> list): larger sets are read in chunks of this size.</summary>
    public const int MaxIdsPerQuery = 500;
}

/// <summary>
/// The batch counterpart of <see cref="IEnterpriseTimelineSource"/>: which of many enterprises have, in this module, an event of their
/// timeline after a given moment, and the latest one's time. Asked, for example, before an import is reverted (an enterprise the import
/// created that has activity since must not be removed). Each module that registers a timeline source implements it over the same
/// events (the same times as its timeline events) and registers it in DI as <c>services.AddScoped&lt;IEnterpriseActivityProbe, …&gt;()</c>;
/// it reads the enterprises in chunks of at most <see cref="EnterpriseActivityQuery.MaxIdsPerQuery"/> ids per query, never one
/// enterprise at a time.
/// </summary>
public interface IEnterpriseActivityProbe
{
    /// <summary>
    /// The enterprises of <paramref name="query"/> that have at least one event after <see cref="EnterpriseActivityQuery.Since"/> in this
    /// module, each with the time of its latest such event; enterprises without one are absent.
    /// </summary>
    /// <param name="query">Which enterprises (and their contacts), and since when.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLatestActivityAsync(EnterpriseActivityQuery query, CancellationToken cancellationToken = default);
}
