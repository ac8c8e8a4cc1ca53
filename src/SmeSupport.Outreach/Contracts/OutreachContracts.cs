namespace SmeSupport.Outreach.Contracts;

/// <summary>Permission names of the Outreach module.</summary>
public static class OutreachPermissions
{
    /// <summary>Read campaigns and their figures.</summary>
    public const string Default = "SmeSupport.Outreach";

    /// <summary>Create, schedule and send campaigns.</summary>
    public const string Manage = "SmeSupport.Outreach.Manage";
}

/// <summary>Outreach figures other modules (Reporting) may read.</summary>
public interface IOutreachStatistics
{
    /// <summary>E-mails accepted by the provider (or written to the file outbox) since <paramref name="sinceUtc"/> (all time when null).</summary>
    Task<int> CountSentAsync(DateTimeOffset? sinceUtc = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The delivery figures of every run of every campaign (one grouped query over the outbox; the same counting as
    /// <see cref="ICampaignAppService.GetFiguresAsync"/>), for Reporting to show per campaign and month. No personal data.
    /// </summary>
    Task<IReadOnlyList<CampaignRunSummaryDto>> ListRunFiguresAsync(CancellationToken cancellationToken = default);
}

/// <summary>One run of a campaign with its delivery figures, for Reporting.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="CampaignName">Its name.</param>
/// <param name="Purpose">Its purpose (service or advertising).</param>
/// <param name="RunId">The run.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="Figures">The run's figures (sent, delivered, opened, …).</param>
public sealed record CampaignRunSummaryDto(Guid CampaignId, string CampaignName, CampaignPurpose Purpose, Guid RunId, DateTimeOffset StartedAt,
    OutreachFiguresDto Figures);

/// <summary>Error codes of the Outreach module (Problem Details <c>code</c>).</summary>
public static class OutreachErrorCodes
{
    /// <summary>The campaign cannot be sent in its status, or it was sent already (409). A campaign is sent once.</summary>
    public const string CampaignNotSendable = "SmeSupport:Outreach:CampaignNotSendable";

    /// <summary>Another template has the same name (409).</summary>
    public const string DuplicateTemplateName = "SmeSupport:Outreach:DuplicateTemplateName";

    /// <summary>Another campaign has the same name (409).</summary>
    public const string DuplicateCampaignName = "SmeSupport:Outreach:DuplicateCampaignName";

    /// <summary>The campaign's status does not allow the change asked (pause, resume, cancel) (409).</summary>
    public const string CampaignStatusConflict = "SmeSupport:Outreach:CampaignStatusConflict";

    /// <summary>The SendGrid event webhook's signature is missing, wrong or stale, or no verification key is configured (401).</summary>
    public const string WebhookSignatureInvalid = "SmeSupport:Outreach:WebhookSignatureInvalid";

    /// <summary>The SendGrid event webhook's body is not a JSON array of events (400).</summary>
    public const string WebhookBodyInvalid = "SmeSupport:Outreach:WebhookBodyInvalid";

    /// <summary>The SendGrid event webhook's body is larger than the configured limit (Outreach:Webhook:MaxBodyBytes) (413).</summary>
    public const string WebhookBodyTooLarge = "SmeSupport:Outreach:WebhookBodyTooLarge";

    /// <summary>Another segment has the same name (409).</summary>
    public const string DuplicateSegmentName = "SmeSupport:Outreach:DuplicateSegmentName";

    /// <summary>The unsubscribe token is missing, altered or not ours (400).</summary>
    public const string InvalidUnsubscribeToken = "SmeSupport:Outreach:InvalidUnsubscribeToken";

    /// <summary>
    /// The campaign's schedule cannot be changed (409): it is Completed or Cancelled, or it is a one-off campaign whose
    /// run has started already.
    /// </summary>
    public const string CampaignScheduleLocked = "SmeSupport:Outreach:CampaignScheduleLocked";

    /// <summary>
    /// A manual send whose segment (or programme-status audience) matches nobody today (409): nothing is sent and the campaign
    /// stays as it was. A scheduled occurrence that finds nobody is recorded as a run with 0 recipients instead.
    /// </summary>
    public const string SegmentMatchesNobody = "SmeSupport:Outreach:SegmentMatchesNobody";

    /// <summary>
    /// A manual send whose audience matches contacts of whom none can be addressed (no consent for the purpose, opted out,
    /// or no valid address) (409): nothing is sent and the campaign stays as it was.
    /// </summary>
    public const string NoEligibleRecipients = "SmeSupport:Outreach:NoEligibleRecipients";
}

/// <summary>
/// Why a message is sent. Decree 91/2020/NĐ-CP on spam: advertising e-mail needs the recipient's prior consent, is
/// labelled "[QC]", names the sender and carries an opt-out, and at most 3 go to one address in 24 hours; service
/// messages about a person's own case or trial are not advertising.
/// </summary>
public enum CampaignPurpose
{
    /// <summary>Service message (needs the contact's service consent).</summary>
    Service = 1,

    /// <summary>Advertising / programme promotion (needs advertising consent; "[QC]" label; ≤3 per address per 24 h).</summary>
    Advertising = 2,
}

/// <summary>Lifecycle of a campaign.</summary>
public enum CampaignStatus
{
    /// <summary>Being prepared; a campaign without a schedule (manual) stays here until it is sent.</summary>
    Draft = 0,

    /// <summary>
    /// Due at <see cref="CampaignDto.ScheduledAt"/> (a one-off time or the next cron occurrence): the dispatcher starts
    /// its run then. A manual send makes it Scheduled "now"; a recurring campaign stays Scheduled between occurrences.
    /// </summary>
    Scheduled = 1,

    /// <summary>Held: the dispatcher neither starts it nor sends its pending messages.</summary>
    Paused = 2,

    /// <summary>Its run has finished (every message Sent, Failed, Skipped or Unknown), and a recurring campaign has no occurrence left.</summary>
    Completed = 3,

    /// <summary>Cancelled by staff; never sent.</summary>
    Cancelled = 4,
}

/// <summary>What staff can do to a campaign from its detail page or the API.</summary>
public enum CampaignAction
{
    /// <summary>Start a run now (<c>POST …/send</c>).</summary>
    Send = 0,

    /// <summary>Hold a scheduled campaign (<c>POST …/pause</c>).</summary>
    Pause = 1,

    /// <summary>Release a paused campaign (<c>POST …/resume</c>).</summary>
    Resume = 2,

    /// <summary>Cancel for good (<c>POST …/cancel</c>).</summary>
    Cancel = 3,

    /// <summary>Change the schedule (<c>PUT …/schedule</c>).</summary>
    EditSchedule = 4,
}

/// <summary>
/// The campaign state machine in one place: which <see cref="CampaignAction"/> each <see cref="CampaignStatus"/> allows.
/// The application service refuses anything else with 409 (<see cref="OutreachErrorCodes.CampaignStatusConflict"/>,
/// <see cref="OutreachErrorCodes.CampaignNotSendable"/> for send, <see cref="OutreachErrorCodes.CampaignScheduleLocked"/>
/// for a schedule change), and the detail page shows only the allowed buttons.
/// </summary>
public static class CampaignStateMachine
{
    /// <summary>The occurrence key of the single run of a one-off campaign (see <see cref="CampaignRunFiguresDto.OccurrenceKey"/>).</summary>
    public const string OnceOccurrenceKey = "once";

    /// <summary>
    /// The statuses from which <paramref name="action"/> is allowed: send from Draft or Scheduled; pause from Scheduled;
    /// resume from Paused; cancel and schedule change from Draft, Scheduled or Paused. Completed and Cancelled allow nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined action.</exception>
    public static IReadOnlyList<CampaignStatus> AllowedFrom(CampaignAction action) => action switch
    {
        CampaignAction.Send => [CampaignStatus.Draft, CampaignStatus.Scheduled],
        CampaignAction.Pause => [CampaignStatus.Scheduled],
        CampaignAction.Resume => [CampaignStatus.Paused],
        CampaignAction.Cancel or CampaignAction.EditSchedule => [CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Paused],
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown campaign action."),
    };

    /// <summary>True when a campaign in <paramref name="status"/> allows <paramref name="action"/>.</summary>
    public static bool Allows(CampaignStatus status, CampaignAction action) => AllowedFrom(action).Contains(status);

    /// <summary>
    /// The actions allowed for <paramref name="campaign"/>. A one-off campaign (no cron) whose run has started
    /// (<paramref name="onceSent"/>: one of its runs has the key <see cref="OnceOccurrenceKey"/>) cannot be sent again.
    /// </summary>
    public static IReadOnlyList<CampaignAction> ActionsFor(CampaignDto campaign, bool onceSent = false)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return Enum.GetValues<CampaignAction>()
            .Where(a => Allows(campaign.Status, a))
            .Where(a => !(onceSent && campaign.Cron is null && a == CampaignAction.Send))
            .ToList();
    }
}

/// <summary>Lifecycle of one run (one send of a campaign).</summary>
public enum CampaignRunStatus
{
    /// <summary>Recipients are being snapshotted into the outbox (inside one transaction, so never seen from outside).</summary>
    Preparing = 0,

