using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmeSupport.Emailing;
using SmeSupport.Outreach.Delivery;
using SmeSupport.TestBase.SendGrid;

namespace SmeSupport.Outreach.Tests.Delivery;

public sealed class SendGridEmailSenderTests : IDisposable
{
    private readonly SendGridStubServer _stub = new();

    public void Dispose() => _stub.Dispose();

    private IEmailSender Sender(ServiceProvider provider) => provider.GetRequiredService<IEmailSender>();

    [Fact]
    public async Task Three_messages_go_in_one_request_with_one_personalization_each()
    {
        using var provider = Senders.SendGrid(_stub);
        var batch = Messages.Batch(3);

        var results = await Sender(provider).SendAsync(batch);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal($"Bearer {Senders.ApiKey}", request.Authorization);
        SendGridMailSchema.Instance.AssertValid(request.Body);
        Assert.Equal(202, request.AnsweredStatus);

        var json = request.Json;
        Assert.Equal(Senders.FromEmail, (string?)json["from"]!["email"]);
        Assert.Equal(Senders.FromName, (string?)json["from"]!["name"]);
        Assert.Equal(["campaign-invite"], json["categories"]!.AsArray().Select(c => (string?)c));
        var content = json["content"]!.AsArray();
        Assert.Equal(("text/plain", SendGridEmailSender.TextTag), ((string?)content[0]!["type"], (string?)content[0]!["value"]));
        Assert.Equal(("text/html", SendGridEmailSender.HtmlTag), ((string?)content[1]!["type"], (string?)content[1]!["value"]));

        var personalizations = request.Personalizations;
        Assert.Equal(3, personalizations.Count);
        for (var i = 0; i < 3; i++)
        {
            var p = personalizations[i]!;
            var m = batch[i];
            var to = Assert.Single(p["to"]!.AsArray())!;
            Assert.Equal(m.To.Email, (string?)to["email"]);
            Assert.Equal(m.To.Name, (string?)to["name"]);
            Assert.Equal($"{Messages.VietnameseSubject} ({i + 1})", (string?)p["subject"]);
            Assert.Equal(m.MessageId, (string?)p["custom_args"]!["sme_message_id"]);
            Assert.Equal("c-2026-11", (string?)p["custom_args"]!["campaign_id"]);
            Assert.Equal(m.TextBody, (string?)p["substitutions"]![SendGridEmailSender.TextTag]);
            Assert.Equal(m.HtmlBody, (string?)p["substitutions"]![SendGridEmailSender.HtmlTag]);
            Assert.Equal(m.Headers["List-Unsubscribe"], (string?)p["headers"]!["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", (string?)p["headers"]!["List-Unsubscribe-Post"]);
        }

        Assert.Equal(batch.Select(m => m.MessageId), results.Select(r => r.MessageId));
        Assert.All(results, r =>
        {
            Assert.True(r.Accepted);
            Assert.Equal(202, r.StatusCode);
            Assert.Equal(request.AnsweredMessageId, r.ProviderMessageId);
            Assert.False(r.Retryable);
            Assert.Null(r.Error);
        });
        Assert.Equal("stub000001", results[0].ProviderMessageId);
    }

    [Fact]
    public async Task A_full_batch_of_1000_messages_is_one_request()
    {
        using var provider = Senders.SendGrid(_stub);
        var sender = Sender(provider);
        Assert.Equal(1000, sender.MaxBatchSize);

        var results = await sender.SendAsync(Messages.Batch(1000));

        var request = Assert.Single(_stub.Requests);
        Assert.Empty(request.SchemaErrors);
        SendGridMailSchema.Instance.AssertValid(request.Body);
        Assert.Equal(1000, request.Personalizations.Count);
        Assert.Equal("msg-1000", (string?)request.Personalizations[999]!["custom_args"]!["sme_message_id"]);
        Assert.Equal(1000, results.Count(r => r.Accepted && r.ProviderMessageId == request.AnsweredMessageId));
    }

    [Fact]
    public async Task A_batch_over_1000_messages_is_refused_before_sending()
    {
        using var provider = Senders.SendGrid(_stub);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Sender(provider).SendAsync(Messages.Batch(1001)));

        Assert.Contains("at most 1000", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task The_same_address_twice_in_a_batch_is_refused_whatever_its_case()
    {
        using var provider = Senders.SendGrid(_stub);
        var batch = Messages.Batch(3);
        batch[2] = batch[2] with { To = new EmailAddress(batch[0].To.Email.ToUpperInvariant()) };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Sender(provider).SendAsync(batch));

        Assert.Contains("Messages 0 and 2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(batch[0].To.Email, ex.Message, StringComparison.OrdinalIgnoreCase); // no personal data
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task More_than_10_categories_are_refused()
    {
        using var provider = Senders.SendGrid(_stub);
        var categories = Enumerable.Range(1, 11).Select(i => $"cat-{i}").ToList();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Sender(provider).SendAsync([Messages.Make(1, categories: categories)]));

        Assert.Contains("11 categories", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task A_reserved_header_is_refused()
    {
        using var provider = Senders.SendGrid(_stub);
        var message = Messages.Make(1) with { Headers = new Dictionary<string, string> { ["Reply-To"] = "x@y.vn" } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Sender(provider).SendAsync([message]));

        Assert.Contains("'Reply-To'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_requests_with_Retry_After_seconds_is_retryable_after_that_wait()
    {
        using var provider = Senders.SendGrid(_stub);
        _stub.Script(SendGridStubAnswer.TooManyRequests(retryAfter: "7"));

        var results = await Sender(provider).SendAsync(Messages.Batch(2));

        Assert.Single(_stub.Requests);
        Assert.All(results, r =>
        {
            Assert.False(r.Accepted);
            Assert.True(r.Retryable);
            Assert.Equal(429, r.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), r.RetryAfter);
            Assert.False(r.Ambiguous);
            Assert.Null(r.ProviderMessageId);
            Assert.Contains("too many requests", r.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_turned_into_a_wait()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 1, 30, 0, TimeSpan.Zero));
        using var provider = Senders.SendGrid(_stub, clock: clock);
        var at = clock.GetUtcNow().AddSeconds(90).ToString("R", CultureInfo.InvariantCulture);
        _stub.Script(SendGridStubAnswer.TooManyRequests(retryAfter: at));

        var result = Assert.Single(await Sender(provider).SendAsync([Messages.Make(1)]));

        Assert.True(result.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(90), result.RetryAfter);
    }

    [Fact]
    public async Task X_RateLimit_Reset_is_honoured_when_there_is_no_Retry_After()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 1, 30, 0, TimeSpan.Zero));
        using var provider = Senders.SendGrid(_stub, clock: clock);
        _stub.Script(SendGridStubAnswer.TooManyRequests(rateLimitReset: clock.GetUtcNow().ToUnixTimeSeconds() + 42));

        var result = Assert.Single(await Sender(provider).SendAsync([Messages.Make(1)]));

        Assert.Equal(429, result.StatusCode);
        Assert.True(result.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(42), result.RetryAfter);
    }

    [Fact]
    public async Task A_reset_already_past_means_no_wait()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 1, 30, 0, TimeSpan.Zero));
        using var provider = Senders.SendGrid(_stub, clock: clock);
        _stub.Script(SendGridStubAnswer.TooManyRequests(rateLimitReset: clock.GetUtcNow().ToUnixTimeSeconds() - 5));

        var result = Assert.Single(await Sender(provider).SendAsync([Messages.Make(1)]));

        Assert.Equal(TimeSpan.Zero, result.RetryAfter);
    }

