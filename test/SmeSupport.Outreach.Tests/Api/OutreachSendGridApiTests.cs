using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Dispatching;
using SmeSupport.Outreach.Persistence;
using SmeSupport.TestBase;
using SmeSupport.TestBase.SendGrid;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>The real host sending through the official SendGrid client to the stub; fake clock; no back-off wait.</summary>
public sealed class OutreachSendGridFactory : SmeSupportAppFactory
{
    public SendGridStubServer Stub { get; } = new();

    protected override bool UseFakeClock => true;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Email:Provider"] = "SendGrid";
        settings["SendGrid:Host"] = Stub.Url;
        settings["SendGrid:ApiKey"] = "SG.test";
        settings["SendGrid:FromEmail"] = "chuyendoiso@sokhcn.example.vn";
        settings["SendGrid:TimeoutSeconds"] = "5";
        settings["Outreach:Dispatcher:BaseRetryDelay"] = "00:00:00";
        settings["Outreach:Dispatcher:MaxRetryDelay"] = "00:00:00";
        settings["Outreach:Dispatcher:BatchSize"] = "40";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Stub.Dispose();
    }
}

public sealed class OutreachSendGridApiTests(OutreachSendGridFactory app) : IClassFixture<OutreachSendGridFactory>
{
    [Fact]
    public async Task Failures_are_retried_concurrent_dispatchers_never_send_twice_and_requests_pass_the_schema()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await OutreachApiTests.CreateCampaignAsync(client, CampaignPurpose.Service, "Thông báo lịch hỗ trợ");
        var response = await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/send", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<CampaignSendAcceptedDto>(SmeSupportAppFactory.Json))!;
        Assert.True(accepted.Recipients > 80, $"the demo has many pilot contacts ({accepted.Recipients})");
        app.Stub.Script(
            SendGridStubAnswer.TooManyRequests(retryAfter: "1"),
            SendGridStubAnswer.ServerError(500),
            SendGridStubAnswer.ServerError(503).After(TimeSpan.FromSeconds(8)), // the client times out after 5 s
            SendGridStubAnswer.Accepted(),
            SendGridStubAnswer.TooManyRequests(rateLimitReset: app.Clock.GetUtcNow().AddSeconds(1).ToUnixTimeSeconds()),
            SendGridStubAnswer.ServerError(502));

        for (var pass = 0; pass < 30 && await OpenAsync() > 0; pass++)
        {
            // Two dispatchers at once, as when the recurring job and an enqueued job overlap.
            await Task.WhenAll(OutreachDispatchJob.RunOnceAsync(app.Services), OutreachDispatchJob.RunOnceAsync(app.Services));
            app.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(0, await OpenAsync());
        var ids = (await app.WithScopeAsync(sp => sp.GetRequiredService<OutreachDb>().OutboxMessages
            .Where(m => m.RunId == accepted.RunId && m.Status != OutboxMessageStatus.Skipped).Select(m => m.Id).ToListAsync()))
            .Select(i => i.ToString()).ToList();
        Assert.Equal(accepted.Recipients, ids.Count);

        var requests = app.Stub.Requests;
        Assert.Contains(requests, r => r.AnsweredStatus == 429);
        Assert.Contains(requests, r => r.AnsweredStatus >= 500);
        foreach (var request in requests)
        {
            SendGridMailSchema.Instance.AssertValid(request.Body);
            Assert.InRange(request.Personalizations.Count, 1, 1000);
            var addresses = request.Personalizations.Select(p => ((string?)p!["to"]![0]!["email"])!.ToLowerInvariant()).ToList();
            Assert.Equal(addresses.Count, addresses.Distinct().Count());
        }

        var acceptedPerId = requests.Where(r => r.AnsweredStatus == 202)
            .SelectMany(r => r.Personalizations.Select(p => (string?)p!["custom_args"]!["sme_message_id"]))
            .GroupBy(id => id!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ids.Order(), acceptedPerId.Keys.Order());
        Assert.All(acceptedPerId.Values, count => Assert.Equal(1, count));

        var run = Assert.Single((await client.GetFromJsonAsync<List<CampaignRunDto>>(
            $"/api/outreach/campaigns/{campaign.Id}/runs", SmeSupportAppFactory.Json))!);
        Assert.Equal(accepted.Recipients, run.Counts.Sent);
        Assert.Equal(CampaignRunStatus.Completed, run.Status);
    }

    private Task<int> OpenAsync() =>
        app.WithScopeAsync(sp => sp.GetRequiredService<OutreachDb>().OutboxMessages
            .CountAsync(m => m.Status == OutboxMessageStatus.Pending || m.Status == OutboxMessageStatus.Sending));
}
