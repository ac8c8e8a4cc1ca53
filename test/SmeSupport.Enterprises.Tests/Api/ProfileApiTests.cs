using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>Contacts and consents, soft delete with restore and the audit trail, old-ward conversion, cohorts, DBI assessments, the enterprise portal.</summary>
public sealed class ProfileApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task Contact_crud_stores_mobile_as_e164_and_refuses_bad_fields_without_storing()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin);

        var created = await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts",
            new { fullName = "Nguyễn Hữu Quýnh Thử", position = "Giám đốc", email = "an@example.vn", mobile = "0912 345 678" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var contact = await created.Json();
        Assert.Equal("+84912345678", contact.GetProperty("mobile").GetString());
        var contactId = contact.GetProperty("id").GetGuid();
        Assert.Equal($"/api/enterprises/{id}/contacts/{contactId}", created.Headers.Location!.OriginalString);

        var before = app.Scalar("SELECT COUNT(*) FROM Contacts");
        var bad = await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts", new { fullName = " ", email = "not-an-email", mobile = "0212345678" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Json();
        Assert.Equal("SmeSupport:Validation", problem.Code());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("fullName", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.Contains("số cố định", errors.GetProperty("mobile")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Contacts"));

        var update = await admin.PutAsJsonAsync($"/api/enterprises/{id}/contacts/{contactId}", new
        {
            fullName = "Nguyễn Hữu Quýnh Thử", position = "Phó giám đốc", email = "an@example.vn", mobile = "+84 (0) 987 654 321",
            concurrencyStamp = contact.GetProperty("concurrencyStamp").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("+84987654321", (await update.Json()).GetProperty("mobile").GetString());

        // Stale stamp: 409, nothing changed.
        var stale = await admin.PutAsJsonAsync($"/api/enterprises/{id}/contacts/{contactId}", new
        {
            fullName = "Lost", concurrencyStamp = contact.GetProperty("concurrencyStamp").GetString(),
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Phó giám đốc", (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/contacts/{contactId}")).GetProperty("position").GetString());

        // Contact names are searchable without diacritics.
        var search = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?q=huu quynh thu&pageSize=200");
        Assert.Contains(search.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enterprises/{id}/contacts/{contactId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/enterprises/{id}/contacts/{contactId}")).StatusCode);
        Assert.Equal(1, app.Scalar($"SELECT IsDeleted FROM Contacts WHERE Id = '{contactId.ToString().ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task Consents_are_granted_and_withdrawn_keeping_the_whole_history()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin);
        var contactId = (await (await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts",
            new { fullName = "Trần Thị Bình", email = "binh@example.vn" })).Json()).GetProperty("id").GetGuid();
        var url = $"/api/enterprises/{id}/contacts/{contactId}/consents";

        var granted = await admin.PostAsJsonAsync(url, new { purpose = "Advertising", via = "PaperForm", grantedAt = DateTimeOffset.UtcNow.AddDays(-3) });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.True((await granted.Json()).GetProperty("advertisingConsent").GetBoolean());

        var twice = await admin.PostAsJsonAsync(url, new { purpose = "Advertising", via = "Phone" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:ConsentAlreadyGranted", (await twice.Json()).Code());

        var badVia = await admin.PostAsJsonAsync(url, new { purpose = "Service", via = "Telepathy" });
        Assert.Equal(HttpStatusCode.BadRequest, badVia.StatusCode);
        Assert.True((await badVia.Json()).GetProperty("errors").TryGetProperty("via", out _));

        var withdrawn = await admin.PostAsJsonAsync($"{url}/Advertising/withdraw", new { via = "Email" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var body = await withdrawn.Json();
        Assert.False(body.GetProperty("advertisingConsent").GetBoolean());
        var history = body.GetProperty("consents").EnumerateArray().ToList();
        Assert.Single(history);
        Assert.Equal("PaperForm", history[0].GetProperty("grantedVia").GetString());
        Assert.Equal("Email", history[0].GetProperty("withdrawnVia").GetString());
        Assert.NotEqual(JsonValueKind.Null, history[0].GetProperty("withdrawnAt").ValueKind);

        var again = await admin.PostAsJsonAsync($"{url}/Advertising/withdraw", new { via = "Email" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:ConsentNotGranted", (await again.Json()).Code());

        // Granting again adds a second record; the first (withdrawn) stays.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(url, new { purpose = "Advertising", via = "PortalForm" })).StatusCode);
        Assert.Equal(2, app.Scalar($"SELECT COUNT(*) FROM ContactConsents WHERE ContactId = '{contactId.ToString().ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task Soft_delete_hides_restore_brings_back_and_admin_reads_the_audit_trail()
    {
        var admin = await app.CreateAdminClientAsync();
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var taxCode = TestData.NewTaxCode();
        var id = await TestData.CreateEnterpriseAsync(admin, taxCode);

        var asUser = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, id);
        Assert.Equal(HttpStatusCode.Forbidden, (await asUser.DeleteAsync($"/api/enterprises/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await officer.DeleteAsync($"/api/enterprises/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/enterprises/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.DeleteAsync($"/api/enterprises/{id}")).StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises?q={taxCode}");
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        var deleted = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises/deleted?pageSize=200");
        Assert.Contains(deleted.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);

        var restored = await officer.PostAsync($"/api/enterprises/{id}/restore", null);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(taxCode, (await restored.Json()).GetProperty("taxCode").GetString());
        var twice = await officer.PostAsync($"/api/enterprises/{id}/restore", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:NotDeleted", (await twice.Json()).Code());

        // A deleted enterprise's tax code can be taken; then restoring the old one is refused.
        Assert.Equal(HttpStatusCode.NoContent, (await officer.DeleteAsync($"/api/enterprises/{id}")).StatusCode);
        var other = await TestData.CreateEnterpriseAsync(admin, taxCode, "Công ty Khác");
        var clash = await officer.PostAsync($"/api/enterprises/{id}/restore", null);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:DuplicateTaxCode", (await clash.Json()).Code());
        Assert.NotEqual(id, other);

        // The trail: Admin reads it; the officer (no AuditLog permission) gets 403; anonymous 401.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/audit-log?entityType=Enterprise&entityId={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/audit-log")).StatusCode);
        var trail = await admin.GetFromJsonAsync<JsonElement>($"/api/audit-log?entityType=Enterprise&entityId={id}");
        var actions = trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["Deleted", "Restored", "Deleted", "Created"], actions);
        var created = trail.GetProperty("items")[3];
        Assert.Contains(taxCode, created.GetProperty("changes").GetString(), StringComparison.Ordinal);
        Assert.Equal(SmeSupportAppFactory.AdminEmail, created.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Old_ward_is_converted_and_a_split_commune_asks_staff_to_choose()
    {
        var admin = await app.CreateAdminClientAsync();
        var conversions = await admin.GetFromJsonAsync<JsonElement>("/api/administrative-units/old-wards/4957/conversions");
        Assert.Equal([4924, 4960], conversions.EnumerateArray().Select(c => c.GetProperty("newWardCode").GetInt32()).Order().ToArray());

        // Merged whole: old 4813 → Phường Tân Hòa (4792); the address as written is kept.
        var single = await admin.PostAsJsonAsync("/api/enterprises", new
        {
            taxCode = TestData.NewTaxCode(), name = "Công ty TNHH Địa chỉ Cũ", legalForm = "SingleMemberLlc",
            oldWardCode = 4813, addressAsWritten = "Tổ 5, phường cũ, thành phố Hòa Bình, tỉnh Hòa Bình",
        });
        Assert.Equal(HttpStatusCode.Created, single.StatusCode);
        var body = await single.Json();
        Assert.Equal(4792, body.GetProperty("wardCode").GetInt32());
        Assert.Equal(4813, body.GetProperty("oldWardCode").GetInt32());
        Assert.Equal("Tổ 5, phường cũ, thành phố Hòa Bình, tỉnh Hòa Bình", body.GetProperty("addressAsWritten").GetString());

        // Split: 409 with the candidates, nothing stored.
        var before = app.Scalar("SELECT COUNT(*) FROM Enterprises");
        var taxCode = TestData.NewTaxCode();
        var split = await admin.PostAsJsonAsync("/api/enterprises", new { taxCode, name = "Công ty Tách", legalForm = "SingleMemberLlc", oldWardCode = 4957 });
        Assert.Equal(HttpStatusCode.Conflict, split.StatusCode);
        var problem = await split.Json();
        Assert.Equal("SmeSupport:Enterprises:OldWardSplit", problem.Code());
        Assert.Equal([4924, 4960], problem.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("code").GetInt32()).Order().ToArray());
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Enterprises"));

        // A unit the old commune did not go to: 400.
        var wrong = await admin.PostAsJsonAsync("/api/enterprises", new { taxCode, name = "Công ty Tách", legalForm = "SingleMemberLlc", oldWardCode = 4957, wardCode = 4792 });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Json()).GetProperty("errors").TryGetProperty("wardCode", out _));

        var unknown = await admin.PostAsJsonAsync("/api/enterprises", new { taxCode, name = "Công ty Tách", legalForm = "SingleMemberLlc", oldWardCode = 99999999 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Json()).GetProperty("errors").TryGetProperty("oldWardCode", out _));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Enterprises"));

        // Staff choose one of the candidates.
        var chosen = await admin.PostAsJsonAsync("/api/enterprises", new { taxCode, name = "Công ty Tách", legalForm = "SingleMemberLlc", oldWardCode = 4957, wardCode = 4960 });
        Assert.Equal(HttpStatusCode.Created, chosen.StatusCode);
        Assert.Equal(4960, (await chosen.Json()).GetProperty("wardCode").GetInt32());
    }

    [Fact]
    public async Task Cohorts_filter_the_list_and_assessments_are_kept_over_time()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin);
        var cohortName = $"Đợt thử {Guid.NewGuid():N}"[..20];

        var added = await admin.PostAsJsonAsync($"/api/enterprises/{id}/cohorts", new { name = cohortName, joinedOn = "2025-08-01" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var again = await admin.PostAsJsonAsync($"/api/enterprises/{id}/cohorts", new { name = cohortName.ToUpperInvariant(), joinedOn = "2025-09-01" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:AlreadyInCohort", (await again.Json()).Code());
        var missing = await admin.PostAsJsonAsync($"/api/enterprises/{id}/cohorts", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        // Filter without diacritics.
        var folded = SmeSupport.Text.VietnameseText.Fold(cohortName);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises?cohort={Uri.EscapeDataString(folded)}");
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
        var item = list.GetProperty("items")[0];
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal("2025-08-01", item.GetProperty("cohorts")[0].GetProperty("joinedOn").GetString());

        var a1 = await admin.PostAsJsonAsync($"/api/enterprises/{id}/assessments", new
        {
            assessedOn = "2025-08-15", assessor = "Sở KH&CN", customerExperience = 2, strategy = 1, infrastructureAndTechnology = 3,
            operations = 2, organisationalCulture = 1, dataAndInformationAssets = 2,
        });
        Assert.Equal(HttpStatusCode.Created, a1.StatusCode);
        Assert.Equal(1, (await a1.Json()).GetProperty("overallLevel").GetInt32()); // 11 / 6 rounded down
        var a2 = await admin.PostAsJsonAsync($"/api/enterprises/{id}/assessments", new
        {
            assessedOn = "2025-11-15", assessor = "Sở KH&CN", customerExperience = 3, strategy = 3, infrastructureAndTechnology = 3,
            operations = 3, organisationalCulture = 3, dataAndInformationAssets = 3, overallLevel = 3,
        });
        Assert.Equal(HttpStatusCode.Created, a2.StatusCode);

        var before = app.Scalar("SELECT COUNT(*) FROM MaturityAssessments");
        var bad = await admin.PostAsJsonAsync($"/api/enterprises/{id}/assessments", new
        {
            assessedOn = "2099-01-01", assessor = "", customerExperience = 6, strategy = -1, operations = 2, organisationalCulture = 1, dataAndInformationAssets = 2,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Json()).GetProperty("errors");
        foreach (var field in new[] { "assessedOn", "assessor", "customerExperience", "strategy", "infrastructureAndTechnology" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM MaturityAssessments"));
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/assessments");
        Assert.Equal(new[] { "2025-11-15", "2025-08-15" }, history.EnumerateArray().Select(a => a.GetProperty("assessedOn").GetString()!).ToArray());
    }

    [Fact]
    public async Task An_enterprise_user_sees_and_edits_its_own_enterprise_only_and_gets_404_for_another()
    {
        var admin = await app.CreateAdminClientAsync();
        var own = await TestData.CreateEnterpriseAsync(admin);
        var other = await TestData.CreateEnterpriseAsync(admin);
        var otherContact = (await (await admin.PostAsJsonAsync($"/api/enterprises/{other}/contacts", new { fullName = "Lê Văn C" })).Json()).GetProperty("id").GetGuid();
        var user = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, own);

        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"/api/enterprises/{own}")).StatusCode);
        var created = await user.PostAsJsonAsync($"/api/enterprises/{own}/contacts", new { fullName = "Phạm Thị D", email = "d@example.vn", mobile = "0987654321" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var contactId = (await created.Json()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync($"/api/enterprises/{own}/contacts/{contactId}/consents", new { purpose = "Service", via = "PortalForm" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync($"/api/enterprises/{own}/contacts/{contactId}/consents/Service/withdraw", new { via = "PortalForm" })).StatusCode);
        var contacts = await user.GetFromJsonAsync<JsonElement>($"/api/enterprises/{own}/contacts");
        Assert.Single(contacts.EnumerateArray());

        var before = app.Scalar("SELECT COUNT(*) FROM Contacts");
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/enterprises/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/enterprises/{other}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/enterprises/{other}/contacts/{otherContact}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.PostAsJsonAsync($"/api/enterprises/{other}/contacts", new { fullName = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.PostAsJsonAsync($"/api/enterprises/{other}/contacts/{otherContact}/consents", new { purpose = "Service", via = "PortalForm" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/enterprises/{other}/assessments")).StatusCode);
        // Its own contact under another enterprise's address: 404 too.
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/enterprises/{other}/contacts/{contactId}")).StatusCode);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Contacts"));

        // Staff-only: cohorts and assessments.
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsJsonAsync($"/api/enterprises/{own}/cohorts", new { name = "Đợt 1", joinedOn = "2025-08-01" })).StatusCode);
        var list = await user.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=200");
        Assert.Equal(own, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }
}
