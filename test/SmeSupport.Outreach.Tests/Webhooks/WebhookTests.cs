using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Tests.Campaigns;
using SmeSupport.Outreach.Webhooks;

namespace SmeSupport.Outreach.Tests.Webhooks;

/// <summary>The signature check and the once-only application of SendGrid events, on the module harness.</summary>
public sealed class WebhookTests : IDisposable
{
    private readonly SignedEvents _sendGrid = new();

    public void Dispose() => _sendGrid.Dispose();

    private OutreachHarness Harness(string? key = "") => new(new()
    {
        ["Outreach:Webhook:PublicKey"] = key == "" ? _sendGrid.PublicKey : key,
        ["Outreach:Webhook:MaxAge"] = "00:05:00",
    });

    private static string Now(OutreachHarness h, int offsetSeconds = 0) =>
        (h.Clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);

    private static Task<int> Verify(OutreachHarness h, string? signature, string? timestamp, byte[] body) =>
        h.InScopeAsync(sp =>
        {
            sp.GetRequiredService<SendGridWebhookVerifier>().Verify(signature, timestamp, body);
            return Task.FromResult(0);
        });

    private static Task<SendGridWebhookResultDto> Apply(OutreachHarness h, byte[] body) =>
        h.InScopeAsync(sp => sp.GetRequiredService<SendGridEventProcessor>().ApplyAsync(body, CancellationToken.None));

