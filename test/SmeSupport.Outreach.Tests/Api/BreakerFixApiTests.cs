using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>
/// Faults a breaker found on the Outreach API: offsets in local schedule fields, far-future schedules, comma-joined enum values,
/// CR/LF in subject templates, JSON answers to a person clicking an unsubscribe link.
/// </summary>
public sealed class BreakerFixApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();

    [Theory]
    [InlineData("2026-12-01T09:00:00+02:00")]
    [InlineData("2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T09:00:00+07:00")]
    public async Task A_local_schedule_with_an_offset_or_Z_is_400_on_the_field_and_nothing_is_stored(string value)
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await OutreachApiTests.CreateCampaignAsync(client, CampaignPurpose.Service, "Lịch có offset " + value);
        var before = app.Scalar("SELECT COUNT(*) FROM Campaigns");

        var created = await client.PostAsync("/api/outreach/campaigns",
            Raw($$"""{"name":"Offset","purpose":"Service","templateId":"{{campaign.TemplateId}}","scheduledAtLocal":"{{value}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(["scheduledAtLocal"], await ErrorFieldsAsync(created));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Campaigns"));

        var put = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw($$"""{"scheduledAtLocal":"{{value}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(["scheduledAtLocal"], await ErrorFieldsAsync(put));

        var recurring = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule",
            Raw($$"""{"cron":"0 9 * * *","recurrenceStartLocal":"{{value}}","recurrenceEndLocal":"{{value.Replace("2026-12-01", "2027-06-01")}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, recurring.StatusCode);
        Assert.Equal(["recurrenceEndLocal", "recurrenceStartLocal"], await ErrorFieldsAsync(recurring));

        var after = (await client.GetFromJsonAsync<CampaignDto>($"/api/outreach/campaigns/{campaign.Id}", Json))!;
        Assert.Null(after.ScheduledAt);
        Assert.Equal(CampaignStatus.Draft, after.Status);
    }

    [Fact]
    public async Task A_plain_local_schedule_is_read_as_Vietnam_time_and_one_after_2100_is_400()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await OutreachApiTests.CreateCampaignAsync(client, CampaignPurpose.Service, "Lịch xa");

        var ok = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw("""{"scheduledAtLocal":"2027-12-01T09:00:00"}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(new DateTimeOffset(2027, 12, 1, 2, 0, 0, TimeSpan.Zero), (await ok.Content.ReadFromJsonAsync<CampaignDto>(Json))!.ScheduledAt);

        var far = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw("""{"scheduledAtLocal":"9999-12-31T09:00:00"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        Assert.Equal(["scheduledAtLocal"], await ErrorFieldsAsync(far));
        var justAfter = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw("""{"scheduledAtLocal":"2101-01-01T00:00:00"}"""));
        Assert.Equal(["scheduledAtLocal"], await ErrorFieldsAsync(justAfter));
        var lastDay = await client.PutAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", Raw("""{"scheduledAtLocal":"2100-12-31T09:00:00"}"""));
        Assert.Equal(HttpStatusCode.OK, lastDay.StatusCode);

        var preview = await client.PostAsync("/api/outreach/campaigns/schedule-preview?count=3",
            Raw("""{"cron":"0 9 * * *","recurrenceStartLocal":"9999-01-01T00:00:00","recurrenceEndLocal":"9999-12-31T00:00:00"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.Equal(["recurrenceEndLocal", "recurrenceStartLocal"], await ErrorFieldsAsync(preview));
    }

    [Theory]
    [InlineData("""{"legalForms":["SingleMemberLlc, MultiMemberLlc"]}""", "legalForms[0]")]
    [InlineData("""{"legalForms":["SingleMemberLlc,MultiMemberLlc"]}""", "legalForms[0]")]
    [InlineData("""{"legalForms":["1"]}""", "legalForms[0]")]
    [InlineData("""{"legalForms":[99]}""", "legalForms[0]")]
    [InlineData("""{"sizes":["Micro","Micro, Small"]}""", "sizes[1]")]
    public async Task A_comma_joined_number_string_or_undefined_enum_value_is_400_naming_the_field(string body, string field)
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var response = await client.PostAsync("/api/outreach/segments/preview", Raw(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SmeSupport:MalformedRequest", problem.GetProperty("code").GetString());
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task A_single_enum_name_in_any_case_binds_to_the_same_count_and_a_number_is_refused()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        async Task<int> CountAsync(string body)
        {
            var response = await client.PostAsync("/api/outreach/segments/preview", Raw(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<SegmentPreviewDto>(Json))!.Count;
        }

        var exact = await CountAsync("""{"legalForms":["SingleMemberLlc"]}""");
        Assert.Equal(exact, await CountAsync("""{"legalForms":["singlememberllc"]}"""));
        // Numbers are refused (Core's strict enum converter): 400 naming the field and the allowed names.
        var number = await client.PostAsync("/api/outreach/segments/preview", Raw($$"""{"legalForms":[{{(int)LegalForm.SingleMemberLlc}}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        var problem = await number.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(nameof(LegalForm.SingleMemberLlc), problem.GetProperty("errors").GetProperty("legalForms[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.NotEqual(await CountAsync("""{"legalForms":["JointStockCompany"]}"""), exact);
    }

    [Theory]
    [InlineData("subjectTemplate", "A\r\nBcc: x@example.com")]
    [InlineData("subjectTemplate", "A\nB")]
    [InlineData("subjectTemplate", "A\u0000B")]
    [InlineData("subjectTemplateEn", "A\r\nBcc: x@example.com")]
    public async Task A_subject_template_with_a_line_break_or_control_character_is_400_on_its_field_and_not_saved(string field, string jsonSubject)
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var before = app.Scalar("SELECT COUNT(*) FROM EmailTemplates");
        var vi = field == "subjectTemplate" ? jsonSubject : "Thư {{ enterprise.name }}";
        var en = field == "subjectTemplateEn" ? jsonSubject : "Letter {{ enterprise.name }}";
        var response = await client.PostAsync("/api/outreach/templates", Raw($$"""
            {"name":"CRLF {{Guid.NewGuid():N}}","purpose":"Service","subjectTemplate":"{{vi}}","htmlTemplate":"<p>x</p>","textTemplate":"x",
             "subjectTemplateEn":"{{en}}","htmlTemplateEn":"<p>x</p>","textTemplateEn":"x"}
            """));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await ErrorFieldsAsync(response));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM EmailTemplates"));
    }

    [Fact]
    public async Task An_invalid_unsubscribe_link_gives_a_browser_a_localized_HTML_page_and_an_API_client_problem_details()
    {
        var anonymous = app.CreateAnonymousClient();
        using var browserVi = new HttpRequestMessage(HttpMethod.Get, "/api/outreach/unsubscribe?token=garbage");
        browserVi.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        browserVi.Headers.TryAddWithoutValidation("Accept-Language", "vi-VN,vi;q=0.9");
        var vi = await anonymous.SendAsync(browserVi);
        Assert.Equal(HttpStatusCode.BadRequest, vi.StatusCode);
        Assert.Equal("text/html", vi.Content.Headers.ContentType!.MediaType);
        var viHtml = await vi.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\">", viHtml, StringComparison.Ordinal);
        Assert.Contains("<h1>Liên kết không hợp lệ</h1>", viHtml, StringComparison.Ordinal);

        using var browserEn = new HttpRequestMessage(HttpMethod.Post, "/api/outreach/unsubscribe?token=garbage")
        {
            Content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]),
        };
        browserEn.Headers.TryAddWithoutValidation("Accept", "text/html");
        browserEn.Headers.TryAddWithoutValidation("Accept-Language", "en-GB,en;q=0.9");
        var en = await anonymous.SendAsync(browserEn);
        Assert.Equal(HttpStatusCode.BadRequest, en.StatusCode);
        Assert.Contains("<h1>Invalid link</h1>", await en.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await anonymous.GetAsync("/api/outreach/unsubscribe?token=garbage");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal(OutreachErrorCodes.InvalidUnsubscribeToken, (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_valid_unsubscribe_link_answers_the_confirmation_and_the_done_page_in_the_browsers_language()
    {
        var contact = await app.WithScopeAsync(async sp =>
        {
            await foreach (var c in sp.GetRequiredService<IEnterpriseContactDirectory>().StreamRecipientsAsync(null))
            {
                return c;
            }

            throw new InvalidOperationException("The seed has no contact.");
        });
        var key = "breaker-" + Guid.NewGuid().ToString("N");
        var token = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<UnsubscribeTokens>()
            .Issue(new UnsubscribeRequest(contact.ContactId, key, CampaignPurpose.Advertising))));
        var path = "/api/outreach/unsubscribe?token=" + Uri.EscapeDataString(token);
        var anonymous = app.CreateAnonymousClient();

        using var confirm = new HttpRequestMessage(HttpMethod.Get, path);
        confirm.Headers.TryAddWithoutValidation("Accept", "text/html");
        confirm.Headers.TryAddWithoutValidation("Accept-Language", "en");
        var page = await anonymous.SendAsync(confirm);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<button type=\"submit\">Confirm unsubscribe</button>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var done = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]) };
        done.Headers.TryAddWithoutValidation("Accept", "text/html");
        var ok = await anonymous.SendAsync(done);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("<h1>Đã hủy đăng ký</h1>", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM OutreachSuppressions WHERE AddressKey = '{key}'"));
    }
}
