using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using SmeSupport.Emailing;

namespace SmeSupport.Outreach.Delivery;

/// <summary>
/// <see cref="IEmailSender"/> that writes each message as one RFC 5322 <c>.eml</c> file into the outbox folder
/// (<c>Email:OutboxPath</c>): the sender for development and for installations without a SendGrid key.
/// </summary>
/// <remarks>
/// <para>
/// File name: <c>{UTC yyyyMMddHHmmssfff}_{MessageId}.eml</c> (characters other than letters, digits, <c>-</c>, <c>_</c>
/// and <c>.</c> in the id become <c>_</c>). Each file is written to a hidden temporary file in the same folder,
/// flushed to disk, then renamed, so a crash never leaves a half-written <c>.eml</c>.
/// </para>
/// <para>
/// Content (MimeKit): <c>From</c>, <c>To</c>, <c>Subject</c> (RFC 2047 encoded words when not ASCII), <c>Date</c>,
/// <c>Message-ID</c>, <c>MIME-Version</c>, the message's extra headers, <c>X-SmeSupport-Message-Id</c>,
/// <c>X-SmeSupport-Category</c> per category; body <c>multipart/alternative</c> (text/plain, text/html), inside
/// <c>multipart/mixed</c> when there are attachments; bodies encoded to 7-bit (quoted-printable or base64) so the
/// file is plain US-ASCII as RFC 5322 asks.
/// </para>
/// <para>
/// Results: accepted with the file name as provider id; an I/O failure (disk full, folder not writable) is a
/// retryable refusal of that message. The batch rules are SendGrid's, so development refuses what production would.
/// </para>
/// </remarks>
internal sealed class FileOutboxEmailSender : IEmailSender
{
    /// <summary>Header carrying the message's categories, one per category.</summary>
    public const string CategoryHeader = "X-SmeSupport-Category";

    /// <summary>Lines end in CRLF, as RFC 5322 §2.1 requires, whatever the platform.</summary>
    private static readonly FormatOptions Format = CreateFormat();

    private readonly EmailOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<FileOutboxEmailSender> _logger;

    /// <summary>Creates the sender.</summary>
    /// <param name="options">Validated <c>Email</c> options.</param>
    /// <param name="contentRoot">Folder a relative <c>Email:OutboxPath</c> is resolved against (the host's content root).</param>
    /// <param name="clock">Clock for the <c>Date</c> header and the file name.</param>
    /// <param name="logger">Logger; never given addresses or bodies.</param>
    public FileOutboxEmailSender(IOptions<EmailOptions> options, string contentRoot, TimeProvider clock, ILogger<FileOutboxEmailSender> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        OutboxFolder = Path.GetFullPath(Path.Combine(contentRoot, _options.OutboxPath));
    }

    /// <summary>Absolute path of the outbox folder.</summary>
    public string OutboxFolder { get; }

    /// <inheritdoc />
    public int MaxBatchSize => EmailBatchRules.MaxBatchSize;

    /// <inheritdoc />
    public async Task<IReadOnlyList<EmailSendResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default)
    {
        EmailBatchRules.Validate(messages, MaxBatchSize);
        var results = new List<EmailSendResult>(messages.Count);
        foreach (var m in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = m.From ?? new Emailing.EmailAddress(_options.FromEmail, string.IsNullOrWhiteSpace(_options.FromName) ? null : _options.FromName);
            var problem = EmailBatchRules.FindAddressProblem(m, from);
            if (problem is not null)
            {
                results.Add(new EmailSendResult(m.MessageId, false, null, null, problem));
                continue;
            }

            try
            {
                var now = _clock.GetUtcNow();
                using var mime = BuildMime(m, from, now);
                var fileName = await WriteAtomicallyAsync(mime, now, m.MessageId, cancellationToken).ConfigureAwait(false);
                results.Add(new EmailSendResult(m.MessageId, true, fileName, null));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _logger.LogError(ex, "Could not write message {MessageId} to the outbox {Folder}", m.MessageId, OutboxFolder);
                results.Add(new EmailSendResult(m.MessageId, false, null, null, $"Could not write to the outbox: {ex.Message}", Retryable: true));
            }
        }

        return results;
    }

    /// <summary>Builds the MIME message (see the class remarks).</summary>
    internal static MimeMessage BuildMime(EmailMessage m, Emailing.EmailAddress from, DateTimeOffset now)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(Encoding.UTF8, from.Name, from.Email.Trim()));
        mime.To.Add(new MailboxAddress(Encoding.UTF8, m.To.Name, m.To.Email.Trim()));
        mime.Subject = m.Subject;
        mime.Date = now;
        var domain = from.Email.Trim()[(from.Email.Trim().LastIndexOf('@') + 1)..];
        mime.MessageId = MimeUtils.GenerateMessageId(domain);
        foreach (var (name, value) in m.Headers)
        {
            mime.Headers.Add(name, Encoding.UTF8, value);
        }

        mime.Headers.Add(EmailBatchRules.MessageIdHeader, m.MessageId);
        foreach (var category in m.Categories)
        {
            mime.Headers.Add(CategoryHeader, Encoding.UTF8, category);
        }

        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody };
        foreach (var a in m.Attachments)
        {
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        }

        mime.Body = body.ToMessageBody();
        mime.Prepare(EncodingConstraint.SevenBit);
        return mime;
    }

    /// <summary>The file name for a message written at <paramref name="utc"/>.</summary>
    internal static string FileNameFor(DateTimeOffset utc, string messageId)
    {
        var safe = new StringBuilder(messageId.Length);
        foreach (var ch in messageId)
        {
            safe.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
        }

        return $"{utc.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}_{safe}.eml";
    }

    private async Task<string> WriteAtomicallyAsync(MimeMessage mime, DateTimeOffset now, string messageId, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(OutboxFolder);
        var fileName = FileNameFor(now, messageId);
        var temp = Path.Combine(OutboxFolder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous))
            {
                await mime.WriteToAsync(Format, stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            // Same folder, so the rename is atomic; never overwrite: a second write of the same id in the same
            // millisecond gets a counter.
            for (var attempt = 1; ; attempt++)
            {
                var target = Path.Combine(OutboxFolder, fileName);
                try
                {
                    File.Move(temp, target, overwrite: false);
                    return fileName;
                }
                catch (IOException) when (File.Exists(target) && attempt < 100)
                {
                    fileName = $"{Path.GetFileNameWithoutExtension(FileNameFor(now, messageId))}_{attempt}.eml";
                }
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
