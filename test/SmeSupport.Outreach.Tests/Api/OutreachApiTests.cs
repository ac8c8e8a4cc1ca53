using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Dispatching;
using SmeSupport.Outreach.Seeding;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>The Outreach API on the real host (SQLite, seeded demo data, file outbox, Hangfire server off).</summary>
public sealed class OutreachApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    [Theory]
    [InlineData("GET", "/api/outreach/campaigns")]
    [InlineData("GET", "/api/outreach/templates")]
    [InlineData("POST", "/api/outreach/campaigns/0195f0a0-0000-7000-8000-000000000000/send")]
    [InlineData("GET", "/api/outreach/campaigns/0195f0a0-0000-7000-8000-000000000000/runs")]
    public async Task Anonymous_gets_401(string method, string path)
    {
        var response = await app.CreateAnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Users_without_the_permission_get_403_and_send_nothing()
    {
        var campaign = await SeededCampaignAsync();
        foreach (var role in new[] { SmeSupportAppFactory.Roles.EnterpriseUser, SmeSupportAppFactory.Roles.TaxPartner, "" })
        {
            var client = await app.CreateUserClientAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/outreach/campaigns")).StatusCode);
            var send = await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/send", null);
            Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
        }

        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM CampaignRuns WHERE CampaignId = '{campaign.Id.ToString().ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task Unknown_campaign_is_404()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var id = Guid.CreateVersion7();

        var send = await client.PostAsync($"/api/outreach/campaigns/{id}/send", null);
        var runs = await client.GetAsync($"/api/outreach/campaigns/{id}/runs");

        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal("SmeSupport:NotFound", (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, runs.StatusCode);
    }

    [Fact]
    public async Task The_demo_seed_has_the_invitation_campaign_as_a_manual_draft()
    {
        var campaign = await SeededCampaignAsync();
        Assert.Equal(CampaignPurpose.Service, campaign.Purpose);
        Assert.Null(campaign.ScheduledAt);
        Assert.Equal([ProgrammeStatus.Pilot], campaign.AudienceStatuses);
    }

    [Fact]
    public async Task A_template_error_answers_400_with_line_and_column()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var response = await client.PostAsJsonAsync("/api/outreach/templates", new
        {
            name = "Mẫu lỗi",
            purpose = "Service",
            subjectTemplate = "Chào",
            htmlTemplate = "<p>Chào</p>\n<p>{{ recipient.name </p>",
            textTemplate = "Chào {{ recipient.name }}",
        }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SmeSupport:Validation", problem.GetProperty("code").GetString());
        var message = problem.GetProperty("errors").GetProperty("htmlTemplate")[0].GetString();
        Assert.StartsWith("Dòng 2, cột ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Officer_sends_202_and_the_dispatcher_writes_one_eml_per_eligible_recipient_once()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await CreateCampaignAsync(client, CampaignPurpose.Service, "Nhắc lịch tập huấn");
        var expected = await EligibleAddressesAsync(c => c.ServiceConsent);
        Assert.NotEmpty(expected);

        var response = await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/send", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<CampaignSendAcceptedDto>(Json))!;
        Assert.Equal(expected.Count, accepted.Recipients);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/send", null)).StatusCode);

        await OutreachDispatchJob.RunOnceAsync(app.Services);
        var files = FilesOf(await MessageIdsAsync(accepted.RunId));
        await OutreachDispatchJob.RunOnceAsync(app.Services);

        Assert.Equal(expected.Count, files.Count);
        var recipients = new List<string>();
        foreach (var file in files)
        {
            var mime = await MimeMessage.LoadAsync(file);
            recipients.Add(mime.To.Mailboxes.Single().Address.ToLowerInvariant());
            Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
            Assert.StartsWith("<http", mime.Headers["List-Unsubscribe"], StringComparison.Ordinal);
            Assert.DoesNotContain("[QC]", mime.Subject, StringComparison.Ordinal);
        }

        Assert.Equal(expected.Order(), recipients.Order());
        Assert.Equal(files.Order(), FilesOf(await MessageIdsAsync(accepted.RunId)).Order());

        var runs = await client.GetFromJsonAsync<List<CampaignRunDto>>($"/api/outreach/campaigns/{campaign.Id}/runs", Json);
        var run = Assert.Single(runs!);
        Assert.Equal(CampaignRunStatus.Completed, run.Status);
        Assert.Equal(expected.Count, run.Counts.Sent);
        var listed = (await client.GetFromJsonAsync<List<CampaignDto>>("/api/outreach/campaigns", Json))!.Single(c => c.Id == campaign.Id);
        Assert.Equal(CampaignStatus.Completed, listed.Status);
        Assert.Equal(expected.Count, listed.Counts.Sent);
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<IOutreachStatistics>().CountSentAsync()) >= expected.Count);
    }

    [Fact]
    public async Task Advertising_reaches_only_advertising_consent_labelled_QC_and_one_click_unsubscribe_stops_the_next()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await CreateCampaignAsync(client, CampaignPurpose.Advertising, "Giới thiệu nền tảng hóa đơn điện tử");
        var expected = await EligibleAddressesAsync(c => c.AdvertisingConsent);

        var accepted = (await (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/send", null))
            .Content.ReadFromJsonAsync<CampaignSendAcceptedDto>(Json))!;
        await OutreachDispatchJob.RunOnceAsync(app.Services);
        var files = FilesOf(await MessageIdsAsync(accepted.RunId));

        Assert.Equal(expected.Count, files.Count);
        var first = await MimeMessage.LoadAsync(files[0]);
        Assert.StartsWith("[QC] ", first.Subject, StringComparison.Ordinal);
        var url = first.Headers["List-Unsubscribe"]!.Trim('<', '>');
        var path = new Uri(url).PathAndQuery;

        var anonymous = app.CreateAnonymousClient();
        var page = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM OutreachSuppressions"));
        var post = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(1, app.Scalar("SELECT COUNT(*) FROM OutreachSuppressions"));

        var next = await CreateCampaignAsync(client, CampaignPurpose.Advertising, "Giới thiệu nền tảng kế toán");
        var again = (await (await client.PostAsync($"/api/outreach/campaigns/{next.Id}/send", null))
            .Content.ReadFromJsonAsync<CampaignSendAcceptedDto>(Json))!;
        Assert.Equal(expected.Count - 1, again.Recipients);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/api/outreach/unsubscribe?token=forged", null)).StatusCode);
    }

    private async Task<CampaignDto> SeededCampaignAsync()
    {
        var admin = await app.CreateAdminClientAsync();
        var campaigns = await admin.GetFromJsonAsync<List<CampaignDto>>("/api/outreach/campaigns", Json);
        return campaigns!.Single(c => c.Name == DemoOutreachSeedContributor.CampaignName);
    }

    internal static async Task<CampaignDto> CreateCampaignAsync(HttpClient client, CampaignPurpose purpose, string name)
    {
        var template = await client.PostAsJsonAsync("/api/outreach/templates", new
        {
            name = "Mẫu: " + name,
            purpose,
            subjectTemplate = name + " – {{ enterprise.name }}",
            htmlTemplate = "<p>Kính gửi {{ recipient.name }},</p><p>{{ campaign.name }}</p>",
            textTemplate = "Kính gửi {{ recipient.name }},\n{{ campaign.name }}",
        }, Json);
        Assert.Equal(HttpStatusCode.Created, template.StatusCode);
        var templateId = (await template.Content.ReadFromJsonAsync<EmailTemplateDto>(Json))!.Id;
        var campaign = await client.PostAsJsonAsync("/api/outreach/campaigns", new { name, purpose, templateId }, Json);
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        return (await campaign.Content.ReadFromJsonAsync<CampaignDto>(Json))!;
    }

    /// <summary>The oracle: distinct valid addresses of pilot contacts with the consent, as the Enterprises module reports them.</summary>
    private Task<List<string>> EligibleAddressesAsync(Func<ContactRecipientDto, bool> consent) =>
        app.WithScopeAsync(async sp =>
        {
            var list = new List<string>();
            await foreach (var c in sp.GetRequiredService<IEnterpriseContactDirectory>().StreamRecipientsAsync([ProgrammeStatus.Pilot]))
            {
                if (consent(c) && SmeSupport.Outreach.Delivery.EmailBatchRules.IsMailbox(c.Email))
                {
                    list.Add(c.Email.Trim().ToLowerInvariant());
                }
            }

            return list.Distinct().ToList();
        });

    private Task<List<string>> MessageIdsAsync(Guid runId) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Persistence.OutreachDb>();
            var ids = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.OutboxMessages.Where(m => m.RunId == runId).Select(m => m.Id));
            return ids.Select(i => i.ToString()).ToList();
        });

    private List<string> FilesOf(List<string> messageIds)
    {
        var ids = messageIds.ToHashSet();
        return Directory.Exists(app.OutboxPath)
            ? Directory.GetFiles(app.OutboxPath, "*.eml").Where(f => ids.Contains(Path.GetFileNameWithoutExtension(f).Split('_', 2)[1])).ToList()
            : [];
    }
}
