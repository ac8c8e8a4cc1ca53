using System.Net.Mail;
using System.Text;
using SmeSupport.Emailing;

namespace SmeSupport.Outreach.Delivery;

/// <summary>
/// The rules a batch must keep before any sender touches it. Both senders apply the same rules so that the file
/// outbox used in development refuses what SendGrid would refuse in production.
/// </summary>
internal static class EmailBatchRules
{
    /// <summary>Largest batch: SendGrid v3 mail send takes at most 1,000 personalizations per request (tsg_mail_v3.json, <c>personalizations.maxItems</c>).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>At most 10 categories per message (tsg_mail_v3.json, <c>categories.maxItems</c>).</summary>
    public const int MaxCategories = 10;

    /// <summary>A category name is at most 255 characters (tsg_mail_v3.json, <c>categories.items.maxLength</c>).</summary>
    public const int MaxCategoryLength = 255;

    /// <summary>
    /// <c>custom_args</c> of one personalization may not exceed 10,000 bytes (SendGrid v3 mail send,
    /// <c>personalizations[].custom_args</c>). Counted here as the UTF-8 bytes of every key and value.
    /// </summary>
    public const int MaxCustomArgsBytes = 10_000;

    /// <summary>The custom argument that carries <see cref="EmailMessage.MessageId"/> back in SendGrid's events.</summary>
    public const string MessageIdCustomArg = "sme_message_id";

    /// <summary>Header that carries <see cref="EmailMessage.MessageId"/> in the file outbox.</summary>
    public const string MessageIdHeader = "X-SmeSupport-Message-Id";

