using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmeSupport.Errors;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Dispatching;
using SmeSupport.Outreach.Persistence;
using SmeSupport.TestBase.SendGrid;

namespace SmeSupport.Outreach.Tests.Campaigns;

public sealed class DispatcherTests : IDisposable
{
    private readonly SendGridStubServer _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task Send_snapshots_consenting_contacts_once_and_skips_the_rest()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(5);
        h.Directory.Add(6, service: false, advertising: true);
        h.Directory.Add(7, email: "giamdoc1@congty1.example.com"); // same address as contact 1
        h.Directory.Add(8, email: "not-an-address");
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Nhắc lịch");

        var accepted = await h.SendAsync(campaign.Id);

        Assert.Equal(5, accepted.Recipients);
        Assert.Equal(3, accepted.Skipped);
        Assert.Equal(1, h.Trigger.Count);
        var rows = await h.QueryAsync(db => db.OutboxMessages);
        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.Equal(accepted.RunId, r.RunId));
        Assert.Equal(5, rows.Count(r => r.Status == OutboxMessageStatus.Pending));
        var run = Assert.Single(await h.QueryAsync(db => db.CampaignRuns));
        Assert.Equal(CampaignRunStatus.Sending, run.Status);
        Assert.Equal(CampaignStatus.Scheduled, Assert.Single(await h.QueryAsync(db => db.Campaigns.Where(c => c.Id == campaign.Id))).Status);
    }

    [Fact]
    public async Task A_campaign_is_sent_once_a_second_send_is_a_conflict()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(2);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Một lần");
        await h.SendAsync(campaign.Id);

        var ex = await Assert.ThrowsAsync<ConflictException>(() => h.SendAsync(campaign.Id));

        Assert.Equal(OutreachErrorCodes.CampaignNotSendable, ex.Code);
        Assert.Equal(2, (await h.QueryAsync(db => db.OutboxMessages)).Count);
    }

    [Fact]
    public async Task Advertising_goes_only_to_advertising_consent_with_the_QC_label()
    {
        using var h = new OutreachHarness();
        h.Directory.Add(1, service: true, advertising: false);
        h.Directory.Add(2, service: true, advertising: true);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Advertising, "Quảng bá");

        var accepted = await h.SendAsync(campaign.Id);
        await h.DispatchAsync();

        Assert.Equal((1, 1), (accepted.Recipients, accepted.Skipped));
        var file = Assert.Single(h.EmlFiles());
        var mime = await MimeMessage.LoadAsync(file);
        Assert.StartsWith("[QC] ", mime.Subject, StringComparison.Ordinal);
        Assert.Equal("giamdoc2@congty2.example.com", mime.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task File_outbox_gets_one_eml_per_recipient_with_RFC_8058_headers_and_a_second_run_sends_nothing()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(12);
        h.Directory.Add(13, service: false);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Mời");
        var accepted = await h.SendAsync(campaign.Id);

        var first = await h.DispatchAsync();
        var files = h.EmlFiles();
        var second = await h.DispatchAsync();

        Assert.Equal(12, first.Sent);
        Assert.Equal(12, files.Length);
        Assert.Equal(0, second.Sent);
        Assert.Equal(0, second.Claimed);
        Assert.Equal(files.Order(), h.EmlFiles().Order());
        var rows = await h.QueryAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxMessageStatus.Sent));
        Assert.Equal(12, rows.Count);
        foreach (var file in files)
        {
            var mime = await MimeMessage.LoadAsync(file);
            var id = mime.Headers["X-SmeSupport-Message-Id"];
            var row = Assert.Single(rows, r => r.Id.ToString() == id);
            Assert.Equal($"<{row.UnsubscribeUrl}>", mime.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
            Assert.StartsWith("https://smesupport.example.vn/api/outreach/unsubscribe?token=", row.UnsubscribeUrl, StringComparison.Ordinal);
            Assert.DoesNotContain(row.AddressKey, row.UnsubscribeUrl, StringComparison.OrdinalIgnoreCase);
        }

        var runs = await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().GetRunsAsync(campaign.Id));
        var run = Assert.Single(runs);
        Assert.Equal(accepted.RunId, run.Id);
        Assert.Equal(CampaignRunStatus.Completed, run.Status);
        Assert.Equal(new OutreachCountsDto(13, 0, 0, 12, 0, 1, 0), run.Counts);
        var listed = Assert.Single(await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().GetCampaignsAsync()));
        Assert.Equal(CampaignStatus.Completed, listed.Status);
        Assert.Equal(12, await h.InScopeAsync(sp => sp.GetRequiredService<IOutreachStatistics>().CountSentAsync()));
        Assert.Equal(0, await h.InScopeAsync(sp => sp.GetRequiredService<IOutreachStatistics>().CountSentAsync(h.Clock.GetUtcNow().AddSeconds(1))));
    }

    [Fact]
    public async Task SendGrid_requests_pass_the_schema_carry_at_most_1000_personalizations_each_address_once_and_our_ids()
    {
        using var h = new OutreachHarness(sendGrid: _stub);
        h.Directory.AddMany(1203);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Lớn");
        await h.SendAsync(campaign.Id);

        var summary = await h.DispatchAsync();

        Assert.Equal(1203, summary.Sent);
        Assert.Equal(2, _stub.Requests.Count);
        var ids = (await h.QueryAsync(db => db.OutboxMessages.Select(m => m.Id))).Select(i => i.ToString()).ToHashSet();
        var seen = new List<string>();
        foreach (var request in _stub.Requests)
        {
            Assert.Empty(request.SchemaErrors);
            SendGridMailSchema.Instance.AssertValid(request.Body);
            Assert.InRange(request.Personalizations.Count, 1, 1000);
            var addresses = request.Personalizations.Select(p => ((string?)p!["to"]![0]!["email"])!.ToLowerInvariant()).ToList();
            Assert.Equal(addresses.Count, addresses.Distinct().Count());
            foreach (var p in request.Personalizations)
            {
                seen.Add((string?)p!["custom_args"]!["sme_message_id"] ?? "");
                Assert.Equal("List-Unsubscribe=One-Click", (string?)p["headers"]!["List-Unsubscribe-Post"]);
            }
        }

        Assert.Equal(ids.Order(), seen.Order());
        var providerIds = await h.QueryAsync(db => db.OutboxMessages.Select(m => m.ProviderMessageId));
        Assert.All(providerIds, p => Assert.StartsWith("stub", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rate_limits_server_errors_and_time_outs_are_retried_until_each_message_is_accepted_exactly_once()
    {
        // Retry is the operator's opt-in for time-outs (the default, Hold, never resends an ambiguous request);
        // the stub's slow answer here is a 503, so nothing was accepted and retrying cannot duplicate.
        using var h = new OutreachHarness(new() { ["Outreach:Dispatcher:BatchSize"] = "10", ["Outreach:Dispatcher:AmbiguousFailures"] = "Retry", ["SendGrid:TimeoutSeconds"] = "5" }, _stub);
        h.Directory.AddMany(40);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Thử lại");
        await h.SendAsync(campaign.Id);
        _stub.Script(
            SendGridStubAnswer.TooManyRequests(retryAfter: "30"),
            SendGridStubAnswer.ServerError(500),
            SendGridStubAnswer.ServerError(503).After(TimeSpan.FromSeconds(8)), // the client gives up after 5 s
            SendGridStubAnswer.Accepted(),
            SendGridStubAnswer.ServerError(502));

        var summaries = new List<DispatchSummary>();
        for (var pass = 0; pass < 20 && (await Pending(h)) > 0; pass++)
        {
            summaries.Add(await h.DispatchAsync());
            h.Clock.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.True(summaries.Sum(s => s.Retried) >= 30, "some batches were retried");
        Assert.Equal(0, await Pending(h));
        var accepted = _stub.Requests.Where(r => r.AnsweredStatus == 202)
            .SelectMany(r => r.Personalizations.Select(p => (string?)p!["custom_args"]!["sme_message_id"]))
            .GroupBy(id => id).ToList();
        Assert.Equal(40, accepted.Count);
        Assert.All(accepted, g => Assert.Single(g));
        var rows = await h.QueryAsync(db => db.OutboxMessages);
        Assert.All(rows, r => Assert.Equal(OutboxMessageStatus.Sent, r.Status));
        Assert.Contains(rows, r => r.Attempts > 1);
    }

    [Fact]
    public async Task Retry_after_is_honoured_before_the_next_attempt()
    {
        using var h = new OutreachHarness(sendGrid: _stub);
        h.Directory.AddMany(3);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Chờ");
        await h.SendAsync(campaign.Id);
        _stub.Script(SendGridStubAnswer.TooManyRequests(retryAfter: "120"));

        await h.DispatchAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(100));
        var early = await h.DispatchAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(21));
        var later = await h.DispatchAsync();

        Assert.Equal(0, early.Claimed);
        Assert.Equal(3, later.Sent);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task Permanent_refusals_fail_and_are_not_retried()
    {
        using var h = new OutreachHarness(sendGrid: _stub);
        h.Directory.AddMany(2);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Từ chối");
        await h.SendAsync(campaign.Id);
        _stub.Script(SendGridStubAnswer.BadRequest("from.email", "The from address does not match a verified Sender Identity."));

        var first = await h.DispatchAsync();
        var second = await h.DispatchAsync();

        Assert.Equal(2, first.Failed);
        Assert.Equal(0, second.Claimed);
        Assert.All(await h.QueryAsync(db => db.OutboxMessages), r =>
        {
            Assert.Equal(OutboxMessageStatus.Failed, r.Status);
            Assert.Contains("verified Sender Identity", r.LastError, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Time_outs_are_held_as_unknown_under_the_hold_policy()
    {
        using var h = new OutreachHarness(new() { ["Outreach:Dispatcher:AmbiguousFailures"] = "Hold", ["SendGrid:TimeoutSeconds"] = "5" }, _stub);
        h.Directory.AddMany(2);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Giữ");
        await h.SendAsync(campaign.Id);
        _stub.Script(SendGridStubAnswer.Accepted().After(TimeSpan.FromSeconds(8)));

        var first = await h.DispatchAsync();
        h.Clock.Advance(TimeSpan.FromHours(1));
        var second = await h.DispatchAsync();

        Assert.Equal(2, first.HeldUnknown);
        Assert.Equal(0, second.Claimed);
        Assert.Single(_stub.Requests);
        Assert.All(await h.QueryAsync(db => db.OutboxMessages), r => Assert.Equal(OutboxMessageStatus.Unknown, r.Status));
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_nothing_twice()
    {
        using var h = new OutreachHarness(new() { ["Outreach:Dispatcher:BatchSize"] = "25" }, _stub);
        h.Directory.AddMany(400);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Song song");
        await h.SendAsync(campaign.Id);

        var all = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => h.DispatchAsync())));

        Assert.Equal(400, all.Sum(s => s.Sent));
        var accepted = _stub.Requests.Where(r => r.AnsweredStatus == 202)
            .SelectMany(r => r.Personalizations.Select(p => (string?)p!["custom_args"]!["sme_message_id"])).ToList();
        Assert.Equal(400, accepted.Count);
        Assert.Equal(400, accepted.Distinct().Count());
    }

    [Fact]
    public async Task Rows_abandoned_mid_send_become_unknown_and_are_never_sent_again()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(3);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Sập");
        await h.SendAsync(campaign.Id);
        // A dispatcher claims the rows, then "crashes" before it settles them.
        var claim = await h.InScopeAsync(sp => sp.GetRequiredService<OutreachDispatcher>().ClaimAsync(CancellationToken.None));
        Assert.Equal(3, claim!.Rows.Count);

        var during = await h.DispatchAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(11));
        var after = await h.DispatchAsync();
        var again = await h.DispatchAsync();

        Assert.Equal((0, 0), (during.Claimed, during.LeasesExpired));
        Assert.Equal(3, after.LeasesExpired);
        Assert.Equal(0, after.Sent + again.Sent + again.LeasesExpired);
        Assert.Empty(h.EmlFiles());
        var run = Assert.Single(await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().GetRunsAsync(campaign.Id)));
        Assert.Equal(3, run.Counts.Unknown);
        Assert.Equal(CampaignRunStatus.Completed, run.Status);
    }

    [Fact]
    public async Task At_most_three_advertising_emails_per_address_in_24_hours_the_fourth_waits()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(2);
        var campaigns = new List<CampaignDto>();
        for (var i = 1; i <= 4; i++)
        {
            campaigns.Add(await h.CreateCampaignAsync(CampaignPurpose.Advertising, $"QC {i}"));
        }

        foreach (var c in campaigns)
        {
            await h.SendAsync(c.Id);
            await h.DispatchAsync();
            h.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(6, h.EmlFiles().Length);
        var waiting = await h.QueryAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxMessageStatus.Pending));
        Assert.Equal(2, waiting.Count);
        var firstSent = (await h.QueryAsync(db => db.OutboxMessages.Where(m => m.SentAt != null).Select(m => m.SentAt!.Value))).Min();
        Assert.All(waiting, w => Assert.True(w.NextAttemptAt > firstSent + TimeSpan.FromHours(24)));
        Assert.All(waiting, w => Assert.Equal(0, w.Attempts));

        h.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, (await h.DispatchAsync()).Sent);
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, (await h.DispatchAsync()).Sent);
        Assert.Equal(8, h.EmlFiles().Length);
    }

    [Fact]
    public async Task Service_messages_are_not_limited_by_the_advertising_rule()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(1);
        for (var i = 1; i <= 4; i++)
        {
            var c = await h.CreateCampaignAsync(CampaignPurpose.Service, $"DV {i}");
            await h.SendAsync(c.Id);
        }

        await h.DispatchAsync();
        await h.DispatchAsync();
        await h.DispatchAsync();
        await h.DispatchAsync();

        Assert.Equal(4, h.EmlFiles().Length);
    }

    [Fact]
    public async Task An_opt_out_stops_pending_messages_of_that_purpose_at_once()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(2);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Advertising, "Dừng");
        await h.SendAsync(campaign.Id);
        var row = (await h.QueryAsync(db => db.OutboxMessages.OrderBy(m => m.Email))).First();
        var token = Uri.UnescapeDataString(row.UnsubscribeUrl.Split("token=")[1]);

        await h.InScopeAsync(sp => sp.GetRequiredService<UnsubscribeService>().UnsubscribeAsync(token, "one-click", CancellationToken.None));
        await h.InScopeAsync(sp => sp.GetRequiredService<UnsubscribeService>().UnsubscribeAsync(token, "link", CancellationToken.None));
        var summary = await h.DispatchAsync();

        Assert.Equal((1, 1), (summary.Sent, summary.Skipped));
        Assert.Single(await h.QueryAsync(db => db.Suppressions));
        Assert.Equal(OutboxMessageStatus.Skipped, Assert.Single(await h.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == row.Id))).Status);
        var next = await h.CreateCampaignAsync(CampaignPurpose.Advertising, "Sau khi hủy");
        Assert.Equal((1, 1), ((await h.SendAsync(next.Id)).Recipients, 1));
        await Assert.ThrowsAsync<BusinessException>(() => h.InScopeAsync(sp =>
            sp.GetRequiredService<UnsubscribeService>().UnsubscribeAsync(token + "x", "link", CancellationToken.None)));
    }

    [Fact]
    public async Task A_scheduled_campaign_starts_when_its_Vietnam_time_comes()
    {
        using var h = new OutreachHarness();
        h.Directory.AddMany(3);
        // 20/11/2026 09:00 UTC = 16:00 in Hanoi; schedule 17:30 local = 10:30 UTC.
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Hẹn giờ", new DateTime(2026, 11, 20, 17, 30, 0));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.Zero), campaign.ScheduledAt);
        Assert.Equal("20/11/2026 17:30", campaign.ScheduledAtLocal);

        h.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 10, 29, 0, TimeSpan.Zero));
        var early = await h.DispatchAsync();
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.Zero));
        var due = await (Task.WhenAll(h.DispatchAsync(), h.DispatchAsync()));

        Assert.Equal(0, early.RunsStarted);
        Assert.Equal(1, due.Sum(d => d.RunsStarted));
        Assert.Equal(3, due.Sum(d => d.Sent));
        Assert.Single(await h.QueryAsync(db => db.CampaignRuns));
    }

    [Fact]
    public async Task Backoff_doubles_is_capped_and_never_shorter_than_retry_after()
    {
        using var h = new OutreachHarness(new()
        {
            ["Outreach:Dispatcher:BaseRetryDelay"] = "00:00:30",
            ["Outreach:Dispatcher:MaxRetryDelay"] = "00:10:00",
        });
        await h.InScopeAsync(sp =>
        {
            var d = sp.GetRequiredService<OutreachDispatcher>();
            Assert.Equal(TimeSpan.FromSeconds(30), d.RetryDelay(1, null, 0.5));
            Assert.Equal(TimeSpan.FromSeconds(60), d.RetryDelay(2, null, 0.5));
            Assert.Equal(TimeSpan.FromSeconds(24), d.RetryDelay(1, null, 0));
            Assert.Equal(TimeSpan.FromSeconds(36), d.RetryDelay(1, null, 1));
            Assert.Equal(TimeSpan.FromMinutes(10), d.RetryDelay(20, null, 0.5));
            Assert.Equal(TimeSpan.FromMinutes(30), d.RetryDelay(1, TimeSpan.FromMinutes(30), 0.5));
            return Task.FromResult(0);
        });
    }

    private static Task<int> Pending(OutreachHarness h) =>
        h.InScopeAsync(sp => sp.GetRequiredService<OutreachDb>().OutboxMessages
            .CountAsync(m => m.Status == OutboxMessageStatus.Pending || m.Status == OutboxMessageStatus.Sending));
}
