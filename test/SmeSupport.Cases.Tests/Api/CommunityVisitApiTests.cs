using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Cases.Contracts;
using SmeSupport.TestBase;
using static SmeSupport.Cases.Tests.Api.CasesAppFactory;

namespace SmeSupport.Cases.Tests.Api;

/// <summary>Community visits through HTTP: record, read, edit, delete; bad input; a follow-up case in one step, and nothing left when it fails.</summary>
public sealed class CommunityVisitApiTests(CasesAppFactory app) : IClassFixture<CasesAppFactory>
{
    private const string Officer = SmeSupportAppFactory.Roles.Officer;

    private long VisitCount => app.Scalar("SELECT COUNT(*) FROM CommunityVisits");

    private long CaseCount => app.Scalar("SELECT COUNT(*) FROM SupportCases");

    /// <summary>Two enterprises (not deleted) of different communes: (id, ward code) each.</summary>
    private ((Guid Id, int Ward) A, (Guid Id, int Ward) B) TwoEnterprises()
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Id, WardCode FROM Enterprises WHERE IsDeleted = 0 ORDER BY Id";
        using var reader = cmd.ExecuteReader();
        var rows = new List<(Guid, int)>();
        while (reader.Read())
        {
            rows.Add((Guid.Parse(reader.GetString(0)), reader.GetInt32(1)));
        }