    [Fact]
    public async Task A_server_error_is_retryable()
    {
        using var provider = Senders.SendGrid(_stub);
        _stub.Script(SendGridStubAnswer.ServerError(500));

        var result = Assert.Single(await Sender(provider).SendAsync([Messages.Make(1)]));

        Assert.False(result.Accepted);
        Assert.True(result.Retryable);
        Assert.Equal(500, result.StatusCode);
        Assert.Null(result.RetryAfter);
        Assert.Equal("SendGrid answered 500 InternalServerError: internal server error", result.Error);
    }

    [Fact]
    public async Task A_time_out_is_retryable_and_returns_after_the_configured_time_out()
    {
        using var provider = Senders.SendGrid(_stub, timeoutSeconds: 1);
        _stub.Script(SendGridStubAnswer.Accepted().After(TimeSpan.FromSeconds(20)));
        var watch = Stopwatch.StartNew();

        var result = Assert.Single(await Sender(provider).SendAsync([Messages.Make(1)]));

        watch.Stop();
        Assert.False(result.Accepted);
        Assert.True(result.Retryable);
        Assert.Null(result.StatusCode);
        Assert.Contains("did not answer within 1 s", result.Error, StringComparison.Ordinal);
        // The request went out: SendGrid may have accepted it (here the stub did, after the client gave up).
        Assert.True(result.Ambiguous);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task The_callers_cancellation_throws_instead_of_returning_a_result()
    {
        using var provider = Senders.SendGrid(_stub, timeoutSeconds: 30);
        _stub.Script(SendGridStubAnswer.Accepted().After(TimeSpan.FromSeconds(20)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender(provider).SendAsync([Messages.Make(1)], cts.Token));
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Provider"] = "SendGrid",
            ["SendGrid:ApiKey"] = Senders.ApiKey,
            ["SendGrid:FromEmail"] = Senders.FromEmail,
            ["SendGrid:Host"] = $"http://127.0.0.1:{port}",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSmeSupportEmail(config).BuildServiceProvider();

        var result = Assert.Single(await provider.GetRequiredService<IEmailSender>().SendAsync([Messages.Make(1)]));

        Assert.False(result.Accepted);
        Assert.True(result.Retryable);
        Assert.Null(result.StatusCode);
        Assert.StartsWith("Could not reach SendGrid", result.Error, StringComparison.Ordinal);
        // Nothing reached SendGrid: safe to send again.
        Assert.False(result.Ambiguous);
    }

    [Fact]
    public async Task A_bad_request_is_not_retryable_and_carries_SendGrids_error_text()
    {
        using var provider = Senders.SendGrid(_stub);
        _stub.Script(SendGridStubAnswer.BadRequest("from.email", "The from email does not contain a valid address."));

        var result = Assert.Single(await Sender(provider).SendAsync([Messages.Make(1)]));

        Assert.False(result.Accepted);
        Assert.False(result.Retryable);
        Assert.Equal(400, result.StatusCode);
        Assert.Null(result.RetryAfter);
        Assert.Equal("SendGrid answered 400 BadRequest: from.email: The from email does not contain a valid address.", result.Error);
    }

    [Fact]
    public async Task A_wrong_key_is_not_retryable()
    {
        using var provider = Senders.SendGrid(_stub);
        _stub.Script(SendGridStubAnswer.Error(401, "The provided authorization grant is invalid, expired, or revoked"));

        var result = Assert.Single(await Sender(provider).SendAsync([Messages.Make(1)]));

        Assert.Equal(401, result.StatusCode);
        Assert.False(result.Retryable);
        Assert.Contains("authorization grant is invalid", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_too_big_for_substitutions_is_sent_alone_with_its_content_inline()
    {
        using var provider = Senders.SendGrid(_stub);
        var batch = Messages.Batch(3);
        // 2,000 × "Chuyển đổi số. " is 42,000 bytes in UTF-8: far over the 10,000-byte substitutions limit.
        var bigHtml = "<p>" + string.Concat(Enumerable.Repeat("Chuyển đổi số. ", 2000)) + "</p>";
        batch[1] = batch[1] with { HtmlBody = bigHtml };
        Assert.True(SendGridEmailSender.SubstitutionBytes(batch[1]) > SendGridMailSchema.Instance.MaxSubstitutionBytes);
        _stub.Script(SendGridStubAnswer.Accepted("group-request"), SendGridStubAnswer.Accepted("alone-request"));

        var results = await Sender(provider).SendAsync(batch);

        Assert.Equal(2, _stub.Requests.Count);
        var group = _stub.Requests[0];
        var alone = _stub.Requests[1];
        SendGridMailSchema.Instance.AssertValid(group.Body);
        SendGridMailSchema.Instance.AssertValid(alone.Body);
        Assert.Equal(["msg-0001", "msg-0003"], group.Personalizations.Select(p => (string?)p!["custom_args"]!["sme_message_id"]));
        var p = Assert.Single(alone.Personalizations)!;
        Assert.Equal("msg-0002", (string?)p["custom_args"]!["sme_message_id"]);
        Assert.Null(p["substitutions"]);
        var content = alone.Json["content"]!.AsArray();
        Assert.Equal(batch[1].TextBody, (string?)content[0]!["value"]);
        Assert.Equal(bigHtml, (string?)content[1]!["value"]);

        Assert.Equal(["group-request", "alone-request", "group-request"], results.Select(r => r.ProviderMessageId));
        Assert.All(results, r => Assert.True(r.Accepted));
    }

    [Fact]
    public async Task A_message_with_an_attachment_is_sent_alone_with_the_file()
    {
        using var provider = Senders.SendGrid(_stub);
        var batch = Messages.Batch(3);
        var bytes = Encoding.UTF8.GetBytes("Mã số thuế;Tên doanh nghiệp\n2500123456;Công ty TNHH Đồng Tâm\n");
        batch[0] = batch[0] with { Attachments = [new EmailAttachment("danh-sach.csv", "text/csv", bytes)] };

        var results = await Sender(provider).SendAsync(batch);

        Assert.Equal(2, _stub.Requests.Count);
        Assert.Equal(2, _stub.Requests[0].Personalizations.Count);
        var alone = _stub.Requests[1];
        SendGridMailSchema.Instance.AssertValid(alone.Body);
        var attachment = Assert.Single(alone.Json["attachments"]!.AsArray())!;
        Assert.Equal("danh-sach.csv", (string?)attachment["filename"]);
        Assert.Equal("text/csv", (string?)attachment["type"]);
        Assert.Equal(bytes, Convert.FromBase64String((string)attachment["content"]!));
        Assert.Null(_stub.Requests[0].Json["attachments"]);
        Assert.All(results, r => Assert.True(r.Accepted));
    }

    [Fact]
    public async Task Messages_with_different_categories_or_body_kinds_go_in_different_requests()
    {
        using var provider = Senders.SendGrid(_stub);
        List<EmailMessage> batch =
        [
            Messages.Make(1),
            Messages.Make(2, html: null),
            Messages.Make(3),
            Messages.Make(4, html: null),
            Messages.Make(5, categories: ["reminder"]),
        ];

        var results = await Sender(provider).SendAsync(batch);

        Assert.Equal(3, _stub.Requests.Count);
        Assert.All(_stub.Requests, r => SendGridMailSchema.Instance.AssertValid(r.Body));
        Assert.Equal(2, _stub.Requests[0].Personalizations.Count);
        Assert.Equal(2, _stub.Requests[0].Json["content"]!.AsArray().Count);
        Assert.Equal(2, _stub.Requests[1].Personalizations.Count);
        var textOnly = Assert.Single(_stub.Requests[1].Json["content"]!.AsArray())!;
        Assert.Equal("text/plain", (string?)textOnly["type"]);
        Assert.Equal("reminder", (string?)_stub.Requests[2].Json["categories"]![0]);
        Assert.Equal(
            [_stub.Requests[0].AnsweredMessageId, _stub.Requests[1].AnsweredMessageId, _stub.Requests[0].AnsweredMessageId,
             _stub.Requests[1].AnsweredMessageId, _stub.Requests[2].AnsweredMessageId],
            results.Select(r => r.ProviderMessageId));
    }

    [Fact]
    public async Task After_a_429_the_rest_of_the_batch_is_not_attempted()
    {
        using var provider = Senders.SendGrid(_stub);
        List<EmailMessage> batch = [Messages.Make(1), Messages.Make(2), Messages.Make(3, categories: ["reminder"])];
        _stub.Script(SendGridStubAnswer.TooManyRequests(retryAfter: "3"));

        var results = await Sender(provider).SendAsync(batch);

        Assert.Single(_stub.Requests);
        Assert.All(results, r =>
        {
            Assert.False(r.Accepted);
            Assert.True(r.Retryable);
            Assert.Equal(TimeSpan.FromSeconds(3), r.RetryAfter);
        });
        Assert.Equal(429, results[0].StatusCode);
        Assert.Null(results[2].StatusCode);
        Assert.StartsWith("Not attempted", results[2].Error, StringComparison.Ordinal);
        Assert.Equal("msg-0003", results[2].MessageId);
    }

    [Fact]
    public async Task A_malformed_address_is_refused_for_that_message_only()
    {
        using var provider = Senders.SendGrid(_stub);
        var batch = Messages.Batch(3);
        batch[1] = batch[1] with { To = new EmailAddress("khong-phai-email") };

        var results = await Sender(provider).SendAsync(batch);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal(2, request.Personalizations.Count);
        Assert.True(results[0].Accepted);
        Assert.False(results[1].Accepted);
        Assert.False(results[1].Retryable);
        Assert.Null(results[1].StatusCode);
        Assert.Contains("not a valid mailbox", results[1].Error, StringComparison.Ordinal);
        Assert.True(results[2].Accepted);
    }

    [Fact]
    public async Task Random_failures_from_the_stub_map_to_matching_results()
    {
        using var provider = Senders.SendGrid(_stub);
        _stub.FailAtRandom(0.4, SendGridStubAnswer.ServerError(503), seed: 2026);
        var sender = Sender(provider);

        var results = new List<EmailSendResult>();
        for (var i = 1; i <= 25; i++)
        {
            results.AddRange(await sender.SendAsync([Messages.Make(i)]));
        }

        var answered = _stub.Requests.OrderBy(r => r.Sequence).Select(r => r.AnsweredStatus).ToList();
        Assert.Equal(25, answered.Count);
        Assert.Contains(503, answered);
        Assert.Contains(202, answered);
        Assert.Equal(answered, results.Select(r => r.StatusCode!.Value));
        Assert.All(results, r => Assert.Equal(r.StatusCode == 503, r.Retryable));
        Assert.All(results, r => Assert.Equal(r.StatusCode == 202, r.Accepted));
    }
}
