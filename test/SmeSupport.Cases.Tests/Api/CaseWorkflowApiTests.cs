using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.Cases.Contracts;
using SmeSupport.TestBase;
using static SmeSupport.Cases.Tests.Api.CasesAppFactory;

namespace SmeSupport.Cases.Tests.Api;

/// <summary>Workflow, service levels, assignment, conversation, attachments, portal, holidays and the monitor job, through HTTP.</summary>
public sealed class CaseWorkflowApiTests(CasesAppFactory app) : IClassFixture<CasesAppFactory>
{
    private const string Officer = SmeSupportAppFactory.Roles.Officer;

    private long Count(string table, Guid caseId) => app.Scalar($"SELECT COUNT(*) FROM {table} WHERE SupportCaseId = '{Sql(caseId)}'");

    private string StatusOf(Guid caseId) => ((CaseStatus)app.Scalar($"SELECT Status FROM SupportCases WHERE Id = '{Sql(caseId)}'")).ToString();

    private static async Task<Guid> OpenAsync(HttpClient client, object body) =>
        (await Ok(await client.PostAsJsonAsync("/api/cases", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task Service_level_of_a_case_opened_at_11_20()
    {
        app.SetVietnamTime("2025-11-17 11:20");
        var (officerId, client) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(0);
        var id = await OpenAsync(client, new { enterpriseId, subject = "Lỗi phát hành hóa đơn", type = "EInvoiceHelp", channel = "Phone", priority = "Urgent", assigneeId = officerId });

        var level = (await Ok(await client.GetAsync($"/api/cases/{id}"))).GetProperty("serviceLevel");
        // Urgent: first response 60 working minutes → 11:30 (10) + 13:30–14:20 (50).
        Assert.Equal(Vn("2025-11-17 14:20"), level.GetProperty("firstResponseDueAt").GetDateTimeOffset());
        // Resolution 240: 10 + 210 (13:30–17:00) = 220 on Monday, Tuesday 07:30 + 20 = 07:50.
        Assert.Equal(Vn("2025-11-18 07:50"), level.GetProperty("resolutionDueAt").GetDateTimeOffset());
        Assert.Equal(240, level.GetProperty("resolutionRemainingMinutes").GetDouble());
        Assert.False(level.GetProperty("isPaused").GetBoolean());

        // Lunch does not count: at 13:40, 10 + 10 minutes have run.
        app.SetVietnamTime("2025-11-17 13:40");
        client = await app.CreateClientAsync(await EmailOf(officerId), SmeSupportAppFactory.UserPassword); // tokens last an hour of the host's clock
        level = (await Ok(await client.GetAsync($"/api/cases/{id}"))).GetProperty("serviceLevel");
        Assert.Equal(40, level.GetProperty("firstResponseRemainingMinutes").GetDouble());
        Assert.Equal(220, level.GetProperty("resolutionRemainingMinutes").GetDouble());
    }

    [Fact]
    public async Task Workflow_steps_pause_and_resume_the_clock_and_refusals_change_nothing()
    {
        app.SetVietnamTime("2025-11-17 10:00");
        var (officerId, client) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(1);
        var id = await OpenAsync(client, new { enterpriseId, subject = "Tư vấn", type = "Consultation", channel = "Email", priority = "High" });
        Assert.Equal("New", StatusOf(id));

        // Start on a New case is not a workflow step: 409 and nothing changes.
        var changes = Count("SupportCaseStatusChanges", id);
        await Problem(await client.PostAsync($"/api/cases/{id}/start", null), HttpStatusCode.Conflict, CasesErrorCodes.InvalidTransition);
        Assert.Equal("New", StatusOf(id));
        Assert.Equal(changes, Count("SupportCaseStatusChanges", id));

        // Unknown assignee: 400, nothing changes.
        await Problem(await client.PostAsJsonAsync($"/api/cases/{id}/assign", new { assigneeId = Guid.NewGuid() }), HttpStatusCode.BadRequest,
            "SmeSupport:Validation", "assigneeId");
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM SupportCases WHERE Id = '{Sql(id)}' AND AssigneeId IS NOT NULL"));
        await Problem(await client.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/assign", new { assigneeId = officerId }), HttpStatusCode.NotFound, "SmeSupport:NotFound");

        var assigned = await Ok(await client.PostAsJsonAsync($"/api/cases/{id}/assign", new { assigneeId = officerId }));
        Assert.Equal("Assigned", assigned.GetProperty("status").GetString());
        Assert.Equal("InProgress", (await Ok(await client.PostAsync($"/api/cases/{id}/start", null))).GetProperty("status").GetString());

        // High: resolution 450 min. Wait at 14:00 after 2 h (10:00–11:30, 13:30–14:00).
        app.SetVietnamTime("2025-11-17 14:00");
        client = await app.CreateClientAsync(await EmailOf(officerId), SmeSupportAppFactory.UserPassword);
        var waiting = await Ok(await client.PostAsync($"/api/cases/{id}/wait-for-enterprise", null));
        Assert.Equal("WaitingForEnterprise", waiting.GetProperty("status").GetString());
        Assert.True(waiting.GetProperty("serviceLevel").GetProperty("isPaused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("serviceLevel").GetProperty("resolutionDueAt").ValueKind);

        // Paused overnight: still 330 minutes left at Tuesday 10:00, when it resumes; 330 = 90 + 210 + 30 → Wednesday 08:00.
        app.SetVietnamTime("2025-11-18 10:00");
        client = await app.CreateClientAsync(await EmailOf(officerId), SmeSupportAppFactory.UserPassword);
        var resumed = await Ok(await client.PostAsync($"/api/cases/{id}/resume", null));
        Assert.Equal(330, resumed.GetProperty("serviceLevel").GetProperty("resolutionRemainingMinutes").GetDouble());
        Assert.Equal(Vn("2025-11-19 08:00"), resumed.GetProperty("serviceLevel").GetProperty("resolutionDueAt").GetDateTimeOffset());

        await Problem(await client.PostAsync($"/api/cases/{id}/resume", null), HttpStatusCode.Conflict, CasesErrorCodes.InvalidTransition);
        await Problem(await client.PostAsync($"/api/cases/{id}/close", null), HttpStatusCode.Conflict, CasesErrorCodes.InvalidTransition);
        Assert.Equal("InProgress", StatusOf(id));

        var resolved = await Ok(await client.PostAsync($"/api/cases/{id}/resolve", null));
        Assert.Equal("Resolved", resolved.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("firstRespondedAt").ValueKind);

        // Reopen within the window (7 days): back to InProgress, the clock continues.
        app.SetVietnamTime("2025-11-20 09:00");
        client = await app.CreateClientAsync(await EmailOf(officerId), SmeSupportAppFactory.UserPassword);
        var reopened = await Ok(await client.PostAsync($"/api/cases/{id}/reopen", null));
        Assert.Equal("InProgress", reopened.GetProperty("status").GetString());
        Assert.Equal(1, reopened.GetProperty("reopenCount").GetInt32());
        await Ok(await client.PostAsync($"/api/cases/{id}/resolve", null));

        // After the window: 409, still Resolved.
        app.SetVietnamTime("2025-11-28 09:01");
        client = await app.CreateClientAsync(await EmailOf(officerId), SmeSupportAppFactory.UserPassword);
        changes = Count("SupportCaseStatusChanges", id);
        await Problem(await client.PostAsync($"/api/cases/{id}/reopen", null), HttpStatusCode.Conflict, CasesErrorCodes.InvalidTransition);
        Assert.Equal("Resolved", StatusOf(id));
        Assert.Equal(changes, Count("SupportCaseStatusChanges", id));

        Assert.Equal("Closed", (await Ok(await client.PostAsync($"/api/cases/{id}/close", null))).GetProperty("status").GetString());
        foreach (var step in new[] { "start", "wait-for-enterprise", "resume", "resolve", "close", "reopen" })
        {
            await Problem(await client.PostAsync($"/api/cases/{id}/{step}", null), HttpStatusCode.Conflict, CasesErrorCodes.InvalidTransition);
        }

        await Problem(await client.PostAsJsonAsync($"/api/cases/{id}/assign", new { assigneeId = officerId }), HttpStatusCode.Conflict, CasesErrorCodes.InvalidTransition);
        Assert.Equal("Closed", StatusOf(id));
        await Problem(await client.PostAsync($"/api/cases/{Guid.NewGuid()}/start", null), HttpStatusCode.NotFound, "SmeSupport:NotFound");

        var enterpriseUser = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterpriseUser.PostAsync($"/api/cases/{id}/reopen", null)).StatusCode);
    }

    [Fact]
    public async Task Automatic_assignment_goes_to_the_least_loaded_officer_covering_the_commune()
    {
        app.SetVietnamTime("2025-11-17 08:00");
        var admin = await app.CreateAdminClientAsync();
        var (_, enterpriseId, ward) = app.ContactWithServiceConsent(2);
        var (a, _) = await app.UserAsync(Officer);
        var (b, _) = await app.UserAsync(Officer);
        foreach (var officer in new[] { a, b })
        {
            await Ok(await admin.PutAsJsonAsync($"/api/cases/coverage/{officer}", new { wardCodes = new[] { ward } }));
        }

        await Problem(await admin.PutAsJsonAsync($"/api/cases/coverage/{Guid.NewGuid()}", new { wardCodes = new[] { ward } }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "officerId");

        // a already has one open case: b is less loaded.
        await OpenAsync(admin, new { enterpriseId, subject = "Đang xử lý", type = "Other", channel = "Phone", assigneeId = a });
        var id = await OpenAsync(admin, new { enterpriseId, subject = "Tự động 1", type = "Other", channel = "Phone" });
        Assert.Equal(b, (await Ok(await admin.PostAsJsonAsync($"/api/cases/{id}/assign", new { auto = true }))).GetProperty("assigneeId").GetGuid());
        // Now 1–1: ties go to the lower e-mail.
        var id2 = await OpenAsync(admin, new { enterpriseId, subject = "Tự động 2", type = "Other", channel = "Phone" });
        var expected = string.CompareOrdinal(await EmailOf(a), await EmailOf(b)) < 0 ? a : b;
        Assert.Equal(expected, (await Ok(await admin.PostAsJsonAsync($"/api/cases/{id2}/assign", new { auto = true }))).GetProperty("assigneeId").GetGuid());

        // Nobody covers the commune: 409, the case stays New.
        var elsewhere = await OpenAsync(admin, new { enterpriseId = app.EnterpriseOutside(ward), subject = "Xa", type = "Other", channel = "Phone" });
        await Problem(await admin.PostAsJsonAsync($"/api/cases/{elsewhere}/assign", new { auto = true }), HttpStatusCode.Conflict, CasesErrorCodes.NoCoveringOfficer);
        Assert.Equal("New", StatusOf(elsewhere));
        await Problem(await admin.PostAsJsonAsync($"/api/cases/{elsewhere}/assign", new { }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "assigneeId");
    }

    [Fact]
    public async Task Replies_are_emailed_notes_stay_internal_and_a_closed_case_takes_nothing()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (officerId, staff) = await app.UserAsync(Officer);
        var (contactId, enterpriseId, _) = app.ContactWithServiceConsent(3);
        var id = await OpenAsync(staff, new { enterpriseId, contactId, subject = "Chữ ký số", type = "TechnicalProblem", channel = "Portal", assigneeId = officerId });
        var outbox = Directory.Exists(app.OutboxPath) ? Directory.GetFiles(app.OutboxPath).Length : 0;

        var reply = await Ok(await staff.PostAsJsonAsync($"/api/cases/{id}/messages", new { body = "Anh/chị vui lòng cài lại trình điều khiển." }), HttpStatusCode.Created);
        Assert.False(reply.GetProperty("isInternal").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, reply.GetProperty("emailedAt").ValueKind);
        Assert.Equal(outbox + 1, Directory.GetFiles(app.OutboxPath).Length);
        await Ok(await staff.PostAsJsonAsync($"/api/cases/{id}/messages", new { body = "Ghi chú nội bộ: khách hàng khó tính.", isInternal = true }), HttpStatusCode.Created);
        Assert.Equal(outbox + 1, Directory.GetFiles(app.OutboxPath).Length);
        var read = await Ok(await staff.GetAsync($"/api/cases/{id}"));
        Assert.Equal(Vn("2025-11-17 09:00"), read.GetProperty("firstRespondedAt").GetDateTimeOffset());

        Assert.Equal(2, (await Ok(await staff.GetAsync($"/api/cases/{id}/messages"))).GetArrayLength());
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        var seen = await Ok(await portal.GetAsync($"/api/portal/cases/{id}/messages"));
        Assert.Equal(1, seen.GetArrayLength());
        Assert.DoesNotContain("nội bộ", seen.GetRawText(), StringComparison.Ordinal);

        await Problem(await staff.PostAsJsonAsync($"/api/cases/{id}/messages", new { body = " " }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "body");

        foreach (var step in new[] { "start", "resolve", "close" })
        {
            await Ok(await staff.PostAsync($"/api/cases/{id}/{step}", null));
        }

        var messages = Count("SupportCaseMessages", id);
        await Problem(await staff.PostAsJsonAsync($"/api/cases/{id}/messages", new { body = "Còn gì nữa không?" }), HttpStatusCode.Conflict, CasesErrorCodes.CaseClosed);
        await Problem(await portal.PostAsJsonAsync($"/api/portal/cases/{id}/messages", new { body = "Cảm ơn" }), HttpStatusCode.Conflict, CasesErrorCodes.CaseClosed);
        Assert.Equal(messages, Count("SupportCaseMessages", id));

        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/cases/{id}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/portal/cases/{id}/messages")).StatusCode);
    }

    [Fact]
    public async Task Attachments_have_size_and_type_limits_and_internal_ones_stay_internal()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (_, staff) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(4);
        var id = await OpenAsync(staff, new { enterpriseId, subject = "Tài liệu", type = "Other", channel = "Email" });
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

        var publicFile = await Ok(await staff.PostAsync($"/api/cases/{id}/attachments", Form("huong-dan.pdf", pdf)), HttpStatusCode.Created);
        Assert.Equal("application/pdf", publicFile.GetProperty("contentType").GetString());
        var internalFile = await Ok(await staff.PostAsync($"/api/cases/{id}/attachments", Form("noi-bo.txt", "ghi chú"u8.ToArray(), isInternal: true)), HttpStatusCode.Created);
        var stored = Directory.GetFiles(app.AttachmentsPath, "*", SearchOption.AllDirectories).Length;
        Assert.Equal(pdf, await (await staff.GetAsync($"/api/cases/{id}/attachments/{publicFile.GetProperty("id").GetGuid()}")).Content.ReadAsByteArrayAsync());

        var rows = Count("SupportCaseAttachments", id);
        await Problem(await staff.PostAsync($"/api/cases/{id}/attachments", Form("lon.pdf", [.. pdf, .. new byte[CasesAppFactory.MaxAttachmentBytes]])),
            HttpStatusCode.RequestEntityTooLarge, CasesErrorCodes.AttachmentTooLarge);
        await Problem(await staff.PostAsync($"/api/cases/{id}/attachments", Form("setup.exe", [0x4D, 0x5A, 0x90])),
            HttpStatusCode.UnsupportedMediaType, CasesErrorCodes.AttachmentTypeNotAllowed);
        await Problem(await staff.PostAsync($"/api/cases/{id}/attachments", Form("gia-mao.pdf", [0x4D, 0x5A, 0x90])),
            HttpStatusCode.UnsupportedMediaType, CasesErrorCodes.AttachmentTypeNotAllowed);
        Assert.Equal(rows, Count("SupportCaseAttachments", id));
        Assert.Equal(stored, Directory.GetFiles(app.AttachmentsPath, "*", SearchOption.AllDirectories).Length);

        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        var list = await Ok(await portal.GetAsync($"/api/portal/cases/{id}/attachments"));
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/api/portal/cases/{id}/attachments/{internalFile.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync($"/api/portal/cases/{id}/attachments/{publicFile.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Portal_user_opens_follows_replies_and_rates_only_its_own_cases()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var (contactId, enterpriseId, _) = app.ContactWithServiceConsent(5);
        var (_, otherEnterprise, _) = app.ContactWithServiceConsent(40);
        Assert.NotEqual(enterpriseId, otherEnterprise);
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);

        var opened = await Ok(await portal.PostAsJsonAsync("/api/portal/cases", new { subject = "Cần hỗ trợ hóa đơn", type = "EInvoiceHelp", contactId }), HttpStatusCode.Created);
        var id = opened.GetProperty("id").GetGuid();
        Assert.Equal("Portal", opened.GetProperty("channel").GetString());
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM SupportCases WHERE Id = '{Sql(id)}' AND EnterpriseId = '{Sql(enterpriseId)}'"));

        var before = app.Scalar("SELECT COUNT(*) FROM SupportCases");
        await Problem(await portal.PostAsJsonAsync("/api/portal/cases", new { subject = "", type = "Other" }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "subject");
        var (otherContact, _, _) = app.ContactWithServiceConsent(40);
        await Problem(await portal.PostAsJsonAsync("/api/portal/cases", new { subject = "x", type = "Other", contactId = otherContact }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "contactId");
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM SupportCases"));

        // Another enterprise's case: 404 on every portal route, and nothing changes.
        var admin = await app.CreateAdminClientAsync();
        var foreign = await OpenAsync(admin, new { enterpriseId = otherEnterprise, subject = "Của người khác", type = "Other", channel = "Phone" });
        var foreignMessages = Count("SupportCaseMessages", foreign);
        await Problem(await portal.GetAsync($"/api/portal/cases/{foreign}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await Problem(await portal.GetAsync($"/api/portal/cases/{foreign}/messages"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await Problem(await portal.PostAsJsonAsync($"/api/portal/cases/{foreign}/messages", new { body = "xin chào" }), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await Problem(await portal.PostAsJsonAsync($"/api/portal/cases/{foreign}/rating", new { rating = 5 }), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.Equal(foreignMessages, Count("SupportCaseMessages", foreign));
        var mine = await Ok(await portal.GetAsync("/api/portal/cases?pageSize=200"));
        Assert.All(mine.GetProperty("items").EnumerateArray(), c => Assert.NotEqual(foreign, c.GetProperty("id").GetGuid()));
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.GetAsync("/api/cases")).StatusCode);

        // Rating before resolution: 409; the enterprise's reply resumes a waiting case.
        await Problem(await portal.PostAsJsonAsync($"/api/portal/cases/{id}/rating", new { rating = 4 }), HttpStatusCode.Conflict, CasesErrorCodes.CannotRate);
        var (officerId, staff) = await app.UserAsync(Officer);
        await Ok(await staff.PostAsJsonAsync($"/api/cases/{id}/assign", new { assigneeId = officerId }));
        await Ok(await staff.PostAsync($"/api/cases/{id}/start", null));
        await Ok(await staff.PostAsync($"/api/cases/{id}/wait-for-enterprise", null));
        await Ok(await portal.PostAsJsonAsync($"/api/portal/cases/{id}/messages", new { body = "Đã gửi bổ sung hồ sơ." }), HttpStatusCode.Created);
        Assert.Equal("InProgress", StatusOf(id));
        await Ok(await staff.PostAsync($"/api/cases/{id}/resolve", null));

        await Problem(await portal.PostAsJsonAsync($"/api/portal/cases/{id}/rating", new { rating = 6 }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "rating");
        var rated = await Ok(await portal.PostAsJsonAsync($"/api/portal/cases/{id}/rating", new { rating = 5, comment = "Rất nhanh" }));
        Assert.Equal(5, rated.GetProperty("rating").GetInt32());
        await Problem(await portal.PostAsJsonAsync($"/api/portal/cases/{id}/rating", new { rating = 1 }), HttpStatusCode.Conflict, CasesErrorCodes.CannotRate);
        Assert.Equal(5, app.Scalar($"SELECT Rating FROM SupportCases WHERE Id = '{Sql(id)}'"));
    }

    [Fact]
    public async Task Holiday_calendar_is_data_admin_edits_it()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var admin = await app.CreateAdminClientAsync();
        var year = await Ok(await admin.GetAsync("/api/cases/holidays?year=2026"));
        Assert.Contains(year.EnumerateArray(), h => h.GetProperty("date").GetString() == "2026-02-17");

        var (_, officer) = await app.UserAsync(Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/cases/holidays", new { date = "2026-11-24", name = "x" })).StatusCode);

        var created = await Ok(await admin.PostAsJsonAsync("/api/cases/holidays", new { date = "2026-11-24", name = "Ngày Văn hóa Việt Nam" }), HttpStatusCode.Created);
        await Problem(await admin.PostAsJsonAsync("/api/cases/holidays", new { date = "2026-11-24", name = "lần hai" }), HttpStatusCode.Conflict, CasesErrorCodes.DuplicateHoliday);
        await Problem(await admin.PostAsJsonAsync("/api/cases/holidays", new { date = "2026-11-28", name = "thứ Bảy" }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "kind");
        await Problem(await admin.PostAsJsonAsync("/api/cases/holidays", new { }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "date", "name");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/cases/holidays/{created.GetProperty("id").GetGuid()}")).StatusCode);
        await Problem(await admin.DeleteAsync($"/api/cases/holidays/{created.GetProperty("id").GetGuid()}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
    }

    [Fact]
    public async Task Monitor_warns_the_assignee_and_escalates_once_per_case_and_threshold()
    {
        app.SetVietnamTime("2025-11-17 08:00");
        var (officerId, staff) = await app.UserAsync(Officer);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(6);
        var id = await OpenAsync(staff, new { enterpriseId, subject = "Khẩn", type = "TechnicalProblem", channel = "Phone", priority = "Urgent", assigneeId = officerId });

        // 11:10: first response (60) breached at 09:00; resolution 240 − 190 = 50 minutes left (≤ 60): a warning.
        app.SetVietnamTime("2025-11-17 11:10");
        await CaseServiceLevelJob.RunOnceAsync(app.Services);
        Assert.Equal(2, Count("SupportCaseSlaNotifications", id));
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM SupportCaseSlaNotifications WHERE SupportCaseId = '{Sql(id)}' AND Threshold = 1 AND Recipients LIKE '%{SmeSupportAppFactory.AdminEmail}%'"));
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM SupportCaseSlaNotifications WHERE SupportCaseId = '{Sql(id)}' AND Threshold = 2 AND Recipients = '{await EmailOf(officerId)}'"));

        var outbox = Directory.GetFiles(app.OutboxPath).Length;
        Assert.Equal(0, await CaseServiceLevelJob.RunOnceAsync(app.Services));
        Assert.Equal(outbox, Directory.GetFiles(app.OutboxPath).Length);

        // 14:05: the resolution is breached (due 14:00): escalated once.
        app.SetVietnamTime("2025-11-17 14:05");
        await CaseServiceLevelJob.RunOnceAsync(app.Services);
        await CaseServiceLevelJob.RunOnceAsync(app.Services);
        Assert.Equal(3, Count("SupportCaseSlaNotifications", id));
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM SupportCaseSlaNotifications WHERE SupportCaseId = '{Sql(id)}' AND Threshold = 3"));
    }

    private static MultipartFormDataContent Form(string fileName, byte[] content, bool isInternal = false)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(isInternal ? "true" : "false"), "isInternal");
        return form;
    }

    private Task<string> EmailOf(Guid userId)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT Email FROM AspNetUsers WHERE Id = '{Sql(userId)}'";
        return Task.FromResult((string)cmd.ExecuteScalar()!);
    }
}
