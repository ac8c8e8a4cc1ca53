using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Domain;

/// <summary>An e-mail template: subject, HTML and text bodies in Scriban syntax (Vietnamese text). Table EmailTemplates.</summary>
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

    /// <summary>When it is due (UTC); null for a manual campaign.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }
}

/// <summary>
/// One send of a campaign. UNIQUE (CampaignId): a campaign is sent once, so a manual send and the scheduler racing for
/// the same campaign cannot both create a run. Table CampaignRuns.
/// </summary>
internal sealed class CampaignRun : Entity
{
    public Guid CampaignId { get; set; }

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

    /// <summary>How it was recorded: <c>one-click</c> (RFC 8058 POST) or <c>link</c> (the confirmation page).</summary>
    public string Source { get; set; } = "";
}
