using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using SmeSupport.Reporting.Contracts;
using SmeSupport.TestBase;
using SmeSupport.Timing;

namespace SmeSupport.Reporting.Tests.Api;

/// <summary>The Reporting HTTP API over the real host and a seeded SQLite database: shares, access rules, log, snapshots, exports.</summary>
public sealed class ReportingApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await Body(response)).GetProperty("code").GetString());
    }

    private async Task<Guid> CreateOrgAsync(HttpClient admin)
    {
        var code = "ORG-" + Guid.NewGuid().ToString("N")[..8];
        var r = await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "Đối tác " + code, code, contactEmail = "org@example.gov.vn" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await Body(r)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> ShareAsync(HttpClient staff, Guid org, string report, string[] columns, object? filters = null, DateOnly? expiresOn = null)
    {
        var r = await staff.PostAsJsonAsync("/api/reporting/shares", new { reportKey = report, partnerOrganizationId = org, columns, filters, expiresOn });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await Body(r)).GetProperty("id").GetGuid();
    }

    private string Today => VietnamTime.Today(app.Clock).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Tax_office_is_seeded_and_partner_crud_validates()
    {
        var admin = await app.CreateAdminClientAsync();
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/partners");
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("code").GetString() == "THUE-TINH");

        var bad = await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "", code = "a b", contactEmail = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Body(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("code", out _) && errors.TryGetProperty("contactEmail", out _));

        var dup = await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "X", code = "thue-tinh", contactEmail = "a@b.vn" });
        await AssertProblem(dup, HttpStatusCode.Conflict, ReportingErrorCodes.DuplicatePartnerCode);

        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/reporting/partners")).StatusCode);
    }

    [Fact]
    public async Task Invited_partner_user_gets_the_organization_claim_and_sees_its_shares()
    {
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var email = $"partner-{Guid.NewGuid():N}@thue.example.vn";
        var invite = await admin.PostAsJsonAsync($"/api/reporting/partners/{org}/users", new { email, fullName = "Nguyễn Văn Thuế" });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var users = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/partners/{org}/users");
        Assert.Equal(email, users.EnumerateArray().Single().GetProperty("email").GetString());
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM AspNetUsers WHERE Email = '{email}' AND PartnerOrganizationId IS NOT NULL"));
        Assert.Contains(Directory.GetFiles(app.OutboxPath, "*.eml"), f => File.ReadAllText(f).Contains(email, StringComparison.OrdinalIgnoreCase));

        var again = await admin.PostAsJsonAsync($"/api/reporting/partners/{org}/users", new { email, fullName = "X" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Partner_sees_only_its_active_shares_with_shared_columns_and_every_rule_is_enforced()
    {
        var admin = await app.CreateAdminClientAsync();
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var org = await CreateOrgAsync(admin);
        var other = await CreateOrgAsync(admin);
        var share = await ShareAsync(officer, org, "einvoice-by-size", ["group", "enterprises", "issuing"], new { legalForm = "SingleMemberLlc" });
        var otherShare = await ShareAsync(officer, other, "einvoice-by-size", ["group", "issuing"]);
        var expired = await ShareAsync(officer, org, "einvoice-by-commune", ["group", "issuing"], expiresOn: VietnamTime.Today(app.Clock));
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);

        var shares = await partner.GetFromJsonAsync<JsonElement>("/api/partner/reports");
        Assert.Equal(new[] { share, expired }.Order().ToArray(), shares.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Order().ToArray());
        Assert.DoesNotContain(shares.EnumerateArray(), s => s.GetProperty("id").GetGuid() == otherShare);

        // Only the shared columns, under the share's fixed legal form: the figures equal the staff report with that filter.
        var view = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/reports/{share}");
        Assert.Equal(new string?[] { "group", "enterprises", "issuing" }, view.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToArray());
        var staff = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-size?legalForm=SingleMemberLlc&columns=group,enterprises,issuing");
        Assert.Equal(staff.GetProperty("rows").ToString(), view.GetProperty("rows").ToString());
        var all = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-size");
        Assert.NotEqual(all.GetProperty("rows").EnumerateArray().Last()[2].GetInt32(), view.GetProperty("rows").EnumerateArray().Last()[1].GetInt32());

        // A column or a filter outside the share: 403; a malformed filter: 400; a future period: 400.
        await AssertProblem(await partner.GetAsync($"/api/partner/reports/{share}?columns=group,accepted"), HttpStatusCode.Forbidden, ReportingErrorCodes.OutsideShare);
        await AssertProblem(await partner.GetAsync($"/api/partner/reports/{share}?legalForm=Cooperative"), HttpStatusCode.Forbidden, ReportingErrorCodes.OutsideShare);
        await AssertProblem(await partner.GetAsync($"/api/partner/reports/{share}?commune=1"), HttpStatusCode.Forbidden, ReportingErrorCodes.OutsideShare);
        Assert.Equal(HttpStatusCode.BadRequest, (await partner.GetAsync($"/api/partner/reports/{share}?size=Huge")).StatusCode);
        var future = VietnamTime.Today(app.Clock).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await AssertProblem(await partner.GetAsync($"/api/partner/reports/{share}?period={future}"), HttpStatusCode.BadRequest, ReportingErrorCodes.FuturePeriod);

        // Another organization's share id: 404, on view and export.
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{otherShare}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{otherShare}/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{Guid.NewGuid()}")).StatusCode);

        // Expiry: the last day still works; the next day it is gone.
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/partner/reports/{expired}")).StatusCode);
        using (var db = app.OpenDatabase())
        {
            using var cmd = db.CreateCommand();
            var yesterday = VietnamTime.Today(app.Clock).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            cmd.CommandText = $"UPDATE SharedReports SET ExpiresOn = '{yesterday}' WHERE lower(Id) = '{expired}'";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{expired}")).StatusCode);
        Assert.DoesNotContain((await partner.GetFromJsonAsync<JsonElement>("/api/partner/reports")).EnumerateArray(), s => s.GetProperty("id").GetGuid() == expired);

        // Revocation takes effect on the next request.
        var revoked = await officer.PostAsync($"/api/reporting/shares/{share}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var first = await revoked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{share}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{share}/export.xlsx")).StatusCode);

        // Revoking again is idempotent: 200 and the share unchanged (its first revocation time), even a second later.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = await officer.PostAsync($"/api/reporting/shares/{share}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        // Stored to the millisecond (SQLite).
        Assert.Equal(first.GetProperty("revokedAt").GetDateTimeOffset().ToUnixTimeMilliseconds(), second.GetProperty("revokedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.False(second.GetProperty("isActive").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{share}")).StatusCode);
    }

    [Fact]
    public async Task Partner_reaches_no_staff_api_and_staff_without_org_reach_no_partner_api()
    {
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);
        foreach (var url in new[]
                 {
                     "/api/reporting/dashboard", "/api/reporting/dashboard/figures", "/api/reporting/reports", "/api/reporting/reports/einvoice-by-size",
                     "/api/reporting/reports/einvoice-by-size/export.csv", "/api/reporting/shares", "/api/reporting/partners", "/api/reporting/access-log",
                     "/api/enterprises", "/api/cases", "/api/trials", "/api/einvoicing/adoptions",
                 })
        {
            Assert.True((await partner.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, url);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/api/reporting/shares", new { reportKey = "einvoice-by-size" })).StatusCode);
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/partner/reports")).StatusCode);
    }

    [Fact]
    public async Task Share_creation_validates_report_columns_filters_and_expiry()
    {
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var r = await admin.PostAsJsonAsync("/api/reporting/shares", new
        {
            reportKey = "outreach-performance", partnerOrganizationId = org, columns = new[] { "nope" }, filters = new { commune = "5" },
            expiresOn = VietnamTime.Today(app.Clock).AddDays(-1),
        });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = (await Body(r)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("columns", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("commune", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("expiresOn", out _), errors.ToString());
        var unknown = await admin.PostAsJsonAsync("/api/reporting/shares", new { reportKey = "x", partnerOrganizationId = Guid.NewGuid(), columns = new[] { "a" } });
        var e2 = (await Body(unknown)).GetProperty("errors");
        Assert.True(e2.TryGetProperty("reportKey", out _) && e2.TryGetProperty("partnerOrganizationId", out _));
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM SharedReports WHERE PartnerOrganizationId = '{org.ToString().ToUpperInvariant()}'")
                        + app.Scalar($"SELECT COUNT(*) FROM SharedReports WHERE PartnerOrganizationId = '{org}'"));
    }

    [Fact]
    public async Task Every_partner_view_and_export_is_logged_and_admin_reads_the_log()
    {
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var share = await ShareAsync(admin, org, "einvoice-by-commune", ["group", "issuing"], new { size = "Micro" });
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);
        var partner = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/partner/reports/{share}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/partner/reports/{share}/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/partner/reports/{share}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/partner/reports/{share}?columns=enterprises")).StatusCode);

        // The refused column request is logged too, as denied (see ReportingFiguresTests); the allowed ones are the view and the two exports.
        Assert.Equal(4, (await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/access-log?sharedReportId={share}")).GetProperty("totalCount").GetInt32());
        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/access-log?sharedReportId={share}&outcome=Allowed");
        Assert.Equal(3, log.GetProperty("totalCount").GetInt32());
        var items = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new string?[] { "ExportXlsx", "ExportCsv", "View" }, items.Select(i => i.GetProperty("action").GetString()).ToArray());
        Assert.All(items, i =>
        {
            Assert.Equal(email, i.GetProperty("userEmail").GetString());
            Assert.Equal("einvoice-by-commune", i.GetProperty("reportKey").GetString());
            Assert.Contains("\"size\":\"Micro\"", i.GetProperty("filters").GetString(), StringComparison.Ordinal);
            Assert.Contains("\"columns\":[\"group\",\"issuing\"]", i.GetProperty("filters").GetString(), StringComparison.Ordinal);
        });

        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/reporting/access-log")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/reporting/access-log?pageSize=0")).StatusCode);
    }

    [Fact]
    public async Task Exports_hold_only_the_shared_columns_and_neutralise_formula_cells()
    {
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var share = await ShareAsync(admin, org, "einvoice-not-issuing", ["taxCode", "name"]);
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);

        var view = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/reports/{share}?pageSize=1000");
        var rows = view.GetProperty("rows").GetArrayLength();
        Assert.True(rows > 0);
        Assert.Equal(rows, view.GetProperty("totalRows").GetInt32());

        var csv = Encoding.UTF8.GetString((await partner.GetByteArrayAsync($"/api/partner/reports/{share}/export.csv")).AsSpan(3));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Mã số thuế,Tên doanh nghiệp", lines[0]);
        Assert.Equal(rows + 1, lines.Length);

        var xlsx = await partner.GetByteArrayAsync($"/api/partner/reports/{share}/export.xlsx");
        using var ms = new MemoryStream(xlsx);
        var sheet = ms.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(rows, sheet.Count);
        Assert.Equal(["Mã số thuế", "Tên doanh nghiệp"], sheet[0].Keys.ToArray());
        Assert.Equal(view.GetProperty("rows")[0][0].GetString(), sheet[0]["Mã số thuế"]?.ToString());

        Assert.Equal("'=HYPERLINK(\"x\")", Application.ReportExporter.Neutralise("=HYPERLINK(\"x\")"));
        Assert.Equal("'+1", Application.ReportExporter.Neutralise("+1"));
        Assert.Equal("'-1", Application.ReportExporter.Neutralise("-1"));
        Assert.Equal("'@SUM(A1)", Application.ReportExporter.Neutralise("@SUM(A1)"));
        Assert.Equal("Công ty A", Application.ReportExporter.Neutralise("Công ty A"));
        var result = new ReportResultDto("k", "t", "t", "2026-01", false, new ReportFilterDto(),
            [new ReportColumnDto("name", "Tên", "Name", false), new ReportColumnDto("n", "Số", "N", true)],
            [["=1+1", 5], ["@cmd", -3]], null);
        var text = Encoding.UTF8.GetString(Application.ReportExporter.Export(result, ReportFormat.Csv).Content.AsSpan(3));
        Assert.Equal("Tên,Số\r\n'=1+1,5\r\n'@cmd,-3\r\n", text);

        // XLSX: the exact text in string cells (shared or inline), never a formula, no apostrophe; numbers stay numbers.
        var cells = XlsxCells(Application.ReportExporter.Export(result, ReportFormat.Xlsx).Content);
        Assert.Equal([("A2", "=1+1", false), ("A3", "@cmd", false)], cells.Where(c => c.Ref is "A2" or "A3").ToArray());
        Assert.DoesNotContain(cells, c => c.Formula);
        Assert.Equal(["5", "-3"], cells.Where(c => c.Ref is "B2" or "B3").Select(c => c.Text));
    }

    /// <summary>
    /// The cells of the first sheet of an XLSX file: reference, text (shared string, inline string or value) and whether the cell
    /// holds a formula.
    /// </summary>
    internal static List<(string Ref, string Text, bool Formula)> XlsxCells(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        System.Xml.Linq.XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } entry
            ? System.Xml.Linq.XDocument.Load(entry.Open()).Root!.Elements(ns + "si").Select(si => string.Concat(si.Descendants(ns + "t").Select(t => t.Value))).ToList()
            : [];
        var sheetEntry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
        return System.Xml.Linq.XDocument.Load(sheetEntry.Open()).Descendants(ns + "c").Select(c =>
        {
            var type = (string?)c.Attribute("t");
            var text = type switch
            {
                "s" => shared[int.Parse(c.Element(ns + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
                "inlineStr" => string.Concat(c.Element(ns + "is")!.Descendants(ns + "t").Select(t => t.Value)),
                _ => c.Element(ns + "v")?.Value ?? "",
            };
            return ((string)c.Attribute("r")!, text, c.Element(ns + "f") is not null);
        }).ToList();
    }

    [Fact]
    public async Task Staff_reports_validate_filters_and_columns()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var defs = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports");
        Assert.Equal(8, defs.GetArrayLength());
        foreach (var d in defs.EnumerateArray())
        {
            var key = d.GetProperty("key").GetString();
            var r = await officer.GetAsync($"/api/reporting/reports/{key}");
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{key}: {await r.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/reporting/reports/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/reporting/reports/einvoice-by-size?columns=zzz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/reporting/reports/outreach-performance?commune=1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/reporting/reports/einvoice-by-size?period=2026-13")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/reporting/reports/einvoice-by-size/export.pdf")).StatusCode);

        // Sum of groups equals the total row; the funnel's totals agree.
        var rep = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-legal-form");
        var rowsList = rep.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rowsList[..^1].Sum(r => r[2].GetInt32()), rowsList[^1][2].GetInt32());
        var admin = await app.CreateAdminClientAsync();
        var funnel = await admin.GetFromJsonAsync<JsonElement>("/api/einvoicing/funnel?by=LegalForm");
        Assert.Equal(funnel.GetProperty("total").GetProperty("firstInvoiceIssued").GetInt32(), rowsList[^1][5].GetInt32());
    }

    [Fact]
    public async Task Past_month_reads_the_snapshot_which_later_edits_do_not_change()
    {
        var admin = await app.CreateAdminClientAsync();
        var added = await ReportingMonthEndJob.SnapshotOnceAsync(app.Services);
        var again = await ReportingMonthEndJob.SnapshotOnceAsync(app.Services);
        Assert.Equal(0, again);
        var previous = VietnamTime.Today(app.Clock).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal(8, app.Scalar($"SELECT COUNT(*) FROM ReportSnapshots WHERE Month = '{previous}'"));
        Assert.True(added is 0 or 8);

        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/reports/einvoice-by-size?period={previous}");
        Assert.True(before.GetProperty("fromSnapshot").GetBoolean());
        var liveBefore = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-size");

        // An edit after the month end: an enterprise not registered submits its registration.
        var notIssuing = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-not-issuing?columns=taxCode,step");
        var taxCode = notIssuing.GetProperty("rows").EnumerateArray().First(r => r[1].GetString() == "Chưa đăng ký")[0].GetString();
        var ent = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises?q={taxCode}");
        var id = ent.GetProperty("items")[0].GetProperty("id").GetGuid();
        var step = await admin.PostAsJsonAsync($"/api/einvoicing/adoptions/{id}/steps",
            new { step = "RegistrationSubmitted", date = VietnamTime.Today(app.Clock), source = "Officer" });
        Assert.True(step.IsSuccessStatusCode, await step.Content.ReadAsStringAsync());

        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/reports/einvoice-by-size?period={previous}");
        Assert.Equal(before.GetProperty("rows").ToString(), after.GetProperty("rows").ToString());
        var liveAfter = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-size");
        Assert.Equal(liveBefore.GetProperty("rows").EnumerateArray().Last()[3].GetInt32() + 1, liveAfter.GetProperty("rows").EnumerateArray().Last()[3].GetInt32());

        // A month before any snapshot: 404; the current month: live.
        await AssertProblem(await admin.GetAsync("/api/reporting/reports/einvoice-by-size?period=2001-01"), HttpStatusCode.NotFound, ReportingErrorCodes.NoSnapshot);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/reports/einvoice-by-size?period={Today}")).GetProperty("fromSnapshot").GetBoolean());
    }

    [Fact]
    public async Task Monthly_delivery_mails_the_xlsx_once_per_share_and_month()
    {
        var admin = await app.CreateAdminClientAsync();
        var org = await CreateOrgAsync(admin);
        var r = await admin.PostAsJsonAsync("/api/reporting/shares", new
        {
            reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "issuing" }, monthlyEmail = true,
        });
        var share = (await Body(r)).GetProperty("id").GetGuid();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);

        await ReportingMonthEndJob.DeliverOnceAsync(app.Services);
        await ReportingMonthEndJob.DeliverOnceAsync(app.Services);
        var mails = Directory.GetFiles(app.OutboxPath, "*.eml").Select(File.ReadAllText)
            .Where(t => t.Contains(email, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Single(mails);
        Assert.Contains("einvoice-by-size-", mails[0], StringComparison.Ordinal);
        Assert.Contains(".xlsx", mails[0], StringComparison.Ordinal);
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM SharedReportDeliveries WHERE lower(SharedReportId) = '{share}'"));
        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/access-log?sharedReportId={share}");
        Assert.Equal("Email", log.GetProperty("items")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Dashboard_figures_follow_the_filters_and_refuse_a_future_period()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var all = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard/figures");
        var micro = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard/figures?size=Micro");
        var rep = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-size");
        var microRow = rep.GetProperty("rows").EnumerateArray().Single(r => r[0].GetString() == "Micro");
        Assert.Equal(microRow[2].GetInt32(), micro.GetProperty("enterprises").GetInt32());
        Assert.Equal(rep.GetProperty("rows").EnumerateArray().Last()[2].GetInt32(), all.GetProperty("enterprises").GetInt32());
        Assert.Equal(micro.GetProperty("pilotEnterprises").GetInt32(), micro.GetProperty("funnel")[0].GetProperty("value").GetInt32());
        Assert.True(micro.GetProperty("funnel")[3].GetProperty("value").GetInt32() <= microRow[5].GetInt32());
        var future = VietnamTime.Today(app.Clock).AddMonths(2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await AssertProblem(await officer.GetAsync($"/api/reporting/dashboard/figures?period={future}"), HttpStatusCode.BadRequest, ReportingErrorCodes.FuturePeriod);
    }
}
