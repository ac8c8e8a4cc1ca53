using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Domain;

/// <summary>
/// An e-mail template: subject, HTML and text bodies in Scriban syntax, a Vietnamese variant (required) and an optional
/// English one (all three English parts, or none). Table EmailTemplates.
/// </summary>
internal sealed class EmailTemplate : AuditedEntity
{
    public const int NameMaxLength = 200;
    public const int SubjectMaxLength = 500;
    public const int BodyMaxLength = 100_000;

    public string Name { get; set; } = "";

    public CampaignPurpose Purpose { get; set; }

    public string SubjectTemplate { get; set; } = "";

    public string HtmlTemplate { get; set; } = "";

    public string TextTemplate { get; set; } = "";

    /// <summary>English subject template, or null when the template has no English variant.</summary>
    public string? SubjectTemplateEn { get; set; }

    /// <summary>English HTML body template, or null.</summary>
    public string? HtmlTemplateEn { get; set; }

    /// <summary>English plain-text body template, or null.</summary>
    public string? TextTemplateEn { get; set; }

    /// <summary>True when the English variant exists.</summary>
    public bool HasEnglish => SubjectTemplateEn is not null && HtmlTemplateEn is not null && TextTemplateEn is not null;
}

/// <summary>A campaign: a template sent once to an audience, manually or at a scheduled time. Table Campaigns.</summary>
internal sealed class Campaign : AuditedEntity
{
    public const int NameMaxLength = 200;

    public string Name { get; set; } = "";

    public CampaignPurpose Purpose { get; set; }

    public Guid TemplateId { get; set; }

    /// <summary>Programme statuses of the audience's enterprises (stored as a comma-separated list of names).</summary>
    public List<ProgrammeStatus> AudienceStatuses { get; set; } = [ProgrammeStatus.Pilot];

    public CampaignStatus Status { get; set; }

    /// <summary>
    /// When it is next due (UTC): the one-off time, or the next occurrence of <see cref="Cron"/>; null for a manual
    /// campaign or when a recurring campaign has no occurrence left.
    /// </summary>
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>Five-field cron expression in Asia/Ho_Chi_Minh for a recurring campaign; null for a one-off or manual one.</summary>
    public string? Cron { get; set; }

    /// <summary>The segment whose rules select the audience when each run starts; null: <see cref="AudienceStatuses"/>.</summary>
    public Guid? SegmentId { get; set; }

    /// <summary>First instant (UTC) a recurring campaign may fire (inclusive).</summary>
    public DateTimeOffset? RecurrenceStartsAt { get; set; }

    /// <summary>Last instant (UTC) a recurring campaign may fire (inclusive).</summary>
    public DateTimeOffset? RecurrenceEndsAt { get; set; }
}

/// <summary>
/// One send of a campaign. UNIQUE (CampaignId, OccurrenceKey): a one-off campaign has the single key
/// <see cref="OnceKey"/>, a recurring one a key per cron occurrence, so a manual send and schedulers on several nodes
/// racing for the same occurrence cannot both create a run. Table CampaignRuns.
/// </summary>
internal sealed class CampaignRun : Entity
{
    /// <summary>The occurrence key of a one-off (manual or scheduled once) campaign.</summary>
    public const string OnceKey = Contracts.CampaignStateMachine.OnceOccurrenceKey;

    public Guid CampaignId { get; set; }

    /// <summary><see cref="OnceKey"/>, <c>cron:yyyy-MM-ddTHH:mmZ</c> for a cron occurrence, or <c>manual:…</c> for a manual send of a recurring campaign.</summary>
    public string OccurrenceKey { get; set; } = OnceKey;

    /// <summary>The occurrence's due instant (UTC), or the start instant of a manual send.</summary>
    public DateTimeOffset? OccurrenceAt { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public CampaignRunStatus Status { get; set; }

    /// <summary>Messages queued at the snapshot.</summary>
    public int RecipientCount { get; set; }

    /// <summary>Audience contacts skipped at the snapshot.</summary>
    public int SkippedCount { get; set; }
}

/// <summary>
/// One message of a run to one contact: the outbox row the dispatcher claims, sends and settles. UNIQUE (RunId,
/// ContactId). <see cref="Entity.Id"/> is our message id (SendGrid <c>custom_args.sme_message_id</c>). Table OutboxMessages.
/// </summary>
internal sealed class OutboxMessage : Entity
{
    public const int ErrorMaxLength = 1000;