    [Fact]
    public async Task A_body_signed_with_the_configured_key_passes_and_anything_else_is_401()
    {
        using var h = Harness();
        using var other = new SignedEvents();
        var body = SignedEvents.Body(SignedEvents.Event("delivered", Guid.NewGuid()));
        var ts = Now(h);

        await Verify(h, _sendGrid.Sign(ts, body), ts, body);

        var refusals = new List<BusinessException>
        {
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, null, ts, body)),
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, _sendGrid.Sign(ts, body), null, body)),
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, other.Sign(ts, body), ts, body)),
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, "bm90IGEgc2lnbmF0dXJl", ts, body)),
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, "%%%", ts, body)),
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, _sendGrid.Sign(ts, body), ts, [.. body, (byte)' '])),
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, _sendGrid.Sign(Now(h, -301), body), Now(h, -301), body)),
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, _sendGrid.Sign(Now(h, 301), body), Now(h, 301), body)),
            await Assert.ThrowsAsync<BusinessException>(() => Verify(h, _sendGrid.Sign("abc", body), "abc", body)),
        };

        Assert.All(refusals, r =>
        {
            Assert.Equal(OutreachErrorCodes.WebhookSignatureInvalid, r.Code);
            Assert.Equal(401, r.StatusCode);
        });
        // Inside the tolerance a slightly old timestamp is fine.
        await Verify(h, _sendGrid.Sign(Now(h, -299), body), Now(h, -299), body);
    }

    [Fact]
    public async Task Without_a_configured_key_every_request_is_refused()
    {
        using var h = Harness(key: null);
        var body = SignedEvents.Body(SignedEvents.Event("delivered", Guid.NewGuid()));
        var ts = Now(h);

        var ex = await Assert.ThrowsAsync<BusinessException>(() => Verify(h, _sendGrid.Sign(ts, body), ts, body));

        Assert.Equal(OutreachErrorCodes.WebhookSignatureInvalid, ex.Code);
        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task Events_are_applied_once_each_and_make_the_figures()
    {
        using var h = Harness();
        h.Directory.AddMany(4);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Theo dõi");
        await h.SendAsync(campaign.Id);
        await h.DispatchAsync();
        var ids = (await h.QueryAsync(db => db.OutboxMessages.OrderBy(m => m.Email))).Select(m => m.Id).ToList();

        var body = SignedEvents.Body(
            SignedEvents.Event("delivered", ids[0], "ev-1"), SignedEvents.Event("delivered", ids[1], "ev-2"),
            SignedEvents.Event("delivered", ids[2], "ev-3"), SignedEvents.Event("open", ids[0], "ev-4"),
            SignedEvents.Event("open", ids[0], "ev-5"), SignedEvents.Event("click", ids[0], "ev-6"),
            SignedEvents.Event("bounce", ids[3], "ev-7", "550 5.1.1 The email account that you tried to reach does not exist"),
            SignedEvents.Event("processed", ids[1], "ev-8"),
            SignedEvents.Event("delivered", Guid.NewGuid(), "ev-9"), // not ours
            new Dictionary<string, object> { ["event"] = "open" }); // no id
        var first = await Apply(h, body);
        var again = await Apply(h, body);
        var figures = await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().GetFiguresAsync(campaign.Id));

        Assert.Equal(new SendGridWebhookResultDto(8, 0, 2), first);
        Assert.Equal(new SendGridWebhookResultDto(0, 8, 2), again);
        Assert.Equal(new OutreachFiguresDto(Recipients: 4, Sent: 4, Delivered: 3, Opened: 1, Clicked: 1, Bounced: 1, SpamReports: 0,
            Unsubscribed: 0, Suppressed: 0, Failed: 0, Held: 0, WaitingForLimit: 0, Pending: 0), figures.Total);
        Assert.Equal(figures.Total, Assert.Single(figures.Runs).Figures);
        Assert.Equal(8, (await h.QueryAsync(db => db.WebhookEvents)).Count);
    }

    [Fact]
    public async Task A_bounce_suppresses_the_address_for_every_purpose_with_the_reason_and_it_is_never_sent_again()
    {
        using var h = Harness();
        var bouncing = h.Directory.Add(1);
        h.Directory.Add(2);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Service, "Lần đầu");
        await h.SendAsync(campaign.Id);
        await h.DispatchAsync();
        var message = Assert.Single(await h.QueryAsync(db => db.OutboxMessages.Where(m => m.ContactId == bouncing.ContactId)));

        await Apply(h, SignedEvents.Body(SignedEvents.Event("bounce", message.Id, reason: "550 5.1.1 Mailbox does not exist")));
        var suppressions = await h.QueryAsync(db => db.Suppressions.OrderBy(s => s.Purpose));
        var service = await h.CreateCampaignAsync(CampaignPurpose.Service, "Lần hai");
        var advertising = await h.CreateCampaignAsync(CampaignPurpose.Advertising, "Quảng bá");
        var second = await h.SendAsync(service.Id);
        var third = await h.SendAsync(advertising.Id);

        Assert.Equal([CampaignPurpose.Service, CampaignPurpose.Advertising], suppressions.Select(s => s.Purpose));
        Assert.All(suppressions, s =>
        {
            Assert.Equal("bounce", s.Source);
            Assert.Equal("550 5.1.1 Mailbox does not exist", s.Reason);
            Assert.Equal(bouncing.Email, s.AddressKey);
        });
        Assert.Equal((1, 1), (second.Recipients, second.Skipped));
        Assert.Equal((1, 1), (third.Recipients, third.Skipped));
        Assert.Empty(h.Consents.Withdrawals);
    }

    [Fact]
    public async Task An_unsubscribe_event_suppresses_the_purpose_and_withdraws_the_consent_through_Enterprises()
    {
        using var h = Harness();
        var contact = h.Directory.Add(1);
        var campaign = await h.CreateCampaignAsync(CampaignPurpose.Advertising, "Mời tham gia");
        await h.SendAsync(campaign.Id);
        await h.DispatchAsync();
        var message = Assert.Single(await h.QueryAsync(db => db.OutboxMessages));

        var result = await Apply(h, SignedEvents.Body(SignedEvents.Event("unsubscribe", message.Id), SignedEvents.Event("spamreport", message.Id)));

        Assert.Equal(2, result.Applied);
        Assert.Equal([(contact.ContactId, ConsentPurpose.Advertising, ConsentChannels.Email)], h.Consents.Withdrawals);
        var suppressions = await h.QueryAsync(db => db.Suppressions.OrderBy(s => s.Purpose));
        // The unsubscribe came first (advertising); the spam report added the service purpose.
        Assert.Equal([("unsubscribe", CampaignPurpose.Advertising), ("spamreport", CampaignPurpose.Service)],
            suppressions.OrderBy(s => s.Purpose == CampaignPurpose.Service).Select(s => (s.Source, s.Purpose)));
        var figures = await h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().GetFiguresAsync(campaign.Id));
        Assert.Equal((1, 1), (figures.Total.Unsubscribed, figures.Total.SpamReports));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"event\":\"open\"}")]
    [InlineData("[1,2]")]
    public async Task A_body_that_is_not_an_array_of_events_is_400_and_changes_nothing(string text)
    {
        using var h = Harness();

        var ex = await Assert.ThrowsAsync<BusinessException>(() => Apply(h, System.Text.Encoding.UTF8.GetBytes(text)));

        Assert.Equal(OutreachErrorCodes.WebhookBodyInvalid, ex.Code);
        Assert.Equal(400, ex.StatusCode);
        Assert.Empty(await h.QueryAsync(db => db.WebhookEvents));
    }
}
