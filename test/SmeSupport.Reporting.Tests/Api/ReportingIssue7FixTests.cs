using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Reporting.Contracts;
using SmeSupport.TestBase;
using SmeSupport.Timing;

namespace SmeSupport.Reporting.Tests.Api;

/// <summary>
/// Findings of the walkthrough and breaker on Reporting: unknown commune codes accepted, English error texts, access-log page overflow,
/// parallel revokes answered with the generic concurrency conflict (revoking is now idempotent: every caller gets 200 and one revocation is recorded).
/// </summary>
public sealed class ReportingIssue7FixTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<string> FieldError(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Body(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        return messages[0].GetString()!;
    }

    private async Task<Guid> CreateOrgAsync(HttpClient admin)
    {
        var code = "ORG-" + Guid.NewGuid().ToString("N")[..8];
        var r = await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "Đối tác " + code, code, contactEmail = "org@example.gov.vn" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await Body(r)).GetProperty("id").GetGuid();
    }

    private async Task<int> KnownCommuneAsync(HttpClient client)
    {
        var wards = await client.GetFromJsonAsync<JsonElement>("/api/administrative-units/provinces/25/wards");
        return wards[0].GetProperty("code").GetInt32();
    }

    private string NextMonth => VietnamTime.Today(app.Clock).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_unknown_commune_is_400_on_dashboard_reports_and_shares_a_known_one_is_accepted()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var known = await KnownCommuneAsync(officer);

        await FieldError(await officer.GetAsync("/api/reporting/dashboard/figures?commune=99999"), "commune");
        await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?commune=99999"), "commune");
        await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size/export.csv?commune=99999"), "commune");
        await FieldError(await officer.PostAsJsonAsync("/api/reporting/shares",
            new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "enterprises" }, filters = new { commune = "99999" } }), "commune");
        Assert.Equal(0, (await officer.GetFromJsonAsync<JsonElement>($"/api/reporting/shares?partnerOrganizationId={org}")).GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/reporting/dashboard/figures?commune={known}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/reporting/reports/einvoice-by-size?commune={known}")).StatusCode);
        var created = await officer.PostAsJsonAsync("/api/reporting/shares",
            new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "enterprises" }, filters = new { commune = known.ToString(CultureInfo.InvariantCulture) } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var share = (await Body(created)).GetProperty("id").GetGuid();

        // A partner: the share's scope is checked first — another commune, known or not, is outside the share (403).
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/partner/reports/{share}?commune={known}")).StatusCode);
        var outside = await partner.GetAsync($"/api/partner/reports/{share}?commune=99999");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(ReportingErrorCodes.OutsideShare, (await Body(outside)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reporting_errors_are_Vietnamese_by_default_and_English_on_request()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal("Mã 99999 không phải xã/phường của tỉnh.", await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?commune=99999"), "commune"));
        Assert.Equal("99999 is not a commune or ward of the province.",
            await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?commune=99999&culture=en&ui-culture=en"), "commune"));
        Assert.Equal("Nhóm không tồn tại: không doanh nghiệp nào thuộc 'xyz'.",
            await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?cohort=xyz&culture=vi"), "cohort"));
        Assert.Equal("Unknown cohort: no enterprise belongs to 'xyz'.",
            await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?cohort=xyz&culture=en"), "cohort"));
        Assert.Equal("Không có cột 'nope'.", await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?columns=nope"), "columns"));
        Assert.Equal("Số dòng mỗi trang từ 1 đến 1000.", await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?pageSize=0"), "pageSize"));
        Assert.Equal("Page size is 1–1000.", await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?pageSize=0&culture=en"), "pageSize"));
        Assert.Equal("Quy mô phải là một trong: Micro, Small, Medium, Large.", await FieldError(await officer.GetAsync("/api/reporting/reports/einvoice-by-size?size=Huge"), "size"));

        var future = await officer.GetAsync($"/api/reporting/reports/einvoice-by-size?period={NextMonth}");
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var body = await Body(future);
        Assert.Equal(ReportingErrorCodes.FuturePeriod, body.GetProperty("code").GetString());
        Assert.Equal($"Kỳ {NextMonth} là tháng trong tương lai.", body.GetProperty("detail").GetString());
        Assert.Equal("Kỳ này là tháng trong tương lai.", body.GetProperty("errors").GetProperty("period")[0].GetString());
        var futureEn = await Body(await officer.GetAsync($"/api/reporting/dashboard/figures?period={NextMonth}&culture=en"));
        Assert.Equal($"The period {NextMonth} lies in the future.", futureEn.GetProperty("detail").GetString());

        var admin = await app.CreateAdminClientAsync();
        Assert.Equal("Kết quả là Allowed hoặc Denied.", await FieldError(await admin.GetAsync("/api/reporting/access-log?outcome=Maybe"), "outcome"));
        Assert.Equal("Outcome is Allowed or Denied.", await FieldError(await admin.GetAsync("/api/reporting/access-log?outcome=Maybe&culture=en"), "outcome"));
    }

    [Fact]
    public async Task Partner_outside_share_errors_are_localized()
    {
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var r = await admin.PostAsJsonAsync("/api/reporting/shares",
            new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "enterprises" } });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var share = (await Body(r)).GetProperty("id").GetGuid();
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);

        var vi = await Body(await partner.GetAsync($"/api/partner/reports/{share}?size=Micro&columns=group,issuing"));
        Assert.Equal("Yêu cầu có bộ lọc hoặc cột nằm ngoài phạm vi chia sẻ.", vi.GetProperty("detail").GetString());
        Assert.Equal("Bộ lọc này do chia sẻ cố định.", vi.GetProperty("errors").GetProperty("size")[0].GetString());
        Assert.Equal("Chỉ được yêu cầu các cột đã chia sẻ.", vi.GetProperty("errors").GetProperty("columns")[0].GetString());
        var en = await Body(await partner.GetAsync($"/api/partner/reports/{share}?size=Micro&columns=group,issuing&culture=en"));
        Assert.Equal("The request asks for a filter or column outside the share.", en.GetProperty("detail").GetString());
        Assert.Equal("This filter is fixed by the share.", en.GetProperty("errors").GetProperty("size")[0].GetString());
        Assert.Equal("Only the shared columns may be asked for.", en.GetProperty("errors").GetProperty("columns")[0].GetString());
    }

    [Fact]
    public async Task Access_log_page_beyond_the_bound_is_400_not_the_first_page()
    {
        var admin = await app.CreateAdminClientAsync();
        await FieldError(await admin.GetAsync("/api/reporting/access-log?page=2147483647&pageSize=200"), "page");
        await FieldError(await admin.GetAsync("/api/reporting/access-log?page=100001&pageSize=200"), "page");
        var last = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/access-log?page=100000&pageSize=200");
        Assert.Equal(0, last.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Ten_parallel_revokes_all_answer_200_with_one_revocation_recorded()
    {
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var r = await admin.PostAsJsonAsync("/api/reporting/shares",
            new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "enterprises" } });
        var share = (await Body(r)).GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => admin.PostAsync($"/api/reporting/shares/{share}/revoke", null)));
        Assert.All(responses, x => Assert.Equal(HttpStatusCode.OK, x.StatusCode));
        var answered = new List<long>();
        foreach (var response in responses)
        {
            answered.Add((await Body(response)).GetProperty("revokedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        }

        // One revocation: one audit entry that sets RevokedAt, and every answer gives the stored time (to the millisecond on SQLite).
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'SharedReport' AND lower(EntityId) = '{share}' AND Action = 'Updated' AND Changes LIKE '%RevokedAt%'"));
        var listed = (await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/shares?partnerOrganizationId={org}")).EnumerateArray().Single();
        var stored = listed.GetProperty("revokedAt").GetDateTimeOffset().ToUnixTimeMilliseconds();
        Assert.All(answered, a => Assert.Equal(stored, a));
    }
}
