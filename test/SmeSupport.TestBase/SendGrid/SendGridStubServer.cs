using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace SmeSupport.TestBase.SendGrid;

/// <summary>
/// A stand-in for SendGrid's v3 API: a real HTTP server on loopback (WireMock.Net) that the official SendGrid client
/// talks to. It accepts <c>POST /v3/mail/send</c>, records every request, and answers as scripted.
/// </summary>
/// <remarks>
/// <para>
/// Each instance listens on its own free port of 127.0.0.1, so tests running in parallel never share a stub.
/// Point <c>SendGrid:Host</c> at <see cref="Url"/>.
/// </para>
/// <para>
/// Answers, in this order: no <c>Authorization: Bearer …</c> header → 401 (as SendGrid); a body that
/// <see cref="SendGridMailSchema"/> rejects (when <see cref="ValidateBodies"/>) → 400 listing the problems; then the
/// next scripted answer (<see cref="Script"/>); else, when <see cref="FailAtRandom"/> was called, the failure at that
/// rate; else <see cref="DefaultAnswer"/> (202 with a fresh <c>X-Message-Id</c>).
/// </para>
/// </remarks>
public sealed class SendGridStubServer : IDisposable
{
    /// <summary>Path of the mail-send endpoint.</summary>
    public const string MailSendPath = "/v3/mail/send";

    private readonly WireMockServer _server;
    private readonly ConcurrentQueue<SendGridStubAnswer> _script = new();
    private readonly ConcurrentQueue<SendGridStubRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Random? _random;
    private double _failureRate;
    private SendGridStubAnswer? _randomFailure;
    private int _sequence;

    /// <summary>Starts the stub on a free loopback port.</summary>
    /// <exception cref="InvalidOperationException">No port could be bound after several tries.</exception>
    public SendGridStubServer()
    {
        _server = StartOnFreeLoopbackPort();
        Url = $"http://127.0.0.1:{_server.Port}";
        _server
            .Given(Request.Create().WithPath(MailSendPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(AnswerAsync));
    }

    /// <summary>Base address for <c>SendGrid:Host</c>, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Url { get; }

    /// <summary>The answer when no scripted or random answer applies; default 202 with a generated <c>X-Message-Id</c>.</summary>
    public SendGridStubAnswer DefaultAnswer { get; set; } = SendGridStubAnswer.Accepted();

    /// <summary>When true (default), bodies that <see cref="SendGridMailSchema"/> rejects get a 400, as SendGrid would.</summary>
    public bool ValidateBodies { get; set; } = true;

    /// <summary>Every mail-send request received so far, in arrival order.</summary>
    public IReadOnlyList<SendGridStubRequest> Requests => _requests.ToArray();

    /// <summary>Queues answers for the next requests, one each, in order; after them the default (or random) answer applies.</summary>
    /// <param name="answers">The answers.</param>
    public void Script(params SendGridStubAnswer[] answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var a in answers)
        {
            _script.Enqueue(a);
        }
    }

    /// <summary>Answers a fraction of unscripted requests with <paramref name="failure"/>, chosen by a seeded generator (repeatable).</summary>
    /// <param name="rate">Probability 0..1 that a request fails.</param>
    /// <param name="failure">The failing answer, e.g. <see cref="SendGridStubAnswer.TooManyRequests"/>.</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside 0..1.</exception>
    public void FailAtRandom(double rate, SendGridStubAnswer failure, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        lock (_gate)
        {
            _failureRate = rate;
            _randomFailure = failure;
            _random = new Random(seed);
        }
    }

    /// <summary>Stops the server; a delayed answer still pending is abandoned.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _server.Stop();
        _server.Dispose();
        _stopping.Dispose();
    }

    private static WireMockServer StartOnFreeLoopbackPort()
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }

            try
            {
                return WireMockServer.Start(new WireMockServerSettings
                {
                    Urls = [$"http://127.0.0.1:{port}"],
                    DisableJsonBodyParsing = true,
                    StartAdminInterface = false,
                });
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or SocketException or TimeoutException)
            {
                last = ex; // another process took the port between the probe and the start: try another one
            }
        }

        throw new InvalidOperationException("Could not start the SendGrid stub on a loopback port.", last);
    }

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        var body = request.Body ?? (request.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : string.Empty);
        var headers = request.Headers?.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sequence = Interlocked.Increment(ref _sequence);
        headers.TryGetValue("Authorization", out var authorization);

        SendGridStubAnswer answer;
        IReadOnlyList<string> schemaErrors = ValidateBodies ? SendGridMailSchema.Instance.Validate(body) : [];
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            answer = SendGridStubAnswer.Error(401, "authorization required");
        }
        else if (schemaErrors.Count > 0)
        {
            answer = SendGridStubAnswer.Error(400, schemaErrors.ToArray());
        }
        else if (!_script.TryDequeue(out answer!))
        {
            answer = PickUnscripted();
        }

        var messageId = answer.StatusCode == 202 ? answer.MessageId ?? $"stub{sequence:D6}" : null;
        _requests.Enqueue(new SendGridStubRequest(sequence, request.Method, request.Path, body, authorization, headers,
            answer.StatusCode, messageId, schemaErrors));

        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The stub is being disposed: answer at once.
            }
        }

        var response = new ResponseMessage
        {
            StatusCode = answer.StatusCode,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };
        foreach (var (name, value) in answer.Headers)
        {
            response.AddHeader(name, value);
        }

        if (messageId is not null)
        {
            response.AddHeader("X-Message-Id", messageId);
        }

        if (answer.Body is not null)
        {
            response.AddHeader("Content-Type", "application/json");
            response.BodyData = new BodyData
            {
                BodyAsString = answer.Body,
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            };
        }

        return response;
    }

    private SendGridStubAnswer PickUnscripted()
    {
        lock (_gate)
        {
            if (_random is not null && _randomFailure is not null && _random.NextDouble() < _failureRate)
            {
                return _randomFailure;
            }
        }

        return DefaultAnswer;
    }
}

