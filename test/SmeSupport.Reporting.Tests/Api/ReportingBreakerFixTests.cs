using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Reporting.Contracts;
using SmeSupport.TestBase;
using SmeSupport.Text;

namespace SmeSupport.Reporting.Tests.Api;

/// <summary>
/// Faults a breaker found on Reporting: comma-joined enum filters read as another value, unknown cohorts answered with zeros and
/// saved in shares, null share columns dropped, partners' malformed requests missing from the access log.
/// </summary>
public sealed class ReportingBreakerFixTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<string[]> ErrorFields(HttpResponseMessage response) =>
        (await Body(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();

    private async Task<Guid> CreateOrgAsync(HttpClient admin)
    {
        var code = "ORG-" + Guid.NewGuid().ToString("N")[..8];
        var r = await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "Đối tác " + code, code, contactEmail = "org@example.gov.vn" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await Body(r)).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("legalForm=SingleMemberLlc,MultiMemberLlc", "legalForm")]
    [InlineData("legalForm=SingleMemberLlc%2C%20MultiMemberLlc", "legalForm")]
    [InlineData("legalForm=1", "legalForm")]
    [InlineData("legalForm=99", "legalForm")]
    [InlineData("size=Micro,Small", "size")]
    [InlineData("size=Micro%7CSmall", "size")]
    public async Task A_report_filter_with_a_comma_list_or_a_number_is_400_on_the_field(string query, string field)
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var response = await officer.GetAsync("/api/reporting/reports/einvoice-by-legal-form?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await ErrorFields(response));
    }

    [Fact]
    public async Task A_single_name_in_any_case_still_filters()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var lower = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-legal-form?legalForm=singlememberllc&size=MICRO");
        var exact = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-legal-form?legalForm=SingleMemberLlc&size=Micro");
        Assert.Equal(exact.GetProperty("rows").ToString(), lower.GetProperty("rows").ToString());
    }

    [Fact]
    public async Task An_unknown_cohort_is_400_on_reports_dashboard_and_shares_and_no_share_is_stored()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);

        var report = await officer.GetAsync("/api/reporting/reports/einvoice-by-legal-form?cohort=" + Uri.EscapeDataString("Đợt 1 typo"));
        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        Assert.Equal(["cohort"], await ErrorFields(report));
        var dashboard = await officer.GetAsync("/api/reporting/dashboard/figures?cohort=" + Uri.EscapeDataString("Đợt 1 typo"));
        Assert.Equal(HttpStatusCode.BadRequest, dashboard.StatusCode);
        Assert.Equal(["cohort"], await ErrorFields(dashboard));

        var before = app.Scalar("SELECT COUNT(*) FROM SharedReports");
        var share = await officer.PostAsJsonAsync("/api/reporting/shares", new
        {
            reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "issuing" }, filters = new { cohort = "Đợt 1 typo" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, share.StatusCode);
        Assert.Equal(["cohort"], await ErrorFields(share));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM SharedReports"));
    }

    [Fact]
    public async Task A_known_cohort_matches_diacritic_and_case_insensitively_as_in_the_Enterprises_module()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var admin = await app.CreateAdminClientAsync();
        var cohort = "Đợt thử nghiệm " + Guid.NewGuid().ToString("N")[..6];
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?page=1&pageSize=2");
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var joined = await admin.PostAsJsonAsync($"/api/enterprises/{item.GetProperty("id").GetGuid()}/cohorts", new { name = cohort, joinedOn = "2026-01-15" });
            Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        }

        var folded = VietnameseText.Fold(cohort).ToUpperInvariant();
        Assert.NotEqual(cohort, folded);

        var exact = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-legal-form?cohort=" + Uri.EscapeDataString(cohort));
        var loose = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-legal-form?cohort=" + Uri.EscapeDataString(folded));
        Assert.Equal(exact.GetProperty("rows").ToString(), loose.GetProperty("rows").ToString());
        var members = app.Scalar($"SELECT COUNT(DISTINCT EnterpriseId) FROM EnterpriseCohorts WHERE CohortName = '{cohort.Replace("'", "''", StringComparison.Ordinal)}'");
        Assert.True(members > 0);
        var all = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-legal-form");
        Assert.NotEqual(all.GetProperty("rows").ToString(), exact.GetProperty("rows").ToString());
    }

    [Fact]
    public async Task Share_columns_with_a_null_or_comma_entry_are_400_and_nothing_is_stored()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var org = await CreateOrgAsync(await app.CreateAdminClientAsync());
        var before = app.Scalar("SELECT COUNT(*) FROM SharedReports");
        foreach (var columns in new[] { new[] { "group", null }, new[] { "group", "" }, new[] { "group,issuing" } })
        {
            var r = await officer.PostAsJsonAsync("/api/reporting/shares", new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal(["columns"], await ErrorFields(r));
        }

        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM SharedReports"));
    }

    [Fact]
    public async Task A_partners_malformed_requests_are_logged_as_denied_with_the_field_and_bounded_text()
    {
        var admin = await app.CreateAdminClientAsync();
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var org = await CreateOrgAsync(admin);
        var created = await officer.PostAsJsonAsync("/api/reporting/shares",
            new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "issuing" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var share = (await Body(created)).GetProperty("id").GetGuid();
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);
        var huge = "<img src=x>" + new string('A', 5000);

        foreach (var query in new[] { "columns=" + Uri.EscapeDataString("<img src=x>"), "period=2026-13", "page=abc", "columns=" + Uri.EscapeDataString(huge) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await partner.GetAsync($"/api/partner/reports/{share}?{query}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await partner.GetAsync($"/api/partner/reports/{share}/export.csv?legalForm=A,B")).StatusCode);

        var denied = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/access-log?sharedReportId={share}&outcome=Denied");
        var items = denied.GetProperty("items").EnumerateArray().Reverse().ToList();
        Assert.Equal(
            [
                ("View", "BadRequest: columns"), ("View", "BadRequest: period"), ("View", "BadRequest: page"), ("View", "BadRequest: columns"),
                ("ExportCsv", "BadRequest: legalForm"),
            ],
            items.Select(i => (i.GetProperty("action").GetString(), i.GetProperty("reason").GetString())).ToArray());
        Assert.Contains("img src=x", items[0].GetProperty("filters").GetString(), StringComparison.Ordinal);
        Assert.InRange(items[3].GetProperty("filters").GetString()!.Length, 200, 800);
    }
}
