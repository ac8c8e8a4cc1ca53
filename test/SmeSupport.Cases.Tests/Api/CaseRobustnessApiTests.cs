using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.Cases.Contracts;
using SmeSupport.TestBase;
using static SmeSupport.Cases.Tests.Api.CasesAppFactory;

namespace SmeSupport.Cases.Tests.Api;

/// <summary>
/// Defects found by a breaker and a new-user walkthrough: concurrent moves, cases without a contact, malformed uploads,
/// extreme dates, long subjects, duplicate follow-ups, line breaks, weekend overdue, coverage and paging.
/// </summary>
public sealed class CaseRobustnessApiTests(CasesAppFactory app) : IClassFixture<CasesAppFactory>
{
    private const string Officer = SmeSupportAppFactory.Roles.Officer;

    private long Count(string table, Guid caseId) => app.Scalar($"SELECT COUNT(*) FROM {table} WHERE SupportCaseId = '{Sql(caseId)}'");

    private static async Task<Guid> OpenAsync(HttpClient client, object body) =>
        (await Ok(await client.PostAsJsonAsync("/api/cases", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task Officers_moving_the_same_case_at_once_get_one_success_and_409s_and_one_status_change()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (officerId, client) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(0);
        var id = await OpenAsync(client, new { enterpriseId, subject = "Hai cán bộ cùng lúc", type = "Consultation", channel = "Phone", assigneeId = officerId });
        var before = Count("SupportCaseStatusChanges", id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync($"/api/cases/{id}/start", null)));

        var codes = new List<string>();
        foreach (var r in responses)
        {
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {text}");
            if (r.StatusCode == HttpStatusCode.Conflict)
            {
                codes.Add(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!);
            }
        }

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(codes, c => Assert.Contains(c, new[] { CasesErrorCodes.ConcurrentChange, CasesErrorCodes.InvalidTransition }));
        Assert.Equal(before + 1, Count("SupportCaseStatusChanges", id));
        Assert.Equal("InProgress", (await Ok(await client.GetAsync($"/api/cases/{id}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_portal_case_takes_the_contact_of_the_signed_in_user_and_staff_replies_reach_it()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(4);
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        var admin = await app.CreateAdminClientAsync();
        var contact = await Ok(await admin.PostAsJsonAsync($"/api/enterprises/{enterpriseId}/contacts",
            new { fullName = "Người dùng cổng", email = email.ToUpperInvariant() }), HttpStatusCode.Created);
        var portal = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);

        var opened = await Ok(await portal.PostAsJsonAsync("/api/portal/cases", new { subject = "Cần hỗ trợ", type = "Other" }), HttpStatusCode.Created);
        var id = opened.GetProperty("id").GetGuid();
        var staffView = await Ok(await admin.GetAsync($"/api/cases/{id}"));
        Assert.Equal(contact.GetProperty("id").GetGuid(), staffView.GetProperty("contactId").GetGuid());

        // That contact has not consented to service messages: the reply says why it was not e-mailed.
        var reply = await Ok(await admin.PostAsJsonAsync($"/api/cases/{id}/messages", new { body = "Đã nhận." }), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("emailedAt").ValueKind);
        Assert.Equal("The contact has not consented to service messages (Law 91/2025/QH15).", reply.GetProperty("emailNote").GetString());
        var listed = (await Ok(await admin.GetAsync($"/api/cases/{id}/messages"))).EnumerateArray().Single();
        Assert.Equal(reply.GetProperty("emailNote").GetString(), listed.GetProperty("emailNote").GetString());
        var seen = (await Ok(await portal.GetAsync($"/api/portal/cases/{id}/messages"))).EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("emailNote").ValueKind);
    }

    [Fact]
    public async Task Without_a_matching_contact_portal_cases_and_visit_follow_ups_take_a_consenting_contact_and_are_emailed()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (_, enterpriseId, ward) = app.ContactWithServiceConsent(5);
        var consenting = ConsentingContacts(enterpriseId);
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        var (officerId, staff) = await app.UserAsync(Officer);

        var id = (await Ok(await portal.PostAsJsonAsync("/api/portal/cases", new { subject = "Không có liên hệ", type = "Other" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        Assert.Contains((await Ok(await staff.GetAsync($"/api/cases/{id}"))).GetProperty("contactId").GetGuid(), consenting);
        var reply = await Ok(await staff.PostAsJsonAsync($"/api/cases/{id}/messages", new { body = "Chúng tôi sẽ gọi lại." }), HttpStatusCode.Created);
        Assert.NotEqual(JsonValueKind.Null, reply.GetProperty("emailedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("emailNote").ValueKind);

        var visitId = (await Ok(await staff.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-14", wardCode = ward, memberUserIds = new[] { officerId }, enterpriseIds = new[] { enterpriseId },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var followUp = await Ok(await staff.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case",
            new { enterpriseId, subject = "Sau chuyến thăm", type = "Consultation" }), HttpStatusCode.Created);
        Assert.Contains(followUp.GetProperty("contactId").GetGuid(), consenting);
    }

    [Fact]
    public async Task A_follow_up_submitted_twice_at_once_opens_one_case_and_the_other_is_409()
    {
        app.SetVietnamTime("2025-11-20 15:00");
        var (officerId, client) = await app.UserAsync(Officer);
        var (_, enterpriseId, ward) = app.ContactWithServiceConsent(6);
        var visitId = (await Ok(await client.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-19", wardCode = ward, memberUserIds = new[] { officerId }, enterpriseIds = new[] { enterpriseId },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case",
            new { enterpriseId, subject = "Gửi hai lần", type = "Consultation", assigneeId = officerId })));

        var created = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var caseId = (await Body(created)).GetProperty("id").GetGuid();
        foreach (var r in responses.Where(r => r != created))
        {
            var problem = await Problem(r, HttpStatusCode.Conflict, CasesErrorCodes.FollowUpAlreadyOpen);
            Assert.Equal(caseId, problem.GetProperty("caseId").GetGuid());
        }

        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM SupportCases WHERE CommunityVisitId = '{Sql(visitId)}'"));
        Assert.Equal(1, Count("SupportCaseMessages", caseId));

        // Once that case is resolved, another follow-up may be opened.
        await Ok(await client.PostAsync($"/api/cases/{caseId}/start", null));
        await Ok(await client.PostAsync($"/api/cases/{caseId}/resolve", null));
        await Ok(await client.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case", new { enterpriseId, subject = "Lần sau", type = "Consultation" }),
            HttpStatusCode.Created);
    }

    [Fact]
    public async Task Malformed_uploads_are_400_problem_details_and_nothing_is_stored()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (officerId, staff) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(7);
        var id = await OpenAsync(staff, new { enterpriseId, subject = "Tải tệp hỏng", type = "Other", channel = "Phone", assigneeId = officerId });
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);

        foreach (var (client, url) in new[] { (staff, $"/api/cases/{id}/attachments"), (portal, $"/api/portal/cases/{id}/attachments") })
        {
            // Body cut off before the closing boundary.
            await Problem(await client.PostAsync(url, Raw("b1", "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello")),
                HttpStatusCode.BadRequest, "SmeSupport:MalformedRequest", "file");

            // More than 1,024 form values.
            var many = new StringBuilder();
            for (var i = 0; i < 1100; i++)
            {
                many.Append(CultureInvariant($"--b2\r\nContent-Disposition: form-data; name=\"v{i}\"\r\n\r\nx\r\n"));
            }

            many.Append("--b2--\r\n");
            await Problem(await client.PostAsync(url, Raw("b2", many.ToString())), HttpStatusCode.BadRequest, "SmeSupport:MalformedRequest", "file");

            // A boundary over 128 characters, and none at all.
            var longBoundary = new string('q', 200);
            await Problem(await client.PostAsync(url, Raw(longBoundary, $"--{longBoundary}\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--{longBoundary}--\r\n")),
                HttpStatusCode.BadRequest, "SmeSupport:MalformedRequest", "file");
            var noBoundary = new StringContent("--b3\r\n\r\n", Encoding.UTF8);
            noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
            await Problem(await client.PostAsync(url, noBoundary), HttpStatusCode.BadRequest, "SmeSupport:MalformedRequest", "file");

            // A 20,000-character file name.
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent("hello"u8.ToArray()), "file", new string('n', 20_000) + ".txt");
            var response = await client.PostAsync(url, form);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // 35 MB: 413 with the attachment code.
        var big = new MultipartFormDataContent();
        big.Add(new ByteArrayContent(new byte[35 * 1024 * 1024]), "file", "big.pdf");
        await Problem(await staff.PostAsync($"/api/cases/{id}/attachments", big), HttpStatusCode.RequestEntityTooLarge, CasesErrorCodes.AttachmentTooLarge);

        Assert.Equal(0, Count("SupportCaseAttachments", id));
        Assert.False(Directory.Exists(Path.Combine(app.AttachmentsPath, id.ToString("N"))) && Directory.GetFiles(Path.Combine(app.AttachmentsPath, id.ToString("N"))).Length > 0);
    }

    [Fact]
    public async Task Figures_with_extreme_dates_are_400_field_errors()
    {
        var client = await app.CreateAdminClientAsync();
        await Problem(await client.GetAsync("/api/cases/figures?to=0001-01-05"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "to");
        await Problem(await client.GetAsync("/api/cases/figures?from=9999-12-31"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "from");
        await Problem(await client.GetAsync("/api/cases/figures?to=9999-12-31"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "to");
        await Problem(await client.GetAsync("/api/cases/figures?from=1999-12-31&to=2000-01-05"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "from");
        var edge = await Ok(await client.GetAsync("/api/cases/figures?from=2100-12-01&to=2100-12-31"));
        Assert.Equal(0, edge.GetProperty("total").GetProperty("cases").GetInt32());
    }

    [Fact]
    public async Task Subjects_longer_after_normalization_or_without_visible_characters_are_400()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (_, staff) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(8);
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        var before = app.Scalar("SELECT COUNT(*) FROM SupportCases");

        // 200 × U+0958 is 400 characters in NFC (U+0915 U+093C).
        var growing = new string('\u0958', 200);
        await Problem(await staff.PostAsJsonAsync("/api/cases", new { enterpriseId, subject = growing, type = "Other", channel = "Phone" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "subject");
        await Problem(await portal.PostAsJsonAsync("/api/portal/cases", new { subject = growing, type = "Other" }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "subject");
        var invisible = "\u200B\u200B\u0007\u00A0\u2060";
        await Problem(await staff.PostAsJsonAsync("/api/cases", new { enterpriseId, subject = invisible, type = "Other", channel = "Phone" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "subject");
        await Problem(await portal.PostAsJsonAsync("/api/portal/cases", new { subject = invisible, type = "Other" }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "subject");
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM SupportCases"));

        // 100 × U+0958 = 200 characters after NFC: accepted, stored normalized.
        var ok = await Ok(await staff.PostAsJsonAsync("/api/cases", new { enterpriseId, subject = new string('\u0958', 100), type = "Other", channel = "Phone" }),
            HttpStatusCode.Created);
        Assert.Equal(string.Concat(Enumerable.Repeat("\u0915\u093C", 100)), ok.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Line_breaks_in_messages_and_descriptions_are_kept_and_e_mailed()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (officerId, staff) = await app.UserAsync(Officer);
        var (contactId, enterpriseId, _) = app.ContactWithServiceConsent(9);
        var id = (await Ok(await staff.PostAsJsonAsync("/api/cases", new
        {
            enterpriseId, contactId, subject = "Dòng  một\nhai", description = "Bước 1:  mở\r\nBước 2: đóng\n\n\n\nXong", type = "Other", channel = "Phone",
            assigneeId = officerId,
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var read = await Ok(await staff.GetAsync($"/api/cases/{id}"));
        Assert.Equal("Dòng một hai", read.GetProperty("subject").GetString());
        Assert.Equal("Bước 1: mở\nBước 2: đóng\n\nXong", read.GetProperty("description").GetString());

        var outbox = Directory.Exists(app.OutboxPath) ? Directory.GetFiles(app.OutboxPath).Length : 0;
        var reply = await Ok(await staff.PostAsJsonAsync($"/api/cases/{id}/messages", new { body = "  Kính gửi anh,\r\n\r\nVui lòng   làm theo:\n- bước một\n- bước hai  " }),
            HttpStatusCode.Created);
        Assert.Equal("Kính gửi anh,\n\nVui lòng làm theo:\n- bước một\n- bước hai", reply.GetProperty("body").GetString());
        var mails = Directory.GetFiles(app.OutboxPath).OrderBy(File.GetLastWriteTimeUtc).ToList();
        Assert.Equal(outbox + 1, mails.Count);
        var mail = (MimeKit.MimeMessage.Load(mails[^1]).TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("Kính gửi anh,\n\nVui lòng làm theo:\n- bước một\n- bước hai", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_due_at_Friday_17_00_is_overdue_all_weekend_in_the_list_the_filter_and_the_monitor()
    {
        // Urgent: resolution 240 working minutes. Opened Friday 21/11/2025 11:00: 11:00–11:30 (30) + 13:30–17:00 (210) = 240 → due Friday 17:00.
        app.SetVietnamTime("2025-11-21 11:00");
        var (officerId, staff) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(10);
        var id = await OpenAsync(staff, new { enterpriseId, subject = "Hạn chiều thứ Sáu", type = "Other", channel = "Phone", priority = "Urgent", assigneeId = officerId });
        var email = await EmailOf(officerId);

        app.SetVietnamTime("2025-11-21 17:00");
        staff = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var atDue = (await Ok(await staff.GetAsync($"/api/cases/{id}"))).GetProperty("serviceLevel");
        Assert.Equal(Vn("2025-11-21 17:00"), atDue.GetProperty("resolutionDueAt").GetDateTimeOffset());
        Assert.Equal(0, atDue.GetProperty("resolutionRemainingMinutes").GetDouble());
        Assert.False(atDue.GetProperty("resolutionBreached").GetBoolean());

        // Saturday 10:00: no working time passed since, but the due time has.
        app.SetVietnamTime("2025-11-22 10:00");
        staff = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var saturday = (await Ok(await staff.GetAsync($"/api/cases/{id}"))).GetProperty("serviceLevel");
        Assert.Equal(0, saturday.GetProperty("resolutionRemainingMinutes").GetDouble());
        Assert.True(saturday.GetProperty("resolutionBreached").GetBoolean());
        Assert.True(saturday.GetProperty("firstResponseBreached").GetBoolean());
        var overdue = await Ok(await staff.GetAsync($"/api/cases?overdue=true&assigneeId={officerId}"));
        Assert.Equal([id], overdue.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));

        await CaseServiceLevelJob.RunOnceAsync(app.Services);
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM SupportCaseSlaNotifications WHERE SupportCaseId = '{Sql(id)}' AND Threshold = 3"));  // ResolutionBreach
    }

    [Fact]
    public async Task Resolved_cases_show_met_or_missed_not_paused_with_their_due_time()
    {
        // Urgent, opened Monday 17/11/2025 09:00: due 09:00 + 150 (to 11:30) + 90 → 15:00.
        app.SetVietnamTime("2025-11-17 09:00");
        var (officerId, staff) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(11);
        var email = await EmailOf(officerId);
        var met = await OpenAsync(staff, new { enterpriseId, subject = "Kịp hạn", type = "Other", channel = "Phone", priority = "Urgent", assigneeId = officerId });
        var missed = await OpenAsync(staff, new { enterpriseId, subject = "Trễ hạn", type = "Other", channel = "Phone", priority = "Urgent", assigneeId = officerId });
        await Ok(await staff.PostAsync($"/api/cases/{met}/start", null));
        await Ok(await staff.PostAsync($"/api/cases/{missed}/start", null));

        app.SetVietnamTime("2025-11-17 10:00");
        staff = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var resolved = (await Ok(await staff.PostAsync($"/api/cases/{met}/resolve", null))).GetProperty("serviceLevel");
        Assert.False(resolved.GetProperty("isPaused").GetBoolean());
        Assert.True(resolved.GetProperty("resolutionMet").GetBoolean());
        Assert.Equal(180, resolved.GetProperty("resolutionRemainingMinutes").GetDouble());
        // Would have been due 10:00 + 90 (to 11:30) + 90 → 15:00, the same as when it was opened.
        Assert.Equal(Vn("2025-11-17 15:00"), resolved.GetProperty("resolutionDueAt").GetDateTimeOffset());

        app.SetVietnamTime("2025-11-18 08:00");
        staff = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var late = (await Ok(await staff.PostAsync($"/api/cases/{missed}/resolve", null))).GetProperty("serviceLevel");
        Assert.False(late.GetProperty("resolutionMet").GetBoolean());
        Assert.Equal(Vn("2025-11-17 15:00"), late.GetProperty("resolutionDueAt").GetDateTimeOffset());
        // 09:00–11:30 (150) + 13:30–17:00 (210) + 07:30–08:00 (30) = 390 → 150 over.
        Assert.Equal(-150, late.GetProperty("resolutionRemainingMinutes").GetDouble());
        var closed = (await Ok(await staff.PostAsync($"/api/cases/{missed}/close", null))).GetProperty("serviceLevel");
        Assert.False(closed.GetProperty("resolutionMet").GetBoolean());
        Assert.False(closed.GetProperty("isPaused").GetBoolean());

        var open = await OpenAsync(staff, new { enterpriseId, subject = "Còn mở", type = "Other", channel = "Phone" });
        Assert.Equal(JsonValueKind.Null, (await Ok(await staff.GetAsync($"/api/cases/{open}"))).GetProperty("serviceLevel").GetProperty("resolutionMet").ValueKind);
    }

    [Fact]
    public async Task Coverage_of_an_unknown_commune_and_non_staff_visit_members_are_400_and_visits_keep_enterprises_with_follow_ups()
    {
        app.SetVietnamTime("2025-11-20 15:00");
        var (officerId, staff) = await app.UserAsync(Officer);
        var admin = await app.CreateAdminClientAsync();
        var (_, enterpriseId, ward) = app.ContactWithServiceConsent(12);
        await Problem(await admin.PutAsJsonAsync($"/api/cases/coverage/{officerId}", new { wardCodes = new[] { ward, 999999 } }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "wardCodes");
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM OfficerCommuneCoverages WHERE OfficerId = '{Sql(officerId)}'"));
        await Ok(await admin.PutAsJsonAsync($"/api/cases/coverage/{officerId}", new { wardCodes = new[] { ward } }));

        var enterpriseUser = app.UserId(await app.CreateUserAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId));
        var visits = app.Scalar("SELECT COUNT(*) FROM CommunityVisits");
        await Problem(await staff.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-19", wardCode = ward, memberUserIds = new[] { officerId, enterpriseUser }, enterpriseIds = new[] { enterpriseId },
        }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "memberUserIds");
        Assert.Equal(visits, app.Scalar("SELECT COUNT(*) FROM CommunityVisits"));

        var other = OtherEnterprise(enterpriseId);
        var visitId = (await Ok(await staff.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-19", wardCode = ward, memberUserIds = new[] { officerId }, enterpriseIds = new[] { enterpriseId, other },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Ok(await staff.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case", new { enterpriseId, subject = "Theo dõi", type = "Other" }),
            HttpStatusCode.Created);
        await Problem(await staff.PutAsJsonAsync($"/api/cases/visits/{visitId}", new
        {
            visitDate = "2025-11-19", wardCode = ward, memberUserIds = new[] { officerId }, enterpriseIds = new[] { other },
        }), HttpStatusCode.Conflict, CasesErrorCodes.VisitEnterpriseHasFollowUp);
        var kept = await Ok(await staff.GetAsync($"/api/cases/visits/{visitId}"));
        Assert.Equal(2, kept.GetProperty("enterpriseIds").GetArrayLength());

        // Removing the enterprise without a follow-up is fine.
        var edited = await Ok(await staff.PutAsJsonAsync($"/api/cases/visits/{visitId}", new
        {
            visitDate = "2025-11-19", wardCode = ward, memberUserIds = new[] { officerId }, enterpriseIds = new[] { enterpriseId },
        }));
        Assert.Equal([enterpriseId], edited.GetProperty("enterpriseIds").EnumerateArray().Select(e => e.GetGuid()));
    }

    [Fact]
    public async Task Portal_paging_far_past_the_end_is_empty()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(14);
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        await Ok(await portal.PostAsJsonAsync("/api/portal/cases", new { subject = "Một yêu cầu", type = "Other" }), HttpStatusCode.Created);
        var first = await Ok(await portal.GetAsync("/api/portal/cases?page=1&pageSize=200"));
        Assert.True(first.GetProperty("items").GetArrayLength() >= 1);
        var far = await Ok(await portal.GetAsync("/api/portal/cases?page=21474837&pageSize=200"));
        Assert.Equal(0, far.GetProperty("items").GetArrayLength());
        Assert.Equal(first.GetProperty("totalCount").GetInt32(), far.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Case_errors_are_told_in_vietnamese_by_default_and_in_english_on_request()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (_, staff) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(15);
        var id = await OpenAsync(staff, new { enterpriseId, subject = "Lỗi có lời", type = "Other", channel = "Phone" });
        var vi = await Problem(await staff.PostAsync($"/api/cases/{id}/start", null), HttpStatusCode.Conflict, CasesErrorCodes.InvalidTransition);
        Assert.Equal("Yêu cầu đang ở trạng thái New: quy trình không cho phép bước này.", vi.GetProperty("detail").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/start");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await Problem(await staff.SendAsync(request), HttpStatusCode.Conflict, CasesErrorCodes.InvalidTransition);
        Assert.Equal("The case is New: the workflow does not allow this step.", en.GetProperty("detail").GetString());
    }

    /// <summary>An enterprise (not deleted) other than <paramref name="notThis"/>.</summary>
    private Guid OtherEnterprise(Guid notThis) =>
        Guid.Parse(app.ScalarText($"SELECT Id FROM Enterprises WHERE IsDeleted = 0 AND Id <> '{Sql(notThis)}' ORDER BY Id LIMIT 1"));

    private Task<string> EmailOf(Guid userId)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT Email FROM AspNetUsers WHERE Id = '{Sql(userId)}'";
        return Task.FromResult((string)cmd.ExecuteScalar()!);
    }

    private static string CultureInvariant(FormattableString s) => FormattableString.Invariant(s);

    private static ByteArrayContent Raw(string boundary, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return content;
    }

    /// <summary>Contacts of the enterprise with an e-mail address and service-message consent not withdrawn.</summary>
    private List<Guid> ConsentingContacts(Guid enterpriseId)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT c.Id FROM Contacts c WHERE c.EnterpriseId = '{Sql(enterpriseId)}' AND c.IsDeleted = 0 AND c.Email IS NOT NULL
              AND EXISTS (SELECT 1 FROM ContactConsents k WHERE k.ContactId = c.Id AND k.Purpose = 1 AND k.WithdrawnAt IS NULL)
            """;
        using var reader = cmd.ExecuteReader();
        var ids = new List<Guid>();
        while (reader.Read())
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        Assert.NotEmpty(ids);
        return ids;
    }
}
