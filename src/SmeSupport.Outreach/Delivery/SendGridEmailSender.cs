using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using SmeSupport.Emailing;
using SgAddress = SendGrid.Helpers.Mail.EmailAddress;
using EmailAddress = SmeSupport.Emailing.EmailAddress;

namespace SmeSupport.Outreach.Delivery;

/// <summary>
/// <see cref="IEmailSender"/> over SendGrid's v3 mail-send API through the official <c>SendGrid</c> client.
/// </summary>
/// <remarks>
/// <para>
/// <b>Batching.</b> Messages that share sender, categories and body kinds (text, or text + HTML) go out as ONE request
/// with one personalization each (its own <c>to</c>, <c>subject</c>, <c>headers</c> and <c>custom_args</c>).
/// The request's content is the substitution tags <see cref="TextTag"/> / <see cref="HtmlTag"/>, which each
/// personalization's <c>substitutions</c> replace with that recipient's rendered bodies. SendGrid allows at most
/// 10,000 bytes of substitutions per personalization (v3 mail send, <c>personalizations[].substitutions</c>):
/// a message whose bodies do not fit, or that has attachments (top-level in the API, so shared by a whole request),
/// goes in a request of its own with its bodies inline. A group of one is also sent inline.
/// </para>
/// <para>
/// <b>Answers</b> (v3 mail send reference and DOMAIN.md): 202 = accepted (not delivered), the provider id is the
/// request's <c>X-Message-Id</c>; 429 = rate limited, retryable after <c>Retry-After</c> (delta seconds or an
/// HTTP date, RFC 9110 §10.2.3) or else <c>X-RateLimit-Reset</c> (Unix epoch seconds); 5xx, a dropped connection
/// and a time-out (<c>SendGrid:TimeoutSeconds</c>) are retryable; any other status is a refusal with SendGrid's
/// error text. After a 429 or another transient failure the batch's remaining requests are not attempted and
/// their messages get the same retryable result.
/// </para>
/// <para>
/// <b>No retries here.</b> The official client does not retry 429 and ignores its own retry settings when given an
/// <see cref="HttpClient"/> (DOMAIN.md); this sender makes one attempt per request and the dispatcher decides.
/// </para>
/// <para>
/// One instance per process (singleton); it owns the process's one <see cref="SendGridClient"/>, built on the
/// named <see cref="HttpClient"/> <see cref="HttpClientName"/> whose time-out is <c>SendGrid:TimeoutSeconds</c>.
/// </para>
/// </remarks>
internal sealed class SendGridEmailSender : IEmailSender
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client the SendGrid client is built on.</summary>
    public const string HttpClientName = "SendGrid";

    /// <summary>Content value replaced by each personalization's plain-text body.</summary>
    public const string TextTag = "-sme_text-";

    /// <summary>Content value replaced by each personalization's HTML body.</summary>
    public const string HtmlTag = "-sme_html-";

    /// <summary>
    /// The total size of one personalization's substitutions may not exceed 10,000 bytes (SendGrid v3 mail send,
    /// <c>personalizations[].substitutions</c>). Counted as the UTF-8 bytes of every tag and value.
    /// </summary>
    public const int MaxSubstitutionBytes = 10_000;

    private readonly SendGridClient _client;
    private readonly SendGridOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SendGridEmailSender> _logger;

    /// <summary>Creates the sender and its SendGrid client (SendGridClientOptions: <c>ApiKey</c>, <c>Host</c>).</summary>
    /// <param name="httpClientFactory">Gives the shared <see cref="HttpClientName"/> client.</param>
    /// <param name="options">Validated <c>SendGrid</c> options.</param>
    /// <param name="clock">Clock used to turn <c>Retry-After</c> dates and <c>X-RateLimit-Reset</c> into a wait.</param>
    /// <param name="logger">Logger; never given addresses or bodies.</param>
    public SendGridEmailSender(IHttpClientFactory httpClientFactory, IOptions<SendGridOptions> options, TimeProvider clock,
        ILogger<SendGridEmailSender> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _client = new SendGridClient(httpClientFactory.CreateClient(HttpClientName), new SendGridClientOptions
        {
            ApiKey = _options.ApiKey,
            Host = _options.Host,
        });
    }

    /// <inheritdoc />
    public int MaxBatchSize => EmailBatchRules.MaxBatchSize;

    /// <inheritdoc />
    public async Task<IReadOnlyList<EmailSendResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default)
    {
        EmailBatchRules.Validate(messages, MaxBatchSize);
        cancellationToken.ThrowIfCancellationRequested();

        var results = new EmailSendResult?[messages.Count];
        var sendable = new List<int>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var problem = EmailBatchRules.FindAddressProblem(messages[i], SenderOf(messages[i]));
            if (problem is null)
            {
                sendable.Add(i);
            }
            else
            {
                results[i] = new EmailSendResult(messages[i].MessageId, false, null, null, problem);
            }
        }

        EmailSendResult? stop = null;
        foreach (var request in Plan(messages, sendable))
        {
            var outcome = stop ?? await SendRequestAsync(request.Message, request.Indexes.Count, cancellationToken).ConfigureAwait(false);
            foreach (var i in request.Indexes)
            {
                results[i] = outcome with { MessageId = messages[i].MessageId };
            }

            if (stop is null && !outcome.Accepted && outcome.Retryable)
            {
                // The service is rate limiting or unwell: further requests now would fail the same way and add load.
                // StatusCode stays empty: SendGrid gave no answer about these messages.
                stop = outcome with { StatusCode = null, Ambiguous = false, Error = "Not attempted: an earlier request of this batch failed. " + outcome.Error };
            }
        }

        return results.Select(r => r!).ToArray();
    }

    /// <summary>Splits the sendable messages into requests (see the class remarks), preserving first-appearance order.</summary>
    internal IEnumerable<PlannedRequest> Plan(IReadOnlyList<EmailMessage> messages, IReadOnlyList<int> indexes)
    {
        var groups = new List<(string Key, List<int> Members)>();
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var alone = new List<int>();
        foreach (var i in indexes)
        {
            var m = messages[i];
            if (m.Attachments.Count > 0 || SubstitutionBytes(m) > MaxSubstitutionBytes)
            {
                alone.Add(i);
                continue;
            }

            var key = GroupKey(m);
            if (!byKey.TryGetValue(key, out var members))
            {
                members = [];
                byKey.Add(key, members);
                groups.Add((key, members));
            }

            members.Add(i);
        }

        foreach (var (_, members) in groups)
        {
            if (members.Count == 1)
            {
                yield return new PlannedRequest(BuildInline(messages[members[0]]), members);
            }
            else
            {
                yield return new PlannedRequest(BuildSubstituted(messages, members), members);
            }
        }

        foreach (var i in alone)
        {
            yield return new PlannedRequest(BuildInline(messages[i]), [i]);
        }
    }

    /// <summary>UTF-8 bytes the message's body substitutions would take (tags and values).</summary>
    internal static int SubstitutionBytes(EmailMessage m) =>
        Encoding.UTF8.GetByteCount(TextTag) + Encoding.UTF8.GetByteCount(m.TextBody)
        + (m.HtmlBody is null ? 0 : Encoding.UTF8.GetByteCount(HtmlTag) + Encoding.UTF8.GetByteCount(m.HtmlBody));

    private EmailAddress SenderOf(EmailMessage m) =>
        m.From ?? new EmailAddress(_options.FromEmail ?? string.Empty, string.IsNullOrWhiteSpace(_options.FromName) ? null : _options.FromName);

    private string GroupKey(EmailMessage m)
    {
        var from = SenderOf(m);
        // Unit separator (U+001F) cannot occur in an address or a category name.
        return string.Join('\u001f', [from.Email.Trim().ToUpperInvariant(), from.Name ?? string.Empty, m.HtmlBody is null ? "t" : "th", .. m.Categories]);
    }

    private SendGridMessage BuildSubstituted(IReadOnlyList<EmailMessage> messages, List<int> members)
    {
        var first = messages[members[0]];
        var sg = NewMessage(first);
        var contents = new List<Content> { new(MimeType.Text, TextTag) };
        if (first.HtmlBody is not null)
        {
            contents.Add(new Content(MimeType.Html, HtmlTag));
        }

        sg.Contents = contents;
        foreach (var i in members)
        {
            var m = messages[i];
            var p = NewPersonalization(m);
            p.Substitutions = new Dictionary<string, string> { [TextTag] = m.TextBody };
            if (m.HtmlBody is not null)
            {
                p.Substitutions[HtmlTag] = m.HtmlBody;
            }

            sg.Personalizations.Add(p);
        }

        return sg;
    }

    private SendGridMessage BuildInline(EmailMessage m)
    {
        var sg = NewMessage(m);
        var contents = new List<Content> { new(MimeType.Text, m.TextBody) };
        if (m.HtmlBody is not null)
        {
            contents.Add(new Content(MimeType.Html, m.HtmlBody));
        }

        sg.Contents = contents;
        sg.Personalizations.Add(NewPersonalization(m));
        if (m.Attachments.Count > 0)
        {
            sg.Attachments = m.Attachments.Select(a => new Attachment
            {
                Content = Convert.ToBase64String(a.Content),
                Filename = a.FileName,
                Type = a.ContentType,
                Disposition = "attachment",
            }).ToList();
        }

        return sg;
    }

    private SendGridMessage NewMessage(EmailMessage m)
    {
        var from = SenderOf(m);
        var sg = new SendGridMessage
        {
            From = new SgAddress(from.Email.Trim(), from.Name),
            Personalizations = [],
        };
        if (m.Categories.Count > 0)
        {
            sg.Categories = m.Categories.ToList();
        }

        return sg;
    }

    private static Personalization NewPersonalization(EmailMessage m)
    {
        var p = new Personalization
        {
            Tos = [new SgAddress(m.To.Email.Trim(), m.To.Name)],
            Subject = m.Subject,
            CustomArgs = EmailBatchRules.CustomArgsOf(m),
        };
        if (m.Headers.Count > 0)
        {
            p.Headers = new Dictionary<string, string>(m.Headers);
        }

        return p;
    }

    private async Task<EmailSendResult> SendRequestAsync(SendGridMessage message, int count, CancellationToken cancellationToken)
    {
        Response response;
        try
        {
            response = await _client.SendEmailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            // HttpClient.Timeout surfaces as TaskCanceledException (inner TimeoutException) without the caller's token.
            _logger.LogWarning(ex, "SendGrid did not answer a mail-send request of {Count} messages within {Timeout} s", count, _options.TimeoutSeconds);
            return new EmailSendResult(string.Empty, false, null, null,
                $"SendGrid did not answer within {_options.TimeoutSeconds} s; it may or may not have accepted the request.", Retryable: true, Ambiguous: true);
        }
        catch (HttpRequestException ex)
        {
            _logger.LogWarning(ex, "Mail-send request of {Count} messages to SendGrid failed in transport", count);
            return new EmailSendResult(string.Empty, false, null, null,
                $"Could not reach SendGrid: {ex.Message}", Retryable: true,
                Ambiguous: ex.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError));
        }

        var status = (int)response.StatusCode;
        // 202 Accepted is SendGrid's answer; 200 comes back in sandbox mode (mail_settings.sandbox_mode), nothing sent.
        if (status == (int)HttpStatusCode.Accepted || response.IsSuccessStatusCode)
        {
            var providerId = Header(response, "X-Message-Id");
            _logger.LogInformation("SendGrid accepted {Count} messages as {ProviderMessageId}", count, providerId);
            return new EmailSendResult(string.Empty, true, providerId, status);
        }

        var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        if (status == (int)HttpStatusCode.TooManyRequests || status >= 500)
        {
            var wait = RetryAfterOf(response);
            _logger.LogWarning("SendGrid answered {Status} to {Count} messages; retry after {RetryAfter}", status, count, wait);
            return new EmailSendResult(string.Empty, false, null, status, error, Retryable: true, RetryAfter: wait);
        }

        _logger.LogError("SendGrid refused {Count} messages with {Status}: {Error}", count, status, error);
        return new EmailSendResult(string.Empty, false, null, status, error);
    }

    /// <summary>
    /// The wait the answer asks for: <c>Retry-After</c> as delta seconds or HTTP date (RFC 9110 §10.2.3), else
    /// <c>X-RateLimit-Reset</c> as Unix epoch seconds (SendGrid rate limits); null when neither is there. Never negative.
    /// </summary>
    private TimeSpan? RetryAfterOf(Response response)
    {
        var now = _clock.GetUtcNow();
        var retryAfter = response.Headers?.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            return date > now ? date - now : TimeSpan.Zero;
        }

        if (long.TryParse(Header(response, "X-RateLimit-Reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            var reset = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return reset > now ? reset - now : TimeSpan.Zero;
        }

        return null;
    }

    private static string? Header(Response response, string name) =>
        response.Headers is not null && response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>SendGrid's error text: the <c>errors[].message</c> (with <c>field</c>) of its ErrorResponse, else the raw body.</summary>
    private static async Task<string> ReadErrorAsync(Response response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var prefix = $"SendGrid answered {status} {response.StatusCode}";
        string body;
        try
        {
            body = response.Body is null ? string.Empty : await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return prefix + " (the error body could not be read).";
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return prefix + ".";
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = errors.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e =>
                    {
                        var message = e.TryGetProperty("message", out var mm) && mm.ValueKind == JsonValueKind.String ? mm.GetString() : null;
                        var field = e.TryGetProperty("field", out var ff) && ff.ValueKind == JsonValueKind.String ? ff.GetString() : null;
                        return string.IsNullOrEmpty(field) || field == "null" ? message : $"{field}: {message}";
                    })
                    .Where(s => !string.IsNullOrEmpty(s))
                    .ToList();
                if (parts.Count > 0)
                {
                    return $"{prefix}: {string.Join("; ", parts)}";
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return $"{prefix}: {(body.Length > 500 ? body[..500] + "…" : body)}";
    }

    /// <summary>One planned mail-send request and the batch indexes of the messages it carries.</summary>
    /// <param name="Message">The request body.</param>
    /// <param name="Indexes">Indexes into the batch, in order.</param>
    internal sealed record PlannedRequest(SendGridMessage Message, IReadOnlyList<int> Indexes);
}
