using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Tests.Webhooks;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>The host with a webhook verification key of the tests' own P-256 pair.</summary>
public sealed class WebhookApiFactory : SmeSupportAppFactory
{
    public SignedEvents SendGrid { get; } = new();

    protected override void ConfigureSettings(IDictionary<string, string?> settings) =>
        settings["Outreach:Webhook:PublicKey"] = SendGrid.PublicKey;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SendGrid.Dispose();
    }
}

public sealed class WebhookApiTests(WebhookApiFactory app) : IClassFixture<WebhookApiFactory>
{
    private static HttpRequestMessage Post(byte[] body, string? signature, string? timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/sendgrid") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        }

        return request;
    }

    [Fact]
    public async Task Signed_events_are_accepted_without_sign_in_and_unsigned_or_forged_ones_are_401()
    {
        var client = app.CreateAnonymousClient();
        var body = SignedEvents.Body(SignedEvents.Event("delivered", Guid.NewGuid()));
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var other = new SignedEvents();

        var ok = await client.SendAsync(Post(body, app.SendGrid.Sign(ts, body), ts));
        var unsigned = await client.SendAsync(Post(body, null, null));
        var forged = await client.SendAsync(Post(body, other.Sign(ts, body), ts));
        var notJson = "not json"u8.ToArray();
        var badBody = await client.SendAsync(Post(notJson, app.SendGrid.Sign(ts, notJson), ts));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(new SendGridWebhookResultDto(0, 0, 1), await ok.Content.ReadFromJsonAsync<SendGridWebhookResultDto>());
        foreach (var refused in new[] { unsigned, forged })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(OutreachErrorCodes.WebhookSignatureInvalid, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal(OutreachErrorCodes.WebhookBodyInvalid, (await badBody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_WebhookBodyTooLarge_saying_too_large_not_not_json()
    {
        var client = app.CreateAnonymousClient();
        var body = new byte[10 * 1024 * 1024 + 1];
        Array.Fill(body, (byte)' ');
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = Post(body, app.SendGrid.Sign(ts, body), ts);
        request.Headers.TryAddWithoutValidation("Accept-Language", "en");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(OutreachErrorCodes.WebhookBodyTooLarge, problem.GetProperty("code").GetString());
        Assert.Equal("The SendGrid event body is too large (at most 10485760 bytes).", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_Enterprises_consent_writer_withdraws_advertising_consent_once()
    {
        var contact = await app.WithScopeAsync(async sp =>
        {
            await foreach (var c in sp.GetRequiredService<IEnterpriseContactDirectory>().StreamRecipientsAsync(null))
            {
                if (c.AdvertisingConsent)
                {
                    return c;
                }
            }

            throw new InvalidOperationException("The demo seed has no contact with advertising consent.");
        });

        var first = await app.WithScopeAsync(sp => sp.GetRequiredService<IContactConsentWriter>()
            .WithdrawAsync(contact.ContactId, ConsentPurpose.Advertising, ConsentChannels.Email));
        var second = await app.WithScopeAsync(sp => sp.GetRequiredService<IContactConsentWriter>()
            .WithdrawAsync(contact.ContactId, ConsentPurpose.Advertising, ConsentChannels.Email));
        var after = await app.WithScopeAsync(sp => sp.GetRequiredService<IEnterpriseContactDirectory>().GetRecipientsAsync([contact.ContactId]));

        Assert.True(first);
        Assert.False(second);
        var read = Assert.Single(after);
        Assert.False(read.AdvertisingConsent);
        Assert.Equal(contact.ServiceConsent, read.ServiceConsent);
    }
}