        var a = rows[0];
        return (a, rows.First(r => r.Item2 != a.Item2));
    }

    [Fact]
    public async Task Record_read_edit_and_delete_a_visit()
    {
        app.SetVietnamTime("2025-11-20 15:00");
        var (officerId, client) = await app.UserAsync(Officer);
        var (a, b) = TwoEnterprises();

        var response = await client.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { officerId }, memberNames = new[] { "  Nguyễn Văn Tổ  ", "" },
            enterpriseIds = new[] { a.Id, b.Id, a.Id }, householdCount = 12, householdNames = new[] { "Hộ bà Lan", "Hộ ông Minh" },
            topics = new[] { "EInvoice", "DigitalSignature" }, otherTopic = "Bán hàng trên Zalo", notes = "Hai hộ cần hướng dẫn thêm.",
        });
        var created = await Ok(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/cases/visits/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("2025-11-20", created.GetProperty("visitDate").GetString());
        Assert.Equal(a.Ward, created.GetProperty("wardCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("wardName").GetString()));
        var team = created.GetProperty("teamMembers").EnumerateArray().ToList();
        Assert.Equal(2, team.Count);
        Assert.Equal(officerId, team[0].GetProperty("userId").GetGuid());
        Assert.Equal(JsonValueKind.Null, team[1].GetProperty("userId").ValueKind);
        Assert.Equal("Nguyễn Văn Tổ", team[1].GetProperty("name").GetString());
        Assert.Equal(new[] { a.Id, b.Id }.Order(), created.GetProperty("enterpriseIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal(2, created.GetProperty("enterpriseNames").EnumerateObject().Count());
        Assert.Equal(12, created.GetProperty("householdCount").GetInt32());
        Assert.Equal(["Hộ bà Lan", "Hộ ông Minh"], created.GetProperty("householdNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["DigitalSignature", "EInvoice"], created.GetProperty("topics").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(created.GetProperty("followUpCaseIds").EnumerateArray());

        var list = await Ok(await client.GetAsync($"/api/cases/visits?wardCode={a.Ward}&from=2025-11-01&to=2025-11-30"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetGuid() == id);
        var none = await Ok(await client.GetAsync($"/api/cases/visits?wardCode={b.Ward}&from=2025-11-01&to=2025-11-30"));
        Assert.DoesNotContain(none.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetGuid() == id);

        // Edit: the officer leaves the team, one enterprise less, households by count only.
        var edited = await Ok(await client.PutAsJsonAsync($"/api/cases/visits/{id}", new
        {
            visitDate = "2025-11-19", wardCode = a.Ward, memberNames = new[] { "Nguyễn Văn Tổ" }, enterpriseIds = new[] { b.Id }, householdCount = 3,
        }));
        Assert.Equal("2025-11-19", edited.GetProperty("visitDate").GetString());
        Assert.Single(edited.GetProperty("teamMembers").EnumerateArray());
        Assert.Equal([b.Id], edited.GetProperty("enterpriseIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Empty(edited.GetProperty("topics").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, edited.GetProperty("notes").ValueKind);
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM CommunityVisitMembers WHERE CommunityVisitId = '{Sql(id)}'"));
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM CommunityVisitEnterprises WHERE CommunityVisitId = '{Sql(id)}'"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/cases/visits/{id}")).StatusCode);
        await Problem(await client.GetAsync($"/api/cases/visits/{id}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await Problem(await client.DeleteAsync($"/api/cases/visits/{id}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
    }

    [Fact]
    public async Task Bad_visits_are_400_field_by_field_and_nothing_is_stored()
    {
        app.SetVietnamTime("2025-11-20 15:00");
        var (officerId, client) = await app.UserAsync(Officer);
        var (a, _) = TwoEnterprises();
        var before = VisitCount;

        await Problem(await client.PostAsJsonAsync("/api/cases/visits", new { }), HttpStatusCode.BadRequest, "SmeSupport:Validation",
            "visitDate", "wardCode", "enterpriseIds", "memberUserIds");
        // Tomorrow (Vietnam) is in the future; before the reform's codes is refused too.
        await Problem(await client.PostAsJsonAsync("/api/cases/visits", new { visitDate = "2025-11-21", wardCode = a.Ward, memberNames = new[] { "Tổ" }, householdCount = 1 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "visitDate");
        await Problem(await client.PostAsJsonAsync("/api/cases/visits", new { visitDate = "2025-06-30", wardCode = a.Ward, memberNames = new[] { "Tổ" }, householdCount = 1 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "visitDate");
        await Problem(await client.PostAsJsonAsync("/api/cases/visits", new { visitDate = "2025-11-20", wardCode = 99999, memberNames = new[] { "Tổ" }, householdCount = 1 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "wardCode");
        await Problem(await client.PostAsJsonAsync("/api/cases/visits",
                new { visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { Guid.NewGuid() }, enterpriseIds = new[] { a.Id, Guid.NewGuid() } }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "memberUserIds", "enterpriseIds");
        await Problem(await client.PostAsJsonAsync("/api/cases/visits",
                new { visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { officerId }, householdCount = 1, householdNames = new[] { "Hộ A", "Hộ B" } }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "householdCount");
        await Problem(await client.PostAsJsonAsync("/api/cases/visits",
                new { visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { officerId }, householdCount = 1, notes = new string('n', 4001), otherTopic = new string('o', 501) }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "notes", "otherTopic");
        await Problem(await client.PostAsJsonAsync("/api/cases/visits",
                new { visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { officerId }, householdCount = 1, topics = new[] { "Astrology" } }),
            HttpStatusCode.BadRequest, "SmeSupport:MalformedRequest", "topics[0]");
        await Problem(await client.PutAsJsonAsync($"/api/cases/visits/{Guid.NewGuid()}",
                new { visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { officerId }, householdCount = 1 }),
            HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.Equal(before, VisitCount);

        // Today is fine, and households alone are a visit.
        await Ok(await client.PostAsJsonAsync("/api/cases/visits", new { visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { officerId }, householdCount = 4 }),
            HttpStatusCode.Created);
        Assert.Equal(before + 1, VisitCount);
    }

    [Fact]
    public async Task A_follow_up_case_is_opened_from_the_visit_in_one_step()
    {
        app.SetVietnamTime("2025-11-20 15:00");
        var (officerId, client) = await app.UserAsync(Officer);
        var (a, b) = TwoEnterprises();
        var visit = await Ok(await client.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { officerId }, enterpriseIds = new[] { a.Id },
            topics = new[] { "EInvoice" }, notes = "Cần hỗ trợ đăng ký hóa đơn điện tử.",
        }), HttpStatusCode.Created);
        var visitId = visit.GetProperty("id").GetGuid();
        var before = CaseCount;

        // Not one of the visit's enterprises, unknown assignee, no subject: 400, nothing written.
        await Problem(await client.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case", new { enterpriseId = b.Id, subject = "x", type = "EInvoiceHelp" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "enterpriseId");
        await Problem(await client.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case",
                new { enterpriseId = a.Id, type = "EInvoiceHelp", assigneeId = Guid.NewGuid() }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "subject", "assigneeId");
        await Problem(await client.PostAsJsonAsync($"/api/cases/visits/{Guid.NewGuid()}/follow-up-case", new { enterpriseId = a.Id, subject = "x", type = "EInvoiceHelp" }),
            HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.Equal(before, CaseCount);

        var response = await client.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case",
            new { enterpriseId = a.Id, subject = "Đăng ký hóa đơn điện tử", type = "EInvoiceHelp", priority = "High", assigneeId = officerId });
        var created = await Ok(response, HttpStatusCode.Created);
        var caseId = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/cases/{caseId}", response.Headers.Location?.OriginalString);
        Assert.Equal("Visit", created.GetProperty("channel").GetString());
        Assert.Equal("Assigned", created.GetProperty("status").GetString());
        Assert.Equal(visitId, created.GetProperty("communityVisitId").GetGuid());
        Assert.Equal(a.Id, created.GetProperty("enterpriseId").GetGuid());
        Assert.Equal(before + 1, CaseCount);

        // The visit's summary is an internal note on the case.
        var messages = (await Ok(await client.GetAsync($"/api/cases/{caseId}/messages"))).EnumerateArray().ToList();
        var note = Assert.Single(messages);
        Assert.True(note.GetProperty("isInternal").GetBoolean());
        Assert.StartsWith("Mở từ chuyến thăm cộng đồng ngày 20/11/2025 tại ", note.GetProperty("body").GetString());
        Assert.Contains("Chủ đề: EInvoice.", note.GetProperty("body").GetString());
        Assert.EndsWith(" Ghi chú: Cần hỗ trợ đăng ký hóa đơn điện tử.", note.GetProperty("body").GetString());

        var reread = await Ok(await client.GetAsync($"/api/cases/visits/{visitId}"));
        Assert.Equal([caseId], reread.GetProperty("followUpCaseIds").EnumerateArray().Select(e => e.GetGuid()));
        var linked = await Ok(await client.GetAsync($"/api/cases?communityVisitId={visitId}"));
        Assert.Equal(1, linked.GetProperty("totalCount").GetInt32());

        // Deleting the visit keeps its follow-up case.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/cases/visits/{visitId}")).StatusCode);
        await Ok(await client.GetAsync($"/api/cases/{caseId}"));
    }

    [Fact]
    public async Task A_follow_up_whose_second_write_fails_leaves_no_case_behind()
    {
        app.SetVietnamTime("2025-11-20 15:00");
        var (officerId, client) = await app.UserAsync(Officer);
        var (a, _) = TwoEnterprises();
        var visitId = (await Ok(await client.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-18", wardCode = a.Ward, memberUserIds = new[] { officerId }, enterpriseIds = new[] { a.Id }, notes = "ROLLBACK-MARKER",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var cases = CaseCount;
        var changes = app.Scalar("SELECT COUNT(*) FROM SupportCaseStatusChanges");
        var messages = app.Scalar("SELECT COUNT(*) FROM SupportCaseMessages");

        // The database refuses the visit's note (the second write, after the case and its status history were saved).
        Exec("CREATE TRIGGER refuse_visit_note BEFORE INSERT ON SupportCaseMessages WHEN NEW.Body LIKE '%ROLLBACK-MARKER%' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        try
        {
            var response = await client.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case",
                new { enterpriseId = a.Id, subject = "Sẽ không được lưu", type = "Consultation" });
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            Exec("DROP TRIGGER refuse_visit_note;");
        }

        Assert.Equal(cases, CaseCount);
        Assert.Equal(changes, app.Scalar("SELECT COUNT(*) FROM SupportCaseStatusChanges"));
        Assert.Equal(messages, app.Scalar("SELECT COUNT(*) FROM SupportCaseMessages"));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM SupportCases WHERE Subject = 'Sẽ không được lưu'"));

        // The same request goes through once the database accepts it.
        var created = await Ok(await client.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case",
            new { enterpriseId = a.Id, subject = "Sẽ được lưu", type = "Consultation" }), HttpStatusCode.Created);
        Assert.Equal("New", created.GetProperty("status").GetString());
        Assert.Equal(cases + 1, CaseCount);
    }

    [Fact]
    public async Task Enterprise_users_and_tax_partners_see_no_visits_cases_or_figures()
    {
        app.SetVietnamTime("2025-11-20 15:00");
        var (officerId, officer) = await app.UserAsync(Officer);
        var (a, _) = TwoEnterprises();
        var visitId = (await Ok(await officer.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-20", wardCode = a.Ward, memberUserIds = new[] { officerId }, enterpriseIds = new[] { a.Id },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var before = VisitCount;
        var cases = CaseCount;
        var body = new { visitDate = "2025-11-20", wardCode = a.Ward, memberNames = new[] { "X" }, householdCount = 1 };

        var (_, partner) = await app.UserAsync(SmeSupportAppFactory.Roles.TaxPartner);
        var (_, enterprise) = await app.UserAsync(SmeSupportAppFactory.Roles.EnterpriseUser, a.Id);
        foreach (var client in new[] { partner, enterprise })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/cases/visits")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/cases/visits/{visitId}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/cases/visits", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/cases/visits/{visitId}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/cases/visits/{visitId}/follow-up-case",
                new { enterpriseId = a.Id, subject = "x", type = "Other" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/cases/figures")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/cases")).StatusCode);
        }

        // The portal is the enterprise's, not the partner's.
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/portal/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/api/portal/cases", new { subject = "x", type = "Other" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.GetAsync("/api/portal/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/cases/visits")).StatusCode);
        Assert.Equal(before, VisitCount);
        Assert.Equal(cases, CaseCount);

        // Reading officers without the visits permission cannot write: Officer has it by default, Admin too.
        Assert.Equal(HttpStatusCode.Created, (await (await app.CreateAdminClientAsync()).PostAsJsonAsync("/api/cases/visits", body)).StatusCode);
    }

    private void Exec(string sql)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
