using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmeSupport.Domain;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>
/// Template variants, placeholders, preview and test send on the real host: an enterprise in Phường Tân Hòa (Phú Thọ)
/// with an English- and a Vietnamese-reading contact, an active trial and an e-invoice registration, all made through
/// the other modules' APIs.
/// </summary>
public sealed class TemplateApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    private const string Placeholders =
        "{{ contact.name }}|{{ contact.position }}|{{ enterprise.name }}|{{ enterprise.short_name }}|{{ enterprise.tax_code }}|" +
        "{{ enterprise.ward }}|{{ enterprise.province }}|{{ trial.platform }}|{{ trial.provider }}|{{ trial.start }}|{{ trial.end }}|" +
        "{{ trial.status }}|{{ einvoice.step }}|{{ einvoice.kind }}|{{ einvoice.provider }}|{{ language }}";

    [Fact]
    public async Task The_ready_made_templates_have_English_variants_that_render()
    {
        var admin = await app.CreateAdminClientAsync();
        var world = await WorldAsync(admin);
        var templates = await admin.GetFromJsonAsync<List<EmailTemplateDto>>("/api/outreach/templates", Json);
        var names = new[]
        {
            Seeding.ReadyMadeCampaignsSeedContributor.TrialEndingName, Seeding.ReadyMadeCampaignsSeedContributor.EInvoiceNudgeName,
            Seeding.ReadyMadeCampaignsSeedContributor.InvitationName, Seeding.ReadyMadeCampaignsSeedContributor.TrialPastEndName,
            Seeding.ReadyMadeCampaignsSeedContributor.WelcomeName,
        };

        foreach (var name in names)
        {
            var template = templates!.Single(t => t.Name == name);
            Assert.True(template.HasEnglish, name);
            var en = await PreviewAsync(admin, template.Id, new { enterpriseId = world.EnterpriseId, contactId = world.EnglishContactId });
            Assert.Equal("en", en.Language);
            Assert.StartsWith("<p>Dear Jane Doe,</p>", en.HtmlBody, StringComparison.Ordinal);
        }

        var trialEnding = templates!.Single(t => t.Name == names[0]);
        var preview = await PreviewAsync(admin, trialEnding.Id, new { enterpriseId = world.EnterpriseId, contactId = world.EnglishContactId });
        Assert.Equal($"The trial of {world.Platform} at {world.Name} ends on 20 Dec 2026", preview.Subject);
    }

    [Fact]
    public async Task Contact_language_is_stored_defaulted_and_validated()
    {
        var admin = await app.CreateAdminClientAsync();
        var (enterpriseId, _) = await NewEnterpriseAsync(admin);

        var plain = await admin.PostAsJsonAsync($"/api/enterprises/{enterpriseId}/contacts", new { fullName = "Lê Văn Cường", email = "cuong@example.vn" });
        var english = await admin.PostAsJsonAsync($"/api/enterprises/{enterpriseId}/contacts",
            new { fullName = "John Smith", email = "john@example.com", preferredLanguage = "EN" });
        var bad = await admin.PostAsJsonAsync($"/api/enterprises/{enterpriseId}/contacts", new { fullName = "X", preferredLanguage = "fr" });

        Assert.Equal("vi", (await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("preferredLanguage").GetString());
        var en = await english.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("en", en.GetProperty("preferredLanguage").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("preferredLanguage", out _));

        // An update without the field keeps the language; with it, changes it.
        var id = en.GetProperty("id").GetGuid();
        var kept = await admin.PutAsJsonAsync($"/api/enterprises/{enterpriseId}/contacts/{id}",
            new { fullName = "John Smith", email = "john@example.com", concurrencyStamp = en.GetProperty("concurrencyStamp").GetString() });
        var keptBody = await kept.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("en", keptBody.GetProperty("preferredLanguage").GetString());
        var changed = await admin.PutAsJsonAsync($"/api/enterprises/{enterpriseId}/contacts/{id}",
            new { fullName = "John Smith", email = "john@example.com", preferredLanguage = "vi", concurrencyStamp = keptBody.GetProperty("concurrencyStamp").GetString() });
        Assert.Equal("vi", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("preferredLanguage").GetString());
    }

    [Fact]
    public async Task Preview_fills_every_placeholder_in_the_contacts_language_with_dates_and_labels_of_that_language()
    {
        var admin = await app.CreateAdminClientAsync();
        var world = await WorldAsync(admin);
        var template = await CreateTemplateAsync(admin, "Mẫu biến " + Guid.NewGuid().ToString("N")[..6], english: true);

        var en = await PreviewAsync(admin, template.Id, new { enterpriseId = world.EnterpriseId, contactId = world.EnglishContactId });
        var vi = await PreviewAsync(admin, template.Id, new { enterpriseId = world.EnterpriseId, contactId = world.EnglishContactId, language = "vi" });
        var viContact = await PreviewAsync(admin, template.Id, new { enterpriseId = world.EnterpriseId, contactId = world.VietnameseContactId });

        Assert.Equal("en", en.Language);
        Assert.Equal(
            $"EN|Jane Doe|Marketing Director|{world.Name}|HV Test|{world.TaxCode}|Phường Tân Hòa|Tỉnh Phú Thọ|{world.Platform}|{world.Provider}|" +
            "2 Nov 2026|20 Dec 2026|In progress|Registration submitted|With tax-authority code||en", en.Subject);
        Assert.Equal("vi", vi.Language);
        Assert.Equal(
            $"VI|Jane Doe|Marketing Director|{world.Name}|HV Test|{world.TaxCode}|Phường Tân Hòa|Tỉnh Phú Thọ|{world.Platform}|{world.Provider}|" +
            "02/11/2026|20/12/2026|Đang dùng thử|Đã nộp tờ khai đăng ký|Có mã của cơ quan thuế||vi", vi.Subject);
        Assert.Equal("vi", viContact.Language);
        Assert.StartsWith("VI|Trần Thị Bình|Kế toán trưởng|", viContact.Subject, StringComparison.Ordinal);
        Assert.Contains("This e-mail was sent by", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("Thư này được gửi bởi", vi.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>EN Jane Doe</p>", en.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_English_variant_an_English_contact_gets_Vietnamese_and_an_enterprise_without_trial_gets_empty_trial_values()
    {
        var admin = await app.CreateAdminClientAsync();
        var (enterpriseId, _) = await NewEnterpriseAsync(admin);
        var contact = await AddContactAsync(admin, enterpriseId, "Anna Lee", "anna@example.com", "en", null);
        var template = await CreateTemplateAsync(admin, "Mẫu chỉ tiếng Việt " + Guid.NewGuid().ToString("N")[..6], english: false);

        var preview = await PreviewAsync(admin, template.Id, new { enterpriseId, contactId = contact });

        Assert.Equal("vi", preview.Language);
        Assert.Contains("|||||Chưa đăng ký|||vi", preview.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_answers_404_for_an_unknown_enterprise_template_or_foreign_contact_and_400_without_an_enterprise()
    {
        var admin = await app.CreateAdminClientAsync();
        var world = await WorldAsync(admin);
        var template = await CreateTemplateAsync(admin, "Mẫu 404 " + Guid.NewGuid().ToString("N")[..6], english: false);
        var (other, _) = await NewEnterpriseAsync(admin);

        var unknownEnterprise = await admin.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/preview", new { enterpriseId = Guid.CreateVersion7() });
        var unknownTemplate = await admin.PostAsJsonAsync($"/api/outreach/templates/{Guid.CreateVersion7()}/preview", new { world.EnterpriseId });
        var foreignContact = await admin.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/preview",
            new { enterpriseId = other, contactId = world.EnglishContactId });
        var missing = await admin.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/preview", new { });
        var badLanguage = await admin.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/preview", new { world.EnterpriseId, language = "fr" });

        Assert.Equal(HttpStatusCode.NotFound, unknownEnterprise.StatusCode);
        Assert.Equal("SmeSupport:NotFound", (await unknownEnterprise.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownTemplate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignContact.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("enterpriseId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
    }

    [Fact]
    public async Task Unknown_placeholders_and_half_English_variants_are_refused_with_field_line_and_column()
    {
        var admin = await app.CreateAdminClientAsync();
        var unknownMember = await admin.PostAsJsonAsync("/api/outreach/templates", new
        {
            name = "Mẫu sai biến",
            purpose = "Service",
            subjectTemplate = "Chào",
            htmlTemplate = "<p>x</p>\n{{ if false }}<p>{{ enterprise.adress }}</p>{{ end }}",
            textTemplate = "x",
            subjectTemplateEn = "Hello {{ khach_hang }}",
            htmlTemplateEn = "<p>x</p>",
            textTemplateEn = "x",
        }, Json);
        var halfEnglish = await admin.PostAsJsonAsync("/api/outreach/templates", new
        {
            name = "Mẫu nửa tiếng Anh", purpose = "Service", subjectTemplate = "Chào", htmlTemplate = "<p>x</p>", textTemplate = "x",
            subjectTemplateEn = "Hello",
        }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, unknownMember.StatusCode);
        var errors = (await unknownMember.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var htmlError = errors.GetProperty("htmlTemplate")[0].GetString()!;
        Assert.StartsWith("Dòng 2, cột 3", htmlError, StringComparison.Ordinal);
        Assert.Contains("Trường giữ chỗ không xác định 'enterprise.adress'", htmlError, StringComparison.Ordinal);
        Assert.StartsWith("Dòng 1, cột 10", errors.GetProperty("subjectTemplateEn")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, halfEnglish.StatusCode);
        var half = (await halfEnglish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(half.TryGetProperty("htmlTemplateEn", out _));
        Assert.True(half.TryGetProperty("textTemplateEn", out _));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM EmailTemplates WHERE Name IN ('Mẫu sai biến', 'Mẫu nửa tiếng Anh')"));
    }

    [Fact]
    public async Task Update_changes_both_variants_and_a_stale_stamp_is_409()
    {
        var admin = await app.CreateAdminClientAsync();
        var template = await CreateTemplateAsync(admin, "Mẫu sửa " + Guid.NewGuid().ToString("N")[..6], english: false);
        var details = await admin.GetFromJsonAsync<EmailTemplateDetailsDto>($"/api/outreach/templates/{template.Id}", Json);

        var update = await admin.PutAsJsonAsync($"/api/outreach/templates/{template.Id}", new UpdateEmailTemplateDto
        {
            ConcurrencyStamp = details!.ConcurrencyStamp,
            Template = new CreateEmailTemplateDto
            {
                Name = template.Name, Purpose = CampaignPurpose.Service, SubjectTemplate = "Mới {{ enterprise.name }}", HtmlTemplate = "<p>Mới</p>",
                TextTemplate = "Mới", SubjectTemplateEn = "New {{ enterprise.name }}", HtmlTemplateEn = "<p>New</p>", TextTemplateEn = "New",
            },
        }, Json);
        var stale = await admin.PutAsJsonAsync($"/api/outreach/templates/{template.Id}", new UpdateEmailTemplateDto
        {
            ConcurrencyStamp = details.ConcurrencyStamp,
            Template = new CreateEmailTemplateDto { Name = template.Name, Purpose = CampaignPurpose.Service, SubjectTemplate = "x", HtmlTemplate = "x", TextTemplate = "x" },
        }, Json);

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var saved = await admin.GetFromJsonAsync<EmailTemplateDetailsDto>($"/api/outreach/templates/{template.Id}", Json);
        Assert.Equal("New {{ enterprise.name }}", saved!.Template.SubjectTemplateEn);
        Assert.True(saved.Template.HasEnglish);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(OutreachTemplateErrorCodes.TemplateChanged, (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_campaign_run_renders_each_recipient_in_their_language_and_records_it_in_the_outbox()
    {
        var admin = await app.CreateAdminClientAsync();
        var world = await WorldAsync(admin);
        var name = "Chiến dịch hai thứ tiếng " + Guid.NewGuid().ToString("N")[..6];
        var template = await CreateTemplateAsync(admin, "Mẫu " + name, english: true);
        var segment = await admin.PostAsJsonAsync("/api/outreach/segments",
            new { name, rules = new { trialStatuses = new[] { "Active" }, trialPlatformId = world.PlatformId } }, Json);
        Assert.Equal(HttpStatusCode.Created, segment.StatusCode);
        var segmentId = (await segment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var campaign = await admin.PostAsJsonAsync("/api/outreach/campaigns", new { name, purpose = "Service", templateId = template.Id, segmentId }, Json);
        var campaignId = (await campaign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var send = await admin.PostAsync($"/api/outreach/campaigns/{campaignId}/send", null);
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        var runId = (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();

        var rows = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Persistence.OutreachDb>();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.OutboxMessages.Where(m => m.RunId == runId && (m.ContactId == world.EnglishContactId || m.ContactId == world.VietnameseContactId)));
        });
        var enRow = Assert.Single(rows, r => r.ContactId == world.EnglishContactId);
        var viRow = Assert.Single(rows, r => r.ContactId == world.VietnameseContactId);
        Assert.Equal("en", enRow.Language);
        Assert.StartsWith($"EN|Jane Doe|Marketing Director|{world.Name}|", enRow.Subject, StringComparison.Ordinal);
        Assert.Contains($"|{world.Platform}|{world.Provider}|2 Nov 2026|20 Dec 2026|In progress|", enRow.Subject, StringComparison.Ordinal);
        Assert.Equal("vi", viRow.Language);
        Assert.StartsWith("VI|Trần Thị Bình|Kế toán trưởng|", viRow.Subject, StringComparison.Ordinal);
        Assert.Contains("|02/11/2026|20/12/2026|Đang dùng thử|", viRow.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_send_goes_only_to_the_signed_in_user_with_a_TEST_subject_through_the_email_sender_and_is_limited_to_10_an_hour()
    {
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var officer = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var admin = await app.CreateAdminClientAsync();
        var world = await WorldAsync(admin);
        var template = await CreateTemplateAsync(admin, "Mẫu gửi thử " + Guid.NewGuid().ToString("N")[..6], english: true);
        var outboxBefore = app.Scalar("SELECT COUNT(*) FROM OutboxMessages");

        var first = await officer.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/test-send", new { world.EnterpriseId, language = "en" }, Json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = (await first.Content.ReadFromJsonAsync<TemplateTestSendResultDto>(Json))!;
        Assert.Equal(email, result.To);
        Assert.Equal("en", result.Language);
        Assert.Equal(9, result.RemainingThisHour);
        var file = Directory.GetFiles(app.OutboxPath, "*.eml").Single(f => f.EndsWith(result.ProviderMessageId!, StringComparison.Ordinal)
                                                                         || Path.GetFileName(f) == result.ProviderMessageId);
        var mime = await MimeMessage.LoadAsync(file);
        Assert.Equal(email, mime.To.Mailboxes.Single().Address);
        Assert.StartsWith("[TEST] EN|", mime.Subject, StringComparison.Ordinal);
        Assert.Equal(outboxBefore, app.Scalar("SELECT COUNT(*) FROM OutboxMessages"));

        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/test-send", new { world.EnterpriseId }, Json)).StatusCode);
        }

        var limited = await officer.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/test-send", new { world.EnterpriseId }, Json);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal(OutreachTemplateErrorCodes.TestSendRateLimited, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(10, Directory.GetFiles(app.OutboxPath, "*.eml").Count(f => MimeMessage.Load(f).To.Mailboxes.Single().Address == email));

        // Another user is not limited by this one's sends (the sliding hour itself: TemplateTests).
        var other = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/test-send", new { world.EnterpriseId }, Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await officer.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/test-send", new { enterpriseId = Guid.CreateVersion7() }, Json)).StatusCode);
        var enterpriseUser = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await enterpriseUser.PostAsJsonAsync($"/api/outreach/templates/{template.Id}/test-send", new { world.EnterpriseId }, Json)).StatusCode);
    }

    private sealed record World(Guid EnterpriseId, string Name, string TaxCode, Guid EnglishContactId, Guid VietnameseContactId, Guid PlatformId,
        string Platform, string Provider);

    private static async Task<World> WorldAsync(HttpClient admin)
    {
        var (enterpriseId, taxCode) = await NewEnterpriseAsync(admin);
        var name = (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{enterpriseId}")).GetProperty("name").GetString()!;
        var en = await AddContactAsync(admin, enterpriseId, "Jane Doe", $"jane-{Guid.NewGuid():N}@example.com", "en", "Marketing Director");
        var vi = await AddContactAsync(admin, enterpriseId, "Trần Thị Bình", $"binh-{Guid.NewGuid():N}@example.vn", null, "Kế toán trưởng");
        foreach (var contact in new[] { en, vi })
        {
            Assert.True((await admin.PostAsJsonAsync($"/api/enterprises/{enterpriseId}/contacts/{contact}/consents",
                new { purpose = "Service", via = "PaperForm" })).IsSuccessStatusCode);
        }

        var platform = (await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms")).EnumerateArray().First();
        var platformId = platform.GetProperty("id").GetGuid();
        var trial = await admin.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2026-11-02", endDate = "2026-12-20" });
        Assert.Equal(HttpStatusCode.Created, trial.StatusCode);
        var trialId = (await trial.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/trials/{trialId}/start", null)).StatusCode);
        var step = await admin.PostAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/steps",
            new { step = "RegistrationSubmitted", date = "2026-11-10", kind = "WithCode" });
        Assert.Equal(HttpStatusCode.Created, step.StatusCode);
        return new World(enterpriseId, name, taxCode, en, vi, platformId, platform.GetProperty("name").GetString()!,
            platform.GetProperty("provider").GetString()!);
    }

    private static async Task<(Guid Id, string TaxCode)> NewEnterpriseAsync(HttpClient admin)
    {
        string taxCode;
        while (true)
        {
            var nine = "25" + Random.Shared.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            if (nine[2..] != "0000000" && TaxCode.ComputeCheckDigit(nine) is { } check)
            {
                taxCode = nine + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            }
        }

        var response = await admin.PostAsJsonAsync("/api/enterprises", new
        {
            taxCode,
            name = "Công ty TNHH Hùng Vương " + taxCode[^4..],
            shortName = "HV Test",
            legalForm = "SingleMemberLlc",
            industryCode = "4711",
            employees = 5,
            annualRevenueVnd = 2_000_000_000m,
            capitalVnd = 1_000_000_000m,
            wardCode = 4792,
            street = "Số 5, đường Trần Phú",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), taxCode);
    }

    private static async Task<Guid> AddContactAsync(HttpClient admin, Guid enterpriseId, string name, string email, string? language, string? position)
    {
        var response = await admin.PostAsJsonAsync($"/api/enterprises/{enterpriseId}/contacts",
            new { fullName = name, email, preferredLanguage = language, position });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<EmailTemplateDto> CreateTemplateAsync(HttpClient client, string name, bool english)
    {
        var response = await client.PostAsJsonAsync("/api/outreach/templates", new CreateEmailTemplateDto
        {
            Name = name,
            Purpose = CampaignPurpose.Service,
            SubjectTemplate = "VI|" + Placeholders,
            HtmlTemplate = "<p>VI {{ contact.name }}</p>",
            TextTemplate = "VI {{ contact.name }}",
            SubjectTemplateEn = english ? "EN|" + Placeholders : null,
            HtmlTemplateEn = english ? "<p>EN {{ contact.name }}</p>" : null,
            TextTemplateEn = english ? "EN {{ contact.name }}" : null,
        }, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EmailTemplateDto>(Json))!;
    }

    private static async Task<TemplatePreviewDto> PreviewAsync(HttpClient client, Guid templateId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/outreach/templates/{templateId}/preview", body, Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TemplatePreviewDto>(Json))!;
    }
}