    /// <summary>Messages are in the outbox and being delivered.</summary>
    Sending = 1,

    /// <summary>No message is Pending or Sending any more.</summary>
    Completed = 2,
}

/// <summary>State of one outbox message (one recipient of one run).</summary>
public enum OutboxMessageStatus
{
    /// <summary>Waiting to be claimed by a dispatcher at or after its next-attempt time.</summary>
    Pending = 0,

    /// <summary>Claimed by one dispatcher (lease owner) and being handed to the provider.</summary>
    Sending = 1,

    /// <summary>Accepted by the provider (SendGrid 202) or written to the file outbox.</summary>
    Sent = 2,

    /// <summary>Refused for good, or out of attempts; see the last error.</summary>
    Failed = 3,

    /// <summary>Never sent: no consent for the purpose, opted out, or the address occurs twice in the run.</summary>
    Skipped = 4,

    /// <summary>
    /// The outcome is unknown: the dispatcher's lease ran out while sending (a crash mid-send) — the provider may have
    /// accepted it. Held for staff review and never re-sent automatically.
    /// </summary>
    Unknown = 5,
}

/// <summary>Message counts of a run or a campaign.</summary>
/// <param name="Total">All outbox rows.</param>
/// <param name="Pending">Waiting (including those deferred by the 3-per-24-hours rule or a retry).</param>
/// <param name="Sending">Claimed right now.</param>
/// <param name="Sent">Accepted by the provider.</param>
/// <param name="Failed">Refused for good.</param>
/// <param name="Skipped">Not sent (no consent, opted out, duplicate address).</param>
/// <param name="Unknown">Held for review (may or may not have been accepted).</param>
public sealed record OutreachCountsDto(int Total, int Pending, int Sending, int Sent, int Failed, int Skipped, int Unknown)
{
    /// <summary>All zero.</summary>
    public static OutreachCountsDto Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>An e-mail template (Scriban syntax, https://github.com/scriban/scriban/blob/master/doc/language.md).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Purpose">What it is for.</param>
/// <param name="SubjectTemplate">Subject template (plain text).</param>
/// <param name="HtmlTemplate">HTML body template; values written by <c>{{ … }}</c> are HTML-escaped.</param>
/// <param name="TextTemplate">Plain-text body template.</param>
/// <param name="SubjectTemplateEn">English subject template, or null without an English variant.</param>
/// <param name="HtmlTemplateEn">English HTML body template, or null.</param>
/// <param name="TextTemplateEn">English plain-text body template, or null.</param>
public sealed record EmailTemplateDto(Guid Id, string Name, CampaignPurpose Purpose, string SubjectTemplate, string HtmlTemplate, string TextTemplate,
    string? SubjectTemplateEn = null, string? HtmlTemplateEn = null, string? TextTemplateEn = null)
{
    /// <summary>True when the template has an English variant (contacts whose language is <c>en</c> get it).</summary>
    public bool HasEnglish => SubjectTemplateEn is not null;
}

/// <summary>
/// Input to create an e-mail template. Templates are Scriban; the placeholders are listed in README ("Outreach
/// templates"): <c>recipient.*</c>/<c>contact.*</c>, <c>enterprise.*</c>, <c>trial.*</c>, <c>einvoice.*</c>,
/// <c>campaign.name</c>, <c>sender.*</c>, <c>unsubscribe_url</c>, <c>language</c>. A template that does not parse, or
/// names another placeholder, answers 400 with the line and column. The Vietnamese variant is required; the English
/// one is optional, but when any English part is given all three are required.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateEmailTemplateDto
{
    /// <summary>Unique name, 1–200 characters. Required.</summary>
    public string? Name { get; init; }

    /// <summary>Purpose. Required.</summary>
    public CampaignPurpose? Purpose { get; init; }

    /// <summary>Subject template, 1–500 characters. Required.</summary>
    public string? SubjectTemplate { get; init; }

    /// <summary>HTML body template, up to 100,000 characters. Required.</summary>
    public string? HtmlTemplate { get; init; }

    /// <summary>Plain-text body template, up to 100,000 characters. Required.</summary>
    public string? TextTemplate { get; init; }

    /// <summary>English subject template, 1–500 characters; null or blank (with the other English parts) for no English variant.</summary>
    public string? SubjectTemplateEn { get; init; }

    /// <summary>English HTML body template, up to 100,000 characters.</summary>
    public string? HtmlTemplateEn { get; init; }

    /// <summary>English plain-text body template, up to 100,000 characters.</summary>
    public string? TextTemplateEn { get; init; }
}

/// <summary>A campaign with its message counts.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Purpose">Service or Advertising.</param>
/// <param name="TemplateId">The template.</param>
/// <param name="AudienceStatuses">
/// Programme statuses of the enterprises whose contacts are addressed, for a campaign without a segment (Pilot when none was
/// given). Empty for a campaign with a <paramref name="SegmentId"/>: the segment's rules choose the audience then, and
/// these statuses do not apply.
/// </param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="ScheduledAt">When it is due (UTC), or null for a manual campaign.</param>
/// <param name="ScheduledAtLocal">The same instant in Vietnam time, <c>dd/MM/yyyy HH:mm</c>, or null.</param>
/// <param name="Counts">Message counts over its runs.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="Cron">Five-field cron expression (Asia/Ho_Chi_Minh) of a recurring campaign, or null.</param>
/// <param name="RecurrenceStartsAt">First instant (UTC) a recurring campaign may fire, or null.</param>
/// <param name="RecurrenceEndsAt">Last instant (UTC) a recurring campaign may fire, or null.</param>
/// <param name="SegmentId">The segment addressed, or null (then <paramref name="AudienceStatuses"/>).</param>
public sealed record CampaignDto(Guid Id, string Name, CampaignPurpose Purpose, Guid TemplateId,
    IReadOnlyList<Enterprises.Contracts.ProgrammeStatus> AudienceStatuses, CampaignStatus Status, DateTimeOffset? ScheduledAt,
    string? ScheduledAtLocal, OutreachCountsDto Counts, DateTimeOffset CreatedAt, string? Cron = null,
    DateTimeOffset? RecurrenceStartsAt = null, DateTimeOffset? RecurrenceEndsAt = null, Guid? SegmentId = null);

/// <summary>Input to create a campaign.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateCampaignDto
{
    /// <summary>Unique name, 1–200 characters. Required.</summary>
    public string? Name { get; init; }

    /// <summary>Purpose; must equal the template's. Required.</summary>
    public CampaignPurpose? Purpose { get; init; }

    /// <summary>An existing template. Required.</summary>
    public Guid? TemplateId { get; init; }

    /// <summary>Programme statuses of the audience's enterprises; null or empty means the pilot enterprises. Ignored with <see cref="SegmentId"/>.</summary>
    public IReadOnlyList<Enterprises.Contracts.ProgrammeStatus>? AudienceStatuses { get; init; }

    /// <summary>A saved segment whose rules select the audience when each run starts; null: <see cref="AudienceStatuses"/>.</summary>
    public Guid? SegmentId { get; init; }

    /// <summary>
    /// Local date and time in Asia/Ho_Chi_Minh (no offset, e.g. <c>2026-12-01T09:00:00</c>) to send once; null means
    /// manual (sent with <c>POST …/send</c>). Must lie in the future. Not with <see cref="Cron"/>.
    /// </summary>
    public DateTime? ScheduledAtLocal { get; init; }

    /// <summary>
    /// Five-field cron expression read in Asia/Ho_Chi_Minh (Cronos syntax, e.g. <c>0 9 * * MON</c> = Mondays 09:00) for a
    /// recurring campaign; needs <see cref="RecurrenceEndLocal"/>. Must fire at least once between the start and the end.
    /// </summary>
    public string? Cron { get; init; }

    /// <summary>Local date and time (Asia/Ho_Chi_Minh) from which the cron may fire; null means now.</summary>
    public DateTime? RecurrenceStartLocal { get; init; }

    /// <summary>Local date and time (Asia/Ho_Chi_Minh) after which the cron no longer fires; required with <see cref="Cron"/>, in the future and after the start.</summary>
    public DateTime? RecurrenceEndLocal { get; init; }
}

/// <summary>
/// Delivery figures of a campaign or a run. Message states come from the outbox; delivered, opened, clicked, bounced,
/// spam reports and unsubscribes from SendGrid's event webhook (each message counted once per kind).
/// </summary>
/// <param name="Recipients">Messages queued for sending (outbox rows not skipped at the snapshot or later).</param>
/// <param name="Sent">Accepted by the provider (SendGrid 202) or written to the file outbox.</param>
/// <param name="Delivered">Reported delivered by SendGrid.</param>
/// <param name="Opened">Reported opened at least once.</param>
/// <param name="Clicked">Reported clicked at least once.</param>
/// <param name="Bounced">Reported bounced or dropped.</param>
/// <param name="SpamReports">Reported as spam.</param>
/// <param name="Unsubscribed">Unsubscribed through SendGrid's link or group unsubscribe.</param>
/// <param name="Suppressed">Not sent: no consent, opted out, suppressed address or duplicate address (Skipped).</param>
/// <param name="Failed">Refused for good.</param>
/// <param name="Held">Outcome unknown, held for staff review.</param>
/// <param name="WaitingForLimit">Pending because the address had 3 advertising e-mails in 24 hours (Decree 91/2020/NĐ-CP).</param>
/// <param name="Pending">Waiting to be sent (including <paramref name="WaitingForLimit"/> and <paramref name="WaitingForQuietHours"/>) or being sent.</param>
/// <param name="WaitingForQuietHours">Pending because they fell due in the configured quiet hours (<c>Outreach:QuietHours</c>); they go after its end.</param>
public sealed record OutreachFiguresDto(int Recipients, int Sent, int Delivered, int Opened, int Clicked, int Bounced, int SpamReports,
    int Unsubscribed, int Suppressed, int Failed, int Held, int WaitingForLimit, int Pending, int WaitingForQuietHours = 0);

/// <summary>
/// A campaign's schedule: once at a local time, recurring by cron between two local times, or neither (manual). Local
/// times are wall-clock times in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), without an offset.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record CampaignScheduleDto
{
    /// <summary>Local date and time to send once (e.g. <c>2026-12-01T09:00:00</c>); must lie in the future. Not with <see cref="Cron"/>.</summary>
    public DateTime? ScheduledAtLocal { get; init; }

    /// <summary>Five-field cron expression read in Asia/Ho_Chi_Minh (e.g. <c>0 9 * * MON</c>); needs <see cref="RecurrenceEndLocal"/> and must fire between the start and the end.</summary>
    public string? Cron { get; init; }

    /// <summary>Local date and time from which the cron may fire; null means now.</summary>
    public DateTime? RecurrenceStartLocal { get; init; }

    /// <summary>Local date and time after which the cron no longer fires; required with <see cref="Cron"/>, in the future and after the start.</summary>
    public DateTime? RecurrenceEndLocal { get; init; }
}

/// <summary>The next occurrences of a schedule (at most the number asked), for display before saving.</summary>
/// <param name="Occurrences">Instants (UTC), ascending; empty for a manual campaign.</param>
/// <param name="OccurrencesLocal">The same instants in Vietnam time, <c>dd/MM/yyyy HH:mm</c>.</param>
public sealed record SchedulePreviewDto(IReadOnlyList<DateTimeOffset> Occurrences, IReadOnlyList<string> OccurrencesLocal);

/// <summary>
/// An address that is never sent to again for a purpose, and why (Decree 91/2020/NĐ-CP: sending stops at once on
/// refusal; bounces, drops and spam reports suppress the address).
/// </summary>
/// <param name="Address">Lower-case address.</param>
/// <param name="Purpose">The purpose suppressed.</param>
/// <param name="Reason"><c>bounce</c>, <c>drop</c>, <c>spam</c> or <c>unsubscribe</c>.</param>
/// <param name="Source">The event that recorded it: <c>one-click</c>, <c>link</c>, or a SendGrid event name (<c>bounce</c>, <c>dropped</c>, <c>spamreport</c>, <c>unsubscribe</c>, <c>group_unsubscribe</c>).</param>
/// <param name="Detail">The provider's reason (a bounce's SMTP answer), when it gave one.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="ContactId">The contact, when known.</param>
public sealed record SuppressionDto(string Address, CampaignPurpose Purpose, string Reason, string Source, string? Detail, DateTimeOffset CreatedAt, Guid? ContactId);

/// <summary>Figures of one run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="OccurrenceKey"><c>once</c>, <c>cron:…</c> or <c>manual:…</c>.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Figures">Its figures.</param>
public sealed record CampaignRunFiguresDto(Guid RunId, string OccurrenceKey, DateTimeOffset StartedAt, CampaignRunStatus Status, OutreachFiguresDto Figures);

/// <summary>Figures of a campaign: the total and each run, newest first.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Total">Over all its runs.</param>
/// <param name="Runs">Per run, newest first.</param>
public sealed record CampaignFiguresDto(Guid CampaignId, OutreachFiguresDto Total, IReadOnlyList<CampaignRunFiguresDto> Runs);

/// <summary>One run of a campaign with its counts.</summary>
/// <param name="Id">Run id.</param>
/// <param name="CampaignId">The campaign.</param>
/// <param name="StartedAt">When it was queued (UTC).</param>
/// <param name="CompletedAt">When it completed (UTC), or null.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Counts">Message counts.</param>
public sealed record CampaignRunDto(Guid Id, Guid CampaignId, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt,
    CampaignRunStatus Status, OutreachCountsDto Counts);

/// <summary>Answer of <c>POST /api/outreach/campaigns/{id}/send</c> (202 Accepted).</summary>
/// <param name="RunId">The run queued.</param>
/// <param name="Recipients">Messages queued (Pending).</param>
/// <param name="Skipped">Audience contacts not addressed (no consent for the purpose, opted out, duplicate address).</param>
public sealed record CampaignSendAcceptedDto(Guid RunId, int Recipients, int Skipped);

/// <summary>Campaign application service (HTTP API and Razor Pages).</summary>
public interface ICampaignAppService
{
    /// <summary>All templates, by name.</summary>
    Task<IReadOnlyList<EmailTemplateDto>> GetTemplatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a template after parsing and trial-rendering it.</summary>
    /// <exception cref="Errors.InputValidationException">Field errors, template errors with line and column; nothing stored.</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.DuplicateTemplateName"/>.</exception>
    Task<EmailTemplateDto> CreateTemplateAsync(CreateEmailTemplateDto input, CancellationToken cancellationToken = default);

    /// <summary>All campaigns, newest first, with their counts.</summary>
    Task<IReadOnlyList<CampaignDto>> GetCampaignsAsync(CancellationToken cancellationToken = default);

    /// <summary>One campaign.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id.</exception>
    Task<CampaignDto> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Creates a campaign: Draft when manual, Scheduled when it has a time.</summary>
    /// <exception cref="Errors.InputValidationException">Field errors.</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.DuplicateCampaignName"/>.</exception>
    Task<CampaignDto> CreateCampaignAsync(CreateCampaignDto input, CancellationToken cancellationToken = default);

    /// <summary>The runs of a campaign, newest first.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown campaign.</exception>
    Task<IReadOnlyList<CampaignRunDto>> GetRunsAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a run now: creates the run and snapshots its recipients into the outbox in one transaction, then asks the
    /// background dispatcher to deliver (best effort; the recurring dispatcher picks the run up anyway).
    /// </summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown campaign (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.CampaignNotSendable"/> (409): paused,
    /// completed, cancelled, or already sent.</exception>
    Task<CampaignSendAcceptedDto> SendAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>Pauses a Scheduled campaign: no run starts and its pending messages wait.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown campaign (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.CampaignStatusConflict"/> (409) unless Scheduled.</exception>
    Task<CampaignDto> PauseAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resumes a Paused campaign: Scheduled again (a recurring one continues from its next occurrence after now; the
    /// occurrences missed while paused are not sent), or Draft when it is manual and never sent.
    /// </summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown campaign (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.CampaignStatusConflict"/> (409) unless Paused.</exception>
    Task<CampaignDto> ResumeAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a Draft, Scheduled or Paused campaign for good; its pending messages become Skipped (never sent).</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown campaign (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.CampaignStatusConflict"/> (409) when Completed or Cancelled.</exception>
    Task<CampaignDto> CancelAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>Delivery figures of a campaign and each of its runs.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown campaign (404).</exception>
    Task<CampaignFiguresDto> GetFiguresAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the schedule of a Draft, Scheduled or Paused campaign, with the same checks as on create. A Paused campaign
    /// stays Paused; otherwise it becomes Scheduled with a time, Draft without one.
    /// </summary>
    /// <exception cref="Errors.InputValidationException">Field errors (time in the past, cron that never fires, end before start); nothing changed.</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown campaign (404).</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.CampaignScheduleLocked"/> (409).</exception>
    Task<CampaignDto> UpdateScheduleAsync(Guid campaignId, CampaignScheduleDto input, CancellationToken cancellationToken = default);

    /// <summary>Checks a schedule as create would and lists its next occurrences (1–20, default 5). Nothing stored.</summary>
    /// <exception cref="Errors.InputValidationException">Field errors.</exception>
    Task<SchedulePreviewDto> PreviewScheduleAsync(CampaignScheduleDto input, int count = 5, CancellationToken cancellationToken = default);

    /// <summary>Suppressed addresses, newest first (at most <paramref name="max"/>, 1–5,000).</summary>
    Task<IReadOnlyList<SuppressionDto>> GetSuppressionsAsync(int max = 1000, CancellationToken cancellationToken = default);
}

/// <summary>Answer of <c>POST /api/webhooks/sendgrid</c>: what one delivery of events did.</summary>
/// <param name="Applied">New events applied.</param>
/// <param name="Duplicates">Events applied before (same <c>sg_event_id</c>), ignored.</param>
/// <param name="Ignored">Events without an id or of an unknown kind, or not about one of our messages.</param>
public sealed record SendGridWebhookResultDto(int Applied, int Duplicates, int Ignored);
