using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.EInvoicing.Tests.Api;

/// <summary>
/// Reconciliation and reported steps around deleted enterprises, and the order of steps recorded together. A class of its own: it
/// deletes enterprises, which would shift the adoption lists other test classes pick from.
/// </summary>
public sealed class ReconciliationEdgeCasesApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private DateOnly TodayDate => SmeSupport.Timing.VietnamTime.Today(app.Clock);

    private static string Vn(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    private long StepRecords => app.Scalar("SELECT COUNT(*) FROM EInvoiceStepRecords");

    private static async Task<List<(Guid Id, string TaxCode)>> AtStepAsync(HttpClient client, string step)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions?step={step}&pageSize=200");
        return list.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("enterpriseId").GetGuid(), i.GetProperty("taxCode").GetString()!))
            .Where(i => !i.Item2.Contains('-', StringComparison.Ordinal))
            .ToList();
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return client.PostAsync("/api/einvoicing/reconciliations", form);
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))).ToArray();

    [Fact]
    public async Task Work_on_an_enterprise_deleted_after_the_import_or_report_is_refused_and_writes_nothing()
    {
        var admin = await app.CreateAdminClientAsync();
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var notRegistered = await AtStepAsync(officer, "NotRegistered");
        var (gone, reporter, kept) = (notRegistered[0], notRegistered[1], notRegistered[2]);
        var totalBefore = (await officer.GetFromJsonAsync<JsonElement>("/api/einvoicing/adoptions?step=NotRegistered&pageSize=1"))
            .GetProperty("totalCount").GetInt32();

        var import = await Upload(officer, Csv("MST,Trạng thái,Ngày đăng ký,Ngày chấp nhận",
            $"{gone.TaxCode},Chấp nhận,{Vn(TodayDate.AddDays(-9))},{Vn(TodayDate.AddDays(-4))}",
            $"{kept.TaxCode},Chấp nhận,{Vn(TodayDate.AddDays(-9))},{Vn(TodayDate.AddDays(-4))}"), "thang.csv");
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var importId = (await Body(import)).GetProperty("id").GetGuid();
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, reporter.Id);
        var reported = await portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "RegistrationSubmitted", date = Iso(TodayDate.AddDays(-1)) });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var reportedId = (await Body(reported)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enterprises/{gone.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enterprises/{reporter.Id}")).StatusCode);

        // The adoption list leaves them out.
        var list = await officer.GetFromJsonAsync<JsonElement>("/api/einvoicing/adoptions?step=NotRegistered&pageSize=200");
        Assert.Equal(totalBefore - 2, list.GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("enterpriseId").GetGuid() == gone.Id || i.GetProperty("enterpriseId").GetGuid() == reporter.Id);

        // A named row of a deleted enterprise: 409, nothing written.
        var steps = StepRecords;
        await AssertProblem(await officer.PostAsync($"/api/einvoicing/reconciliations/{importId}/rows/2/accept", null), HttpStatusCode.Conflict,
            "SmeSupport:EInvoicing:RowNotAcceptable");
        await AssertProblem(await officer.PostAsJsonAsync($"/api/einvoicing/reconciliations/{importId}/accept", new { rowNumbers = new[] { 2, 3 } }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:RowNotAcceptable");
        Assert.Equal(steps, StepRecords);
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM ReconciliationRows WHERE AcceptedAt IS NOT NULL AND RowNumber IN (2, 3) "
                                   + $"AND ImportId = '{importId.ToString().ToUpperInvariant()}'"));

        // Accept-all applies the live enterprise's row and lists the deleted one's as skipped.
        var all = await Body(await officer.PostAsync($"/api/einvoicing/reconciliations/{importId}/accept", null));
        Assert.Equal([3], all.GetProperty("accepted").EnumerateArray().Select(e => e.GetInt32()));
        var skipped = all.GetProperty("stale").EnumerateArray().ToList();
        Assert.Equal(2, Assert.Single(skipped).GetProperty("rowNumber").GetInt32());
        Assert.Equal("Dòng 2 không thể chấp nhận: doanh nghiệp đã bị xóa sau khi nhập tệp.", skipped[0].GetProperty("message").GetString());
        Assert.Equal(steps + 2, StepRecords);
        Assert.Equal("Accepted", (await officer.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{kept.Id}")).GetProperty("currentStep").GetString());

        // A step reported before the deletion cannot be confirmed; it stays pending (it may be rejected).
        await AssertProblem(await officer.PostAsync($"/api/einvoicing/reported-steps/{reportedId}/confirm", null), HttpStatusCode.Conflict,
            "SmeSupport:EInvoicing:EnterpriseDeleted");
        Assert.Equal(steps + 2, StepRecords);
        Assert.Equal(0, app.Scalar($"SELECT State FROM EInvoiceReportedSteps WHERE Id = '{reportedId.ToString().ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task A_resubmission_and_acceptance_recorded_together_list_in_funnel_order()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var target = (await AtStepAsync(officer, "NotRegistered"))[10];
        var submitted = TodayDate.AddDays(-20);
        var refused = TodayDate.AddDays(-17);
        var acceptedOn = TodayDate.AddDays(-1);
        var url = $"/api/einvoicing/adoptions/{target.Id}/steps";
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync(url, new { step = "RegistrationSubmitted", date = Iso(submitted) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync(url, new { step = "Refused", date = Iso(refused) })).StatusCode);

        // The tax office says Accepted, with no submission date: the resubmission is planned on the acceptance date.
        var import = await Body(await Upload(officer, Csv("MST,Trạng thái,Ngày chấp nhận", $"{target.TaxCode},Chấp nhận,{Vn(acceptedOn)}"), "t.csv"));
        var importId = import.GetProperty("id").GetGuid();
        Assert.Equal(1, import.GetProperty("changes").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/einvoicing/reconciliations/{importId}/rows/2/accept", null)).StatusCode);

        // Several reads: the order must not depend on the records' ids.
        for (var i = 0; i < 3; i++)
        {
            var adoption = await officer.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{target.Id}");
            var steps = adoption.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("step").GetString(), s.GetProperty("date").GetString())).ToList();
            Assert.Equal([("RegistrationSubmitted", Iso(submitted)), ("Refused", Iso(refused)), ("RegistrationSubmitted", Iso(acceptedOn)), ("Accepted", Iso(acceptedOn))],
                steps);
        }
    }

    [Fact]
    public async Task A_csv_with_a_trailing_delimiter_in_the_header_is_read_like_xlsx()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var target = (await AtStepAsync(officer, "NotRegistered"))[12];
        var acceptedOn = TodayDate.AddDays(-3);
        var response = await Upload(officer, Csv("MST,Trạng thái,Ngày chấp nhận,", $"{target.TaxCode},Chấp nhận,{Vn(acceptedOn)},"), "trailing.csv");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var import = JsonDocument.Parse(text).RootElement;
        Assert.Equal(1, import.GetProperty("changes").GetInt32());
        var rows = await officer.GetFromJsonAsync<JsonElement>($"/api/einvoicing/reconciliations/{import.GetProperty("id").GetGuid()}/rows");
        var row = Assert.Single(rows.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(target.Id, row.GetProperty("enterpriseId").GetGuid());
        Assert.Equal([("RegistrationSubmitted", Iso(acceptedOn)), ("Accepted", Iso(acceptedOn))],
            row.GetProperty("plannedSteps").EnumerateArray().Select(p => (p.GetProperty("step").GetString(), p.GetProperty("date").GetString())));

        // Cells under the empty trailing header (even if filled) are not a column.
        var extra = await Upload(officer, Csv("MST;Trạng thái;;", $"{target.TaxCode};Chấp nhận;x;y"), "trailing2.csv");
        Assert.Equal(HttpStatusCode.Created, extra.StatusCode);

        // An empty header in the middle is still an unknown column.
        await AssertProblem(await Upload(officer, Csv("MST,,Trạng thái", $"{target.TaxCode},,Chấp nhận"), "middle.csv"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:UnknownColumns");
    }

    [Fact]
    public async Task The_literal_text_of_the_numeric_cell_marker_in_a_csv_is_plain_text()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        // 100109106 with a leading zero is a valid tax code: read as a numeric cell it would have become 0100109106.
        var response = await Upload(officer, Csv("MST,Trạng thái,Ngày chấp nhận", "#num:100109106,Chấp nhận,#num:46000"), "forged.csv");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var import = await Body(response);
        Assert.Equal(1, import.GetProperty("errors").GetInt32());
        var rows = await officer.GetFromJsonAsync<JsonElement>($"/api/einvoicing/reconciliations/{import.GetProperty("id").GetGuid()}/rows");
        var row = Assert.Single(rows.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("Error", row.GetProperty("outcome").GetString());
        Assert.Equal("#num:100109106", row.GetProperty("taxCodeText").GetString());
        var messages = row.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith("Tax code '#num:100109106' is invalid. ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'#num:46000' in column 'Ngày chấp nhận' is not a date", StringComparison.Ordinal));
    }
}
