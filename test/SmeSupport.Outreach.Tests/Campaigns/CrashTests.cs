using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Emailing;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Delivery;
using SmeSupport.TestBase.SendGrid;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>A process killed after SendGrid accepted a batch but before the outbox recorded it.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly SendGridStubServer _stub = new();

    public void Dispose() => _stub.Dispose();

    /// <summary>The real SendGrid sender; the first <see cref="Crashes"/> batches "kill the process" after SendGrid answered 202.</summary>
    private sealed class CrashAfterAcceptance(SendGridEmailSender inner) : IEmailSender
    {
        public int Crashes { get; set; } = 2;

        public int MaxBatchSize => inner.MaxBatchSize;

        public async Task<IReadOnlyList<EmailSendResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default)
        {
            var results = await inner.SendAsync(messages, cancellationToken);
            if (Crashes-- > 0)
            {
                throw new OperationCanceledException("The process was killed after SendGrid accepted the batch.");
            }

            return results;
        }
    }

    [Fact]
    public async Task A_crash_after_acceptance_sends_nothing_twice_and_every_recipient_is_sent_or_held_for_review()
    {
        CrashAfterAcceptance? crashing = null;
        using var h = new OutreachHarness(new() { ["Outreach:Dispatcher:BatchSize"] = "4", ["Outreach:Dispatcher:MaxBatchesPerRun"] = "1" }, _stub,
            s => s.AddSingleton<IEmailSender>(sp => crashing = new CrashAfterAcceptance(sp.GetRequiredService<SendGridEmailSender>())));
        h.Directory.AddMany(10);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Sập sau 202");
        await h.SendAsync(campaign.Id);

        // Two passes crash after SendGrid accepted their batch (8 messages out, nothing recorded).
        await Assert.ThrowsAsync<OperationCanceledException>(() => h.DispatchAsync());
        await Assert.ThrowsAsync<OperationCanceledException>(() => h.DispatchAsync());
        Assert.Equal(0, crashing!.Crashes);
        // The restarted dispatchers: the crashed claims' leases run out, the rest goes out.
        h.Clock.Advance(TimeSpan.FromMinutes(11));
        for (var i = 0; i < 5; i++)
        {
            await h.DispatchAsync();
        }

        var sentIds = _stub.Requests.SelectMany(r => r.Personalizations).Select(p => (string?)p!["custom_args"]!["sme_message_id"]).ToList();
        var rows = await h.QueryAsync(db => db.OutboxMessages);
        Assert.Equal(10, sentIds.Count);
        Assert.Equal(sentIds.Count, sentIds.Distinct().Count()); // nothing SendGrid accepted went twice
        Assert.Equal(10, rows.Count); // no recipient lost
        Assert.Equal(8, rows.Count(r => r.Status == OutboxMessageStatus.Unknown)); // accepted but unrecorded: held, not resent
        Assert.Equal(2, rows.Count(r => r.Status == OutboxMessageStatus.Sent));
        Assert.Equal(rows.Select(r => r.Id.ToString()).Order(), sentIds.Order());
    }
}
