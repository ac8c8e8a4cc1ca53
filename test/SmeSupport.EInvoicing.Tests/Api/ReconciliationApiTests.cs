using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using SmeSupport.Domain;
using SmeSupport.TestBase;

namespace SmeSupport.EInvoicing.Tests.Api;

/// <summary>Tax-office reconciliation, the funnel and the portal through HTTP on the real host.</summary>
public sealed class ReconciliationApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
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

    private long Imports => app.Scalar("SELECT COUNT(*) FROM ReconciliationImports");

    private string AdoptionFingerprint => string.Join(",", app.Scalar("SELECT COUNT(*) FROM EInvoiceAdoptions"), StepRecords,
        app.Scalar("SELECT COALESCE(SUM(CurrentStep), 0) FROM EInvoiceAdoptions"), app.Scalar("SELECT COUNT(*) FROM EInvoiceAdoptions WHERE Kind IS NOT NULL"));

    /// <summary>Adoption list items at a step (enterprise id, tax code); each test takes different indexes.</summary>
    private static async Task<List<(Guid Id, string TaxCode, string? Date)>> AtStepAsync(HttpClient client, string step)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions?step={step}&pageSize=200");
        return list.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("enterpriseId").GetGuid(), i.GetProperty("taxCode").GetString()!,
                i.TryGetProperty("currentStepDate", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null))
            .Where(i => !i.Item2.Contains('-', StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>A valid 10-digit tax code no seeded enterprise has (province prefix 79).</summary>
    private static string UnknownValidCode(int n)
    {
        for (var seq = 1234500 + n * 10; ; seq++)
        {
            var nine = "79" + seq.ToString("D7", CultureInfo.InvariantCulture);
            if (TaxCode.ComputeCheckDigit(nine) is { } check)
            {
                return nine + check;
            }
        }
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, byte[] content, string fileName, bool? branchesToParent = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, "file", fileName);
        if (branchesToParent is { } b)
        {
            form.Add(new StringContent(b ? "true" : "false"), "branchesToParent");
        }

        return client.PostAsync("/api/einvoicing/reconciliations", form);
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))).ToArray();

    private static async Task<Dictionary<int, JsonElement>> RowsAsync(HttpClient client, Guid importId)
    {
        var rows = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/reconciliations/{importId}/rows?pageSize=200");
        return rows.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("rowNumber").GetInt32());
    }

    [Fact]
    public async Task A_file_is_reported_row_by_row_and_changes_nothing_until_a_row_is_accepted()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var notRegistered = await AtStepAsync(client, "NotRegistered");
        var regular = await AtStepAsync(client, "IssuingRegularly");
        var accepted = await AtStepAsync(client, "Accepted");
        var behind = notRegistered[0];
        var ahead = regular[0];
        var same = accepted[0];
        var unknown = UnknownValidCode(1);
        var submittedOn = TodayDate.AddDays(-20);
        var acceptedOn = TodayDate.AddDays(-15);
        var dotted = $"{behind.TaxCode[..4]}.{behind.TaxCode[4..7]}.{behind.TaxCode[7..]}";
        var before = AdoptionFingerprint;

        var response = await Upload(client, Csv(
            "MST,Trạng thái,Loại hóa đơn,Nhà cung cấp,Ngày đăng ký,Ngày chấp nhận",
            $"{behind.TaxCode},Chấp nhận,Có mã,MISA meInvoice,{Vn(submittedOn)},{Vn(acceptedOn)}",   // row 2: change
            $"{ahead.TaxCode},Đã chấp nhận,,,,{Vn(acceptedOn)}",                                   // row 3: ours ahead
            $"{same.TaxCode},Accepted,,,,",                                                         // row 4: match
            $"{unknown},Chấp nhận,,,,{Vn(acceptedOn)}",                                              // row 5: unknown
            "0100109107,Chấp nhận,,,,",                                                              // row 6: bad check digit
            $"{dotted},Chấp nhận,,,,",                                                               // row 7: duplicate of row 2
            $"{notRegistered[1].TaxCode},Đang chờ gì đó,,,,",                                        // row 8: unknown status
            $"{notRegistered[2].TaxCode},Chấp nhận,,,31/02/2026,"), "thue-tinh-thang-11.csv");       // row 9: bad date
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var import = await Body(response);
        var id = import.GetProperty("id").GetGuid();
        Assert.Equal($"/api/einvoicing/reconciliations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Csv", import.GetProperty("format").GetString());
        Assert.Equal(8, import.GetProperty("totalRows").GetInt32());
        Assert.Equal(1, import.GetProperty("matches").GetInt32());
        Assert.Equal(1, import.GetProperty("changes").GetInt32());
        Assert.Equal(1, import.GetProperty("conflicts").GetInt32());
        Assert.Equal(1, import.GetProperty("unknownTaxCodes").GetInt32());
        Assert.Equal(4, import.GetProperty("errors").GetInt32());
        Assert.Equal(before, AdoptionFingerprint); // nothing changed yet

        var rows = await RowsAsync(client, id);
        Assert.Equal("Change", rows[2].GetProperty("outcome").GetString());
        Assert.Equal("OursBehind", rows[2].GetProperty("direction").GetString());
        Assert.Equal(behind.Id, rows[2].GetProperty("enterpriseId").GetGuid());
        var plan = rows[2].GetProperty("plannedSteps").EnumerateArray().Select(p => (p.GetProperty("step").GetString(), p.GetProperty("date").GetString())).ToList();
        Assert.Equal([("RegistrationSubmitted", Iso(submittedOn)), ("Accepted", Iso(acceptedOn))], plan);
        Assert.Equal("WithCode", rows[2].GetProperty("kindChange").GetString());
        Assert.Equal("Conflict", rows[3].GetProperty("outcome").GetString());
        Assert.Equal("OursAhead", rows[3].GetProperty("direction").GetString());
        Assert.Equal("Match", rows[4].GetProperty("outcome").GetString());
        Assert.Equal("UnknownTaxCode", rows[5].GetProperty("outcome").GetString());
        Assert.Equal("Error", rows[6].GetProperty("outcome").GetString());
        // Messages in the reader's language: Vietnamese by default …
        Assert.Equal("Mã số thuế '0100109107' không hợp lệ. Chữ số kiểm tra (chữ số thứ 10) của mã số thuế không đúng.", rows[6].GetProperty("messages")[0].GetString());
        Assert.Equal("Error", rows[7].GetProperty("outcome").GetString());
        Assert.Equal($"Dòng trùng: mã số thuế {behind.TaxCode} đã có ở dòng 2.", rows[7].GetProperty("messages")[0].GetString());
        Assert.StartsWith("Trạng thái 'Đang chờ gì đó' không xác định", rows[8].GetProperty("messages")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("'31/02/2026' ở cột 'Ngày đăng ký' không phải ngày (dd/MM/yyyy).", rows[9].GetProperty("messages")[0].GetString());
        Assert.Equal("Hồ sơ của chúng tôi đi sau: Chưa đăng ký → Đã nộp đăng ký (01/ĐKTĐ-HĐĐT) → Được chấp nhận.", rows[2].GetProperty("messages")[0].GetString());
        Assert.Equal("Loại hóa đơn đổi thành có mã của cơ quan thuế.", rows[2].GetProperty("messages")[1].GetString());

        // … and English for a reader who asks for it, from the same kept import.
        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/einvoicing/reconciliations/{id}/rows?pageSize=200");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var enRows = (await Body(await client.SendAsync(english))).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("rowNumber").GetInt32(), r => r.GetProperty("messages").EnumerateArray().Select(m => m.GetString()).ToList());
        Assert.Equal("Tax code '0100109107' is invalid. The check digit (10th digit) of the tax code is wrong.", enRows[6][0]);
        Assert.Equal($"Duplicate row: tax code {behind.TaxCode} already appears in row 2.", enRows[7][0]);
        Assert.Equal("'31/02/2026' in column 'Ngày đăng ký' is not a date (dd/MM/yyyy).", enRows[9][0]);
        Assert.Equal(["Our record is behind: Not registered → Registration submitted (01/ĐKTĐ-HĐĐT) → Accepted.", "Kind becomes with code."], enRows[2].Take(2));
        Assert.Equal($"No enterprise in the registry has tax code {unknown}.", enRows[5][0]);

        // Rows that are not changes cannot be accepted; nothing changes.
        await AssertProblem(await client.PostAsync($"/api/einvoicing/reconciliations/{id}/rows/3/accept", null), HttpStatusCode.Conflict,
            "SmeSupport:EInvoicing:RowNotAcceptable");
        await AssertProblem(await client.PostAsync($"/api/einvoicing/reconciliations/{id}/rows/6/accept", null), HttpStatusCode.Conflict,
            "SmeSupport:EInvoicing:RowNotAcceptable");
        await AssertProblem(await client.PostAsync($"/api/einvoicing/reconciliations/{id}/rows/99/accept", null), HttpStatusCode.BadRequest,
            "SmeSupport:Validation");
        await AssertProblem(await client.PostAsJsonAsync($"/api/einvoicing/reconciliations/{id}/accept", new { rowNumbers = new[] { 2, 4 } }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:RowNotAcceptable");
        Assert.Equal(before, AdoptionFingerprint);

        // Accept row 2: the steps are recorded from the tax-office file.
        var acceptedRow = await client.PostAsync($"/api/einvoicing/reconciliations/{id}/rows/2/accept", null);
        Assert.Equal(HttpStatusCode.OK, acceptedRow.StatusCode);
        Assert.Equal([2], (await Body(acceptedRow)).GetProperty("accepted").EnumerateArray().Select(e => e.GetInt32()));
        var adoption = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{behind.Id}");
        Assert.Equal("Accepted", adoption.GetProperty("currentStep").GetString());
        Assert.Equal(Iso(acceptedOn), adoption.GetProperty("currentStepDate").GetString());
        Assert.Equal("WithCode", adoption.GetProperty("kind").GetString());
        Assert.Equal("MISA meInvoice", adoption.GetProperty("providerName").GetString());
        // The step notes say where the step came from, in the reader's language.
        Assert.All(adoption.GetProperty("steps").EnumerateArray().Where(st => st.GetProperty("source").GetString() == "TaxOfficeFile").ToList(),
            st => Assert.Equal("Tệp của cơ quan thuế 'thue-tinh-thang-11.csv', dòng 2.", st.GetProperty("note").GetString()));
        var englishAdoption = new HttpRequestMessage(HttpMethod.Get, $"/api/einvoicing/adoptions/{behind.Id}");
        englishAdoption.Headers.AcceptLanguage.ParseAdd("en");
        var enSteps = (await Body(await client.SendAsync(englishAdoption))).GetProperty("steps").EnumerateArray()
            .Where(st => st.GetProperty("source").GetString() == "TaxOfficeFile").Select(st => st.GetProperty("note").GetString()).ToList();
        Assert.Equal(["Tax-office file 'thue-tinh-thang-11.csv', row 2.", "Tax-office file 'thue-tinh-thang-11.csv', row 2."], enSteps);
        Assert.All(adoption.GetProperty("steps").EnumerateArray(), s => Assert.Equal("TaxOfficeFile", s.GetProperty("source").GetString()));

        await AssertProblem(await client.PostAsync($"/api/einvoicing/reconciliations/{id}/rows/2/accept", null), HttpStatusCode.Conflict,
            "SmeSupport:EInvoicing:RowNotAcceptable");

        // The import is kept and can be opened later.
        var reopened = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/reconciliations/{id}");
        Assert.Equal(1, reopened.GetProperty("accepted").GetInt32());
        Assert.Equal("thue-tinh-thang-11.csv", reopened.GetProperty("fileName").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/reconciliations");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        var acceptedRows = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/reconciliations/{id}/rows?accepted=true");
        Assert.Equal(1, acceptedRows.GetProperty("totalCount").GetInt32());
        var errorRows = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/reconciliations/{id}/rows?outcome=Error");
        Assert.Equal(4, errorRows.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Unknown_missing_or_repeated_columns_and_unreadable_files_are_400_and_nothing_is_kept()
    {
        var client = await app.CreateAdminClientAsync();
        var before = Imports;
        var unknown = await Upload(client, Csv("MST,Trạng thái,Ghi chú bí ẩn", "0100109106,Chấp nhận,x"), "a.csv");
        await AssertProblem(unknown, HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:UnknownColumns");
        var problem = await Body(unknown);
        Assert.Contains("Ghi chú bí ẩn", problem.GetProperty("errors").GetProperty("columns")[0].GetString(), StringComparison.Ordinal);

        await AssertProblem(await Upload(client, Csv("MST,Ngày", "0100109106,01/01/2026"), "b.csv"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:MissingColumns");
        await AssertProblem(await Upload(client, Csv("MST,Tax code,Status", "0100109106,0100109106,Accepted"), "c.csv"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:RepeatedColumns");
        await AssertProblem(await Upload(client, Csv("Tax code,Status"), "d.csv"), HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:NoDataRows");
        await AssertProblem(await Upload(client, [0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0], "old.xls"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:OldExcelFormat");
        await AssertProblem(await Upload(client, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5], "broken.xlsx"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:NotAWorkbook");
        await AssertProblem(await Upload(client, [0xFF, 0xFE, 0xFD, 0x41, 0x80], "latin.csv"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:NotUtf8Text");
        Assert.Equal(before, Imports);
    }

    [Fact]
    public async Task An_xlsx_with_english_headers_is_read_and_numeric_tax_codes_keep_their_leading_zero()
    {
        var client = await app.CreateAdminClientAsync();
        var target = (await AtStepAsync(client, "NotRegistered"))[3];
        var leadingZero = "0100109106"; // a valid code with a leading zero, not in the registry
        var stream = new MemoryStream();
        var sheet = new List<Dictionary<string, object?>>
        {
            new() { ["Tax code"] = target.TaxCode, ["Status"] = "Registration submitted", ["Kind"] = "from cash register",
                ["Provider"] = "Viettel", ["Registration date"] = TodayDate.AddDays(-3).ToDateTime(TimeOnly.MinValue) },
            new() { ["Tax code"] = 100109106L, ["Status"] = "Issuing regularly", ["Kind"] = null, ["Provider"] = null, ["Registration date"] = null },
        };
        stream.SaveAs(sheet);
        var response = await Upload(client, stream.ToArray(), "tax-office.xlsx");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var import = await Body(response);
        Assert.Equal("Xlsx", import.GetProperty("format").GetString());
        var rows = await RowsAsync(client, import.GetProperty("id").GetGuid());
        Assert.Equal("Change", rows[2].GetProperty("outcome").GetString());
        Assert.Equal("FromCashRegister", rows[2].GetProperty("theirKind").GetString());
        Assert.Equal(JsonValueKind.String, rows[2].GetProperty("theirProviderId").ValueKind); // "Viettel" → Viettel SInvoice
        Assert.Equal(Iso(TodayDate.AddDays(-3)), rows[2].GetProperty("plannedSteps")[0].GetProperty("date").GetString());
        Assert.Equal(leadingZero, rows[3].GetProperty("taxCode").GetString());
        Assert.Equal("UnknownTaxCode", rows[3].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Branches_match_their_parent_only_when_asked()
    {
        var client = await app.CreateAdminClientAsync();
        var parent = (await AtStepAsync(client, "IssuingRegularly"))[1];
        var branch = parent.TaxCode + "-001";
        var csv = Csv("Mã số thuế;Tình trạng;Ngày", $"{branch};Xuất thường xuyên;{Vn(TodayDate)}");

        var without = await Body(await Upload(client, csv, "branches.csv", branchesToParent: false));
        var rowsWithout = await RowsAsync(client, without.GetProperty("id").GetGuid());
        Assert.Equal("UnknownTaxCode", rowsWithout[2].GetProperty("outcome").GetString());
        Assert.Contains(rowsWithout[2].GetProperty("messages").EnumerateArray(),
            m => m.GetString() == $"Chi nhánh {branch} không có trong sổ đăng ký nhưng đơn vị chủ quản {branch[..10]} thì có: hãy nhập lại với lựa chọn khớp chi nhánh với đơn vị chủ quản.");

        var with = await Body(await Upload(client, csv, "branches.csv", branchesToParent: true));
        Assert.True(with.GetProperty("branchesToParent").GetBoolean());
        var rowsWith = await RowsAsync(client, with.GetProperty("id").GetGuid());
        Assert.Equal("Match", rowsWith[2].GetProperty("outcome").GetString());
        Assert.Equal(parent.TaxCode, rowsWith[2].GetProperty("matchedTaxCode").GetString());
        Assert.Equal(branch, rowsWith[2].GetProperty("taxCode").GetString());
    }

    [Fact]
    public async Task Accept_all_applies_pending_changes_and_reports_rows_made_stale_by_later_edits()
    {
        var client = await app.CreateAdminClientAsync();
        var submitted = await AtStepAsync(client, "RegistrationSubmitted");
        var (first, second) = (submitted[0], submitted[1]);
        var day = TodayDate.AddDays(-1);
        var import = await Body(await Upload(client, Csv(
            "Tax code,Status,Accepted date,First invoice date",
            $"{first.TaxCode},First invoice issued,{Vn(day)},{Vn(day)}",
            $"{second.TaxCode},Accepted,{Vn(day)},"), "all.csv"));
        var id = import.GetProperty("id").GetGuid();
        Assert.Equal(2, import.GetProperty("changes").GetInt32());

        // An officer records the second enterprise's acceptance by hand in between: row 3 is now stale.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/einvoicing/adoptions/{second.Id}/steps",
            new { step = "Refused", date = Iso(day) })).StatusCode);
        var before = StepRecords;
        await AssertProblem(await client.PostAsync($"/api/einvoicing/reconciliations/{id}/rows/3/accept", null), HttpStatusCode.Conflict,
            "SmeSupport:EInvoicing:RowStale");
        Assert.Equal(before, StepRecords);

        var result = await client.PostAsync($"/api/einvoicing/reconciliations/{id}/accept", null);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var body = await Body(result);
        Assert.Equal([2], body.GetProperty("accepted").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(3, body.GetProperty("stale")[0].GetProperty("rowNumber").GetInt32());
        Assert.Equal(before + 2, StepRecords);
        var adoption = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{first.Id}");
        Assert.Equal("FirstInvoiceIssued", adoption.GetProperty("currentStep").GetString());
    }

    [Fact]
    public async Task Reconciliation_needs_manage_and_tax_partners_and_enterprises_see_none_of_it()
    {
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: Guid.NewGuid());
        var enterprise = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, Guid.NewGuid());
        foreach (var client in new[] { partner, enterprise })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Upload(client, Csv("MST,Trạng thái", "0100109106,Chấp nhận"), "x.csv")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/einvoicing/reconciliations")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/einvoicing/funnel")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/einvoicing/reported-steps")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/portal/einvoicing")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/einvoicing/reconciliations")).StatusCode);
        var admin = await app.CreateAdminClientAsync();
        await AssertProblem(await admin.GetAsync($"/api/einvoicing/reconciliations/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
    }

    [Fact]
    public async Task Funnel_counts_every_enterprise_cumulatively_by_each_dimension()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var enterprises = app.Scalar("SELECT COUNT(*) FROM Enterprises WHERE IsDeleted = 0");
        foreach (var by in new[] { "Commune", "Size", "LegalForm", "Industry" })
        {
            var funnel = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/funnel?by={by}");
            var total = funnel.GetProperty("total");
            Assert.Equal(enterprises, total.GetProperty("enterprises").GetInt32());
            Assert.Equal(enterprises, funnel.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("enterprises").GetInt32()));
            Assert.True(total.GetProperty("registrationSubmitted").GetInt32() >= total.GetProperty("accepted").GetInt32());
            Assert.True(total.GetProperty("accepted").GetInt32() >= total.GetProperty("firstInvoiceIssued").GetInt32());
            Assert.True(total.GetProperty("firstInvoiceIssued").GetInt32() >= total.GetProperty("issuingRegularly").GetInt32());
        }

        var communes = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/funnel?by=Commune&programmeStatus=Pilot");
        Assert.Equal(150, communes.GetProperty("total").GetProperty("enterprises").GetInt32());
        Assert.All(communes.GetProperty("rows").EnumerateArray(), r => Assert.DoesNotContain("Ward ", r.GetProperty("label").GetString()!, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/einvoicing/funnel?by=Planet")).StatusCode);
    }

    [Fact]
    public async Task An_enterprise_reports_a_step_that_counts_only_once_staff_confirm_it()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var target = (await AtStepAsync(officer, "NotRegistered"))[5];
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, target.Id);

        var mine = await portal.GetFromJsonAsync<JsonElement>("/api/portal/einvoicing");
        Assert.Equal(target.Id, mine.GetProperty("adoption").GetProperty("enterpriseId").GetGuid());
        Assert.Equal("NotRegistered", mine.GetProperty("adoption").GetProperty("currentStep").GetString());

        var before = StepRecords;
        await AssertProblem(await portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "Accepted", date = Iso(TodayDate) }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:StepOutOfOrder");
        await AssertProblem(await portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "RegistrationSubmitted", date = Iso(TodayDate.AddDays(2)) }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation");
        var reported = await portal.PostAsJsonAsync("/api/portal/einvoicing/steps",
            new { step = "RegistrationSubmitted", date = Iso(TodayDate.AddDays(-1)), kind = "WithoutCode", note = "Đã nộp mẫu 01/ĐKTĐ-HĐĐT" });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var reportedBody = await Body(reported);
        var reportedId = reportedBody.GetProperty("id").GetGuid();
        Assert.Equal("Pending", reportedBody.GetProperty("state").GetString());
        await AssertProblem(await portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "RegistrationSubmitted", date = Iso(TodayDate) }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:ReportedStepPending");

        // Not counted yet.
        Assert.Equal(before, StepRecords);
        var staffView = await officer.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{target.Id}");
        Assert.Equal("NotRegistered", staffView.GetProperty("currentStep").GetString());
        var pending = await officer.GetFromJsonAsync<JsonElement>("/api/einvoicing/reported-steps?pageSize=200");
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == reportedId);

        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/einvoicing/reported-steps/{reportedId}/confirm", null)).StatusCode);
        staffView = await officer.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{target.Id}");
        Assert.Equal("RegistrationSubmitted", staffView.GetProperty("currentStep").GetString());
        Assert.Equal("Enterprise", staffView.GetProperty("steps")[0].GetProperty("source").GetString());
        Assert.Equal("WithoutCode", staffView.GetProperty("kind").GetString());
        await AssertProblem(await officer.PostAsync($"/api/einvoicing/reported-steps/{reportedId}/confirm", null), HttpStatusCode.Conflict,
            "SmeSupport:EInvoicing:ReportedStepDecided");
        await AssertProblem(await officer.PostAsync($"/api/einvoicing/reported-steps/{Guid.NewGuid()}/reject", null), HttpStatusCode.NotFound,
            "SmeSupport:NotFound");

        // A rejected report never counts.
        var second = await Body(await portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "Accepted", date = Iso(TodayDate) }));
        var rejected = await officer.PostAsJsonAsync($"/api/einvoicing/reported-steps/{second.GetProperty("id").GetGuid()}/reject", new { reason = "Chưa có thông báo chấp nhận" });
        Assert.Equal("Rejected", (await Body(rejected)).GetProperty("state").GetString());
        Assert.Equal("RegistrationSubmitted", (await officer.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{target.Id}"))
            .GetProperty("currentStep").GetString());
        Assert.Equal(2, (await portal.GetFromJsonAsync<JsonElement>("/api/portal/einvoicing")).GetProperty("reported").GetArrayLength());

        // Staff endpoints stay closed to the enterprise.
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.GetAsync($"/api/einvoicing/adoptions/{target.Id}")).StatusCode);
    }

    [Fact]
    public async Task Step_dates_before_2000_are_field_errors_for_staff_and_portal()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var targets = await AtStepAsync(officer, "NotRegistered");
        var staffTarget = targets[7];
        var portalTarget = targets[8];
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, portalTarget.Id);
        var before = StepRecords;
        var reportedBefore = app.Scalar("SELECT COUNT(*) FROM EInvoiceReportedSteps");

        foreach (var date in new[] { "0001-01-01", "1999-12-31" })
        {
            await AssertProblem(await officer.PostAsJsonAsync($"/api/einvoicing/adoptions/{staffTarget.Id}/steps", new { step = "RegistrationSubmitted", date }),
                HttpStatusCode.BadRequest, "SmeSupport:Validation");
            await AssertProblem(await portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "RegistrationSubmitted", date }),
                HttpStatusCode.BadRequest, "SmeSupport:Validation");
        }

        await AssertProblem(await officer.PostAsJsonAsync($"/api/einvoicing/adoptions/{staffTarget.Id}/steps",
            new { step = "RegistrationSubmitted", date = "9999-12-31" }), HttpStatusCode.BadRequest, "SmeSupport:Validation");
        Assert.Equal(before, StepRecords);
        Assert.Equal(reportedBefore, app.Scalar("SELECT COUNT(*) FROM EInvoiceReportedSteps"));

        // The floor itself is accepted.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/einvoicing/adoptions/{staffTarget.Id}/steps",
            new { step = "RegistrationSubmitted", date = "2000-01-01" })).StatusCode);
        Assert.Equal(before + 1, StepRecords);
    }
}