    /// <summary>
    /// Headers a message may not set. SendGrid refuses overrides of <c>x-sg-id</c>, <c>x-sg-eid</c>, <c>received</c>,
    /// <c>dkim-signature</c>, <c>Content-Type</c>, <c>Content-Transfer-Encoding</c>, <c>To</c>, <c>From</c>, <c>Subject</c>,
    /// <c>Reply-To</c>, <c>CC</c> and <c>BCC</c> (v3 mail send, <c>headers</c>); <c>Date</c>, <c>Message-ID</c> and
    /// <c>MIME-Version</c> occur once per message (RFC 5322 §3.6, RFC 2045 §4) and are set by the sender, as is
    /// <see cref="MessageIdHeader"/>.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "x-sg-id", "x-sg-eid", "received", "dkim-signature", "Content-Type", "Content-Transfer-Encoding",
        "To", "From", "Subject", "Reply-To", "CC", "BCC", "Date", "Message-ID", "MIME-Version", MessageIdHeader,
    };

    /// <summary>
    /// Checks the batch as a whole. Throws for programming errors; per-message data problems (a malformed address)
    /// are reported by <see cref="FindAddressProblem"/> instead so that one bad address does not sink the batch.
    /// </summary>
    /// <param name="messages">The batch.</param>
    /// <param name="maxBatchSize">The sender's <see cref="IEmailSender.MaxBatchSize"/>.</param>
    /// <exception cref="ArgumentNullException">The batch or an item is null.</exception>
    /// <exception cref="ArgumentException">A rule is broken; the message names the rule and the offending item by index.</exception>
    public static void Validate(IReadOnlyList<EmailMessage> messages, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one message.", nameof(messages));
        }

        if (messages.Count > maxBatchSize)
        {
            throw new ArgumentException(
                $"A batch holds at most {maxBatchSize} messages (SendGrid: 1,000 personalizations per request); got {messages.Count}.",
                nameof(messages));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i] ?? throw new ArgumentNullException(nameof(messages), $"Message {i} is null.");
            if (string.IsNullOrWhiteSpace(m.MessageId))
            {
                throw new ArgumentException($"Message {i} has no MessageId.", nameof(messages));
            }

            if (!ids.Add(m.MessageId))
            {
                throw new ArgumentException($"MessageId '{m.MessageId}' occurs twice in the batch.", nameof(messages));
            }

            if (m.To is null || string.IsNullOrWhiteSpace(m.To.Email))
            {
                throw new ArgumentException($"Message '{m.MessageId}' has no recipient address.", nameof(messages));
            }

            // SendGrid: an address may occur once per request (DOMAIN.md; the v3 API answers 400 on duplicates).
            // The index, not the address, goes into the exception text: no personal data in logs.
            if (addresses.TryGetValue(m.To.Email.Trim(), out var first))
            {
                throw new ArgumentException(
                    $"Messages {first} and {i} go to the same address; SendGrid takes an address once per request. Send them in different batches.",
                    nameof(messages));
            }

            addresses.Add(m.To.Email.Trim(), i);

            if (string.IsNullOrWhiteSpace(m.Subject))
            {
                throw new ArgumentException($"Message '{m.MessageId}' has no subject (SendGrid: subject minLength 1).", nameof(messages));
            }

            if (string.IsNullOrEmpty(m.TextBody))
            {
                throw new ArgumentException($"Message '{m.MessageId}' has no text body (SendGrid: content value minLength 1).", nameof(messages));
            }

            ValidateCategories(m, nameof(messages));
            ValidateHeaders(m, nameof(messages));
            ValidateCustomArgs(m, nameof(messages));
        }
    }

    /// <summary>
    /// Returns why the message's addresses cannot be used, or null when they can. A malformed address makes
    /// SendGrid refuse the whole request (400), so it is caught before sending and refused for that message only.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="from">The sender that will be used (the message's or the configured one).</param>
    public static string? FindAddressProblem(EmailMessage message, EmailAddress from)
    {
        if (!IsMailbox(message.To.Email))
        {
            return "The recipient address is not a valid mailbox (RFC 5321).";
        }

        return IsMailbox(from.Email) ? null : "The sender address is not a valid mailbox (RFC 5321).";
    }

    /// <summary>True when <paramref name="email"/> is a bare addr-spec (no display name, no angle brackets).</summary>
    public static bool IsMailbox(string? email) =>
        !string.IsNullOrWhiteSpace(email)
        && MailAddress.TryCreate(email.Trim(), out var parsed)
        && string.Equals(parsed.Address, email.Trim(), StringComparison.Ordinal)
        && parsed.Host.Length > 0;

    /// <summary>The custom arguments sent for a message: <see cref="MessageIdCustomArg"/> first, then the message's own.</summary>
    public static Dictionary<string, string> CustomArgsOf(EmailMessage message)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal) { [MessageIdCustomArg] = message.MessageId };
        foreach (var (key, value) in message.CustomArgs)
        {
            args[key] = value;
        }

        return args;
    }

    private static void ValidateCategories(EmailMessage m, string paramName)
    {
        if (m.Categories.Count > MaxCategories)
        {
            throw new ArgumentException(
                $"Message '{m.MessageId}' has {m.Categories.Count} categories; SendGrid takes at most {MaxCategories}.", paramName);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in m.Categories)
        {
            if (string.IsNullOrWhiteSpace(c) || c.Length > MaxCategoryLength)
            {
                throw new ArgumentException(
                    $"Message '{m.MessageId}' has an empty category or one longer than {MaxCategoryLength} characters.", paramName);
            }

            if (!seen.Add(c))
            {
                throw new ArgumentException($"Message '{m.MessageId}' names category '{c}' twice (SendGrid: categories uniqueItems).", paramName);
            }
        }
    }

    private static void ValidateHeaders(EmailMessage m, string paramName)
    {
        foreach (var (name, value) in m.Headers)
        {
            // RFC 5322 §3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126 (printable ASCII but ':').
            if (string.IsNullOrEmpty(name) || name.Any(ch => ch < 33 || ch > 126 || ch == ':'))
            {
                throw new ArgumentException($"Message '{m.MessageId}' has a header with an invalid name '{name}' (RFC 5322 §3.6.8).", paramName);
            }

            if (ReservedHeaders.Contains(name))
            {
                throw new ArgumentException($"Message '{m.MessageId}' may not set the header '{name}': the sender sets it.", paramName);
            }

            if (value is null || value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Message '{m.MessageId}': header '{name}' has no value or a line break.", paramName);
            }
        }
    }

    private static void ValidateCustomArgs(EmailMessage m, string paramName)
    {
        if (m.CustomArgs.ContainsKey(MessageIdCustomArg))
        {
            throw new ArgumentException(
                $"Message '{m.MessageId}' may not set the custom argument '{MessageIdCustomArg}': it carries MessageId.", paramName);
        }

        if (m.CustomArgs.Any(kv => string.IsNullOrEmpty(kv.Key) || kv.Value is null))
        {
            throw new ArgumentException($"Message '{m.MessageId}' has a custom argument with no name or no value.", paramName);
        }

        var bytes = CustomArgsOf(m).Sum(kv => Encoding.UTF8.GetByteCount(kv.Key) + Encoding.UTF8.GetByteCount(kv.Value));
        if (bytes > MaxCustomArgsBytes)
        {
            throw new ArgumentException(
                $"Message '{m.MessageId}' has {bytes} bytes of custom arguments; SendGrid takes at most {MaxCustomArgsBytes}.", paramName);
        }
    }
}