/// <summary>One answer the stub gives to a mail-send request.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Headers">Response headers (besides <c>X-Message-Id</c>, which a 202 always gets).</param>
/// <param name="Body">JSON body, or null.</param>
/// <param name="Delay">How long to wait before answering (longer than the client's time-out simulates a hang).</param>
/// <param name="MessageId">The <c>X-Message-Id</c> of a 202, or null for a generated one (<c>stub000001</c>, …).</param>
public sealed record SendGridStubAnswer(int StatusCode, IReadOnlyDictionary<string, string> Headers, string? Body = null,
    TimeSpan Delay = default, string? MessageId = null)
{
    /// <summary>202 Accepted, SendGrid's answer to a good request (no body).</summary>
    /// <param name="messageId">The <c>X-Message-Id</c> to return, or null for a generated one.</param>
    public static SendGridStubAnswer Accepted(string? messageId = null) =>
        new(202, new Dictionary<string, string>(), MessageId: messageId);

    /// <summary>429 Too Many Requests with the given rate-limit headers.</summary>
    /// <param name="retryAfter"><c>Retry-After</c> value as sent (delta seconds like <c>7</c> or an HTTP date), or null.</param>
    /// <param name="rateLimitReset"><c>X-RateLimit-Reset</c> (Unix epoch seconds), or null.</param>
    public static SendGridStubAnswer TooManyRequests(string? retryAfter = null, long? rateLimitReset = null)
    {
        var headers = new Dictionary<string, string> { ["X-RateLimit-Limit"] = "600", ["X-RateLimit-Remaining"] = "0" };
        if (retryAfter is not null)
        {
            headers["Retry-After"] = retryAfter;
        }

        if (rateLimitReset is not null)
        {
            headers["X-RateLimit-Reset"] = rateLimitReset.Value.ToString(CultureInfo.InvariantCulture);
        }

        return new SendGridStubAnswer(429, headers, ErrorBody("too many requests"));
    }

    /// <summary>A server error (default 500) with SendGrid's error body.</summary>
    /// <param name="statusCode">5xx status.</param>
    public static SendGridStubAnswer ServerError(int statusCode = 500) =>
        new(statusCode, new Dictionary<string, string>(), ErrorBody("internal server error"));

    /// <summary>An error status with SendGrid's ErrorResponse body (<c>{"errors":[{"message":…,"field":…}]}</c>).</summary>
    /// <param name="statusCode">HTTP status, e.g. 400.</param>
    /// <param name="messages">Error messages, one error each.</param>
    public static SendGridStubAnswer Error(int statusCode, params string[] messages) =>
        new(statusCode, new Dictionary<string, string>(), ErrorBody(messages));

    /// <summary>A 400 naming the field at fault, as SendGrid does for a bad request.</summary>
    /// <param name="field">The field, e.g. <c>from.email</c>.</param>
    /// <param name="message">The message.</param>
    public static SendGridStubAnswer BadRequest(string field, string message) =>
        new(400, new Dictionary<string, string>(),
            new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["field"] = field, ["help"] = null }) }.ToJsonString());

    /// <summary>This answer after a delay (a delay beyond the client time-out makes the client give up).</summary>
    /// <param name="delay">The delay.</param>
    public SendGridStubAnswer After(TimeSpan delay) => this with { Delay = delay };

    private static string ErrorBody(params string[] messages) =>
        new JsonObject
        {
            ["errors"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["message"] = m, ["field"] = null }).ToArray()),
        }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

/// <summary>One request the stub received.</summary>
/// <param name="Sequence">1-based arrival number.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Body">Raw JSON body as sent.</param>
/// <param name="Authorization">The <c>Authorization</c> header, or null.</param>
/// <param name="Headers">All request headers (names case-insensitive).</param>
/// <param name="AnsweredStatus">The status the stub answered.</param>
/// <param name="AnsweredMessageId">The <c>X-Message-Id</c> answered with a 202, else null.</param>
/// <param name="SchemaErrors">What <see cref="SendGridMailSchema"/> found wrong (empty when valid or not checked).</param>
public sealed record SendGridStubRequest(int Sequence, string Method, string Path, string Body, string? Authorization,
    IReadOnlyDictionary<string, string> Headers, int AnsweredStatus, string? AnsweredMessageId, IReadOnlyList<string> SchemaErrors)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The body's personalizations.</summary>
    public JsonArray Personalizations => Json["personalizations"]!.AsArray();
}