    public Guid RunId { get; set; }

    public Guid CampaignId { get; set; }

    public Guid ContactId { get; set; }

    public CampaignPurpose Purpose { get; set; }

    /// <summary>The address as the contact directory gave it.</summary>
    public string Email { get; set; } = "";

    /// <summary>Lower-case trimmed address: the key of the 3-per-24-hours count and of suppressions.</summary>
    public string AddressKey { get; set; } = "";

    public string? RecipientName { get; set; }

    /// <summary>The template variant rendered for this recipient: <c>vi</c> or <c>en</c> (the contact's language, else Vietnamese).</summary>
    public string Language { get; set; } = "vi";

    public string Subject { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public string TextBody { get; set; } = "";

    /// <summary>One-click unsubscribe URL (RFC 8058) put in the List-Unsubscribe header.</summary>
    public string UnsubscribeUrl { get; set; } = "";

    public OutboxMessageStatus Status { get; set; }

    /// <summary>Claims so far (each claim is one attempt).</summary>
    public int Attempts { get; set; }

    /// <summary>Not claimed before this instant (UTC).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The claim that holds the row while Sending (one per dispatcher batch).</summary>
    public Guid? LeaseOwner { get; set; }

    /// <summary>After this instant a Sending row is presumed abandoned (and becomes Unknown, never re-sent blindly).</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>When the last claim was made (UTC).</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>First SendGrid <c>delivered</c> event (UTC).</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>First <c>open</c> event (UTC).</summary>
    public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>First <c>click</c> event (UTC).</summary>
    public DateTimeOffset? ClickedAt { get; set; }

    /// <summary>First <c>bounce</c> or <c>dropped</c> event (UTC).</summary>
    public DateTimeOffset? BouncedAt { get; set; }

    /// <summary>First <c>spamreport</c> event (UTC).</summary>
    public DateTimeOffset? SpamReportedAt { get; set; }

    /// <summary>First <c>unsubscribe</c> or <c>group_unsubscribe</c> event (UTC).</summary>
    public DateTimeOffset? UnsubscribedAt { get; set; }
}

/// <summary>
/// A SendGrid event applied to the outbox: its <c>sg_event_id</c> is UNIQUE, so a redelivered webhook changes nothing.
/// Table OutreachWebhookEvents.
/// </summary>
internal sealed class WebhookEvent : Entity
{
    public string EventId { get; set; } = "";

    public string Event { get; set; } = "";

    public Guid? MessageId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// An opt-out: the address receives no more messages of the purpose (Decree 91/2020/NĐ-CP: sending stops at once on
/// refusal). UNIQUE (AddressKey, Purpose). Table OutreachSuppressions.
/// </summary>
internal sealed class Suppression : Entity
{
    public string AddressKey { get; set; } = "";

    public CampaignPurpose Purpose { get; set; }

    public Guid? ContactId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// How it was recorded: <c>one-click</c> (RFC 8058 POST), <c>link</c> (the confirmation page), or a SendGrid event:
    /// <c>bounce</c>, <c>dropped</c>, <c>spamreport</c>, <c>unsubscribe</c>, <c>group_unsubscribe</c>.
    /// </summary>
    public string Source { get; set; } = "";

    /// <summary>The provider's reason (a bounce's SMTP answer), when it gave one.</summary>
    public string? Reason { get; set; }
}

/// <summary>Saved audience rules (<see cref="Contracts.SegmentRulesDto"/> as JSON), evaluated when a run starts. Table OutreachSegments.</summary>
internal sealed class Segment : AuditedEntity
{
    public const int NameMaxLength = 200;

    public string Name { get; set; } = "";

    public string RulesJson { get; set; } = "{}";
}

/// <summary>
/// One test send of a template to the sender's own address, counted from the database for the limit of
/// <see cref="Contracts.TemplateTestSendLimits.PerUserPerHour"/> per user in a sliding hour (so a restart does not reset it
/// and every node counts the same). Table OutreachTestSends.
/// </summary>
internal sealed class TemplateTestSend : Entity
{
    public Guid UserId { get; set; }

    public Guid TemplateId { get; set; }

    /// <summary>When the quota was taken (UTC).</summary>
    public DateTimeOffset SentAt { get; set; }
}
