namespace SmeSupport.Emailing;

/// <summary>
/// Sends e-mail: the one interface every module sends through (ABP's <c>IEmailSender</c>).
/// <c>Email:Provider=SendGrid</c> selects the official SendGrid client; <c>File</c> (the default) writes one
/// <c>.eml</c> file per message to the file outbox (<c>Email:OutboxPath</c>); any other value fails the
/// start-up options validation.
/// </summary>
/// <remarks>
/// A sender makes one attempt and never retries by itself: the caller (a dispatcher) reads
/// <see cref="EmailSendResult.Retryable"/> and <see cref="EmailSendResult.RetryAfter"/> and decides when to try again.
/// A time-out or a dropped connection is retryable but ambiguous (the provider may have accepted the message
/// before the answer was lost), so delivery is at-least-once: keep <see cref="EmailMessage.MessageId"/> stable
/// across attempts so that duplicates can be recognised from the provider's events.
/// </remarks>
public interface IEmailSender
{
    /// <summary>How many messages one call may carry (SendGrid: 1,000 personalizations per request).</summary>
    int MaxBatchSize { get; }

    /// <summary>
    /// Sends a batch. Returns one result per message, in order. Never throws for a refusal by the
    /// provider: the result says whether it was accepted and whether a retry may succeed.
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="messages">1 to <see cref="MaxBatchSize"/> messages, each address at most once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per message, in the order of <paramref name="messages"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">The batch breaks a rule the provider would refuse it for (empty,
    /// more than <see cref="MaxBatchSize"/> messages, an address or a <see cref="EmailMessage.MessageId"/> twice,
    /// more than 10 categories, a header the provider reserves): a programming error, so nothing is sent.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    Task<IReadOnlyList<EmailSendResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default);
}

/// <summary>An address with an optional display name.</summary>
/// <param name="Email">The address (RFC 5321 mailbox).</param>
/// <param name="Name">Display name, or null.</param>
public sealed record EmailAddress(string Email, string? Name = null);

/// <summary>A file attached to a message.</summary>
/// <param name="FileName">File name shown to the recipient.</param>
/// <param name="ContentType">MIME type, e.g. <c>application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</c>.</param>
/// <param name="Content">The bytes.</param>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One message to one recipient, already rendered. <see cref="MessageId"/> is ours (an outbox row id):
/// it travels in SendGrid's <c>custom_args</c> as <c>sme_message_id</c> so that webhook events come back to it.
/// No personal data goes into custom args or categories (SendGrid's rule, DOMAIN.md).
/// </summary>
public sealed record EmailMessage
{
    /// <summary>Our identifier for the message (unique).</summary>
    public required string MessageId { get; init; }

    /// <summary>Recipient.</summary>
    public required EmailAddress To { get; init; }

    /// <summary>Sender; null uses the configured <c>Email:FromEmail</c> / <c>SendGrid:FromEmail</c>.</summary>
    public EmailAddress? From { get; init; }

    /// <summary>Subject line (plain text).</summary>
    public required string Subject { get; init; }

    /// <summary>Plain-text body (always present: some clients show only text).</summary>
    public required string TextBody { get; init; }

    /// <summary>HTML body, or null for text-only messages.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Extra headers, e.g. <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> (RFC 8058).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Categories for the provider's statistics (at most 10; no personal data).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Further custom arguments (string values; no personal data).</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Attachments.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>The provider's answer for one message.</summary>
/// <param name="MessageId">Our message id.</param>
/// <param name="Accepted">True when the provider accepted it (SendGrid 202: accepted, not yet delivered).</param>
/// <param name="ProviderMessageId">The provider's id, or the .eml file name. SendGrid's <c>X-Message-Id</c> names one
/// request, so every message sent in the same request shares it (the <c>sg_message_id</c> of its events starts with it);
/// <c>sme_message_id</c> in the events tells the messages apart.</param>
/// <param name="StatusCode">HTTP status the provider answered, if any.</param>
/// <param name="Error">The refusal, if any.</param>
/// <param name="Retryable">True when the failure is transient (429, 5xx, time-out, dropped connection). After a
/// time-out or a dropped connection the provider may have accepted the message all the same.</param>
/// <param name="Ambiguous">True when the request may have reached the provider but no answer came back (a time-out, or the connection dropped after sending): the provider may have accepted it, so sending again risks a duplicate.</param>
/// <param name="RetryAfter">When the provider asked to wait (429 <c>Retry-After</c> / <c>X-RateLimit-Reset</c>).</param>
public sealed record EmailSendResult(string MessageId, bool Accepted, string? ProviderMessageId, int? StatusCode,
    string? Error = null, bool Retryable = false, TimeSpan? RetryAfter = null, bool Ambiguous = false);
