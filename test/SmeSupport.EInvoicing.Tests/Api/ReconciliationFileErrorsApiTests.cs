using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.Domain;
using SmeSupport.TestBase;

namespace SmeSupport.EInvoicing.Tests.Api;

/// <summary>
/// Each reason a tax-office file is refused has its own code and names what is wrong (columns by name, rows by number); a file over
/// the 20 MiB limit is 413; row problems are reported row by row in the reader's language; nothing is kept or changed on refusal.
/// Also: one pending reported step per enterprise under parallel reports.
/// </summary>
public sealed class ReconciliationFileErrorsApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private DateOnly Today => SmeSupport.Timing.VietnamTime.Today(app.Clock);

    private static string Vn(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private long Imports => app.Scalar("SELECT COUNT(*) FROM ReconciliationImports");

    private string Fingerprint => string.Join(",", Imports, app.Scalar("SELECT COUNT(*) FROM ReconciliationRows"),
        app.Scalar("SELECT COUNT(*) FROM EInvoiceAdoptions"), app.Scalar("SELECT COUNT(*) FROM EInvoiceStepRecords"),
        app.Scalar("SELECT COALESCE(SUM(CurrentStep), 0) FROM EInvoiceAdoptions"));

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

    private static Task<HttpResponseMessage> Upload(HttpClient client, byte[] content, string fileName, string? language = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/einvoicing/reconciliations") { Content = form };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return client.SendAsync(request);
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    private static async Task<List<(Guid Id, string TaxCode)>> AtStepAsync(HttpClient client, string step)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions?step={step}&pageSize=200");
        return list.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("enterpriseId").GetGuid(), i.GetProperty("taxCode").GetString()!))
            .Where(i => !i.Item2.Contains('-', StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task Each_file_level_reason_has_its_own_code_and_names_what_is_wrong()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var before = Fingerprint;

        var unknown = await AssertProblem(await Upload(client, Csv("MST,Trạng thái,Ghi chú,Số điện thoại", "0100109106,Chấp nhận,x,y"), "a.csv"),
            HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:UnknownColumns");
        Assert.Equal("Tệp có cột không xác định: 'Ghi chú' (#3), 'Số điện thoại' (#4).", Detail(unknown));
        Assert.Equal(["'Ghi chú' (#3)", "'Số điện thoại' (#4)"], unknown.GetProperty("errors").GetProperty("columns").EnumerateArray().Select(c => c.GetString()));

        var missing = await AssertProblem(await Upload(client, Csv("MST,Ngày", "0100109106,01/01/2026"), "b.csv"),
            HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:MissingColumns");
        Assert.Equal("Tệp thiếu cột bắt buộc: Trạng thái / Status.", Detail(missing));
        var missingEn = await AssertProblem(await Upload(client, Csv("Trạng thái", "Chấp nhận"), "b2.csv", "en"),
            HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:MissingColumns");
        Assert.Equal("The file lacks a required column: MST / Mã số thuế / Tax code.", Detail(missingEn));

        var repeated = await AssertProblem(await Upload(client, Csv("MST,Tax code,Status", "0100109106,0100109106,Accepted"), "c.csv"),
            HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:RepeatedColumns");
        Assert.Contains("'MST' = 'Tax code'", Detail(repeated), StringComparison.Ordinal);

        await AssertProblem(await Upload(client, [], "empty.csv"), HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:EmptyFile");
        await AssertProblem(await Upload(client, Csv(",,", "0100109106,Chấp nhận"), "noheader.csv"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:NoHeaderRow");
        await AssertProblem(await Upload(client, Csv("MST,Trạng thái"), "header-only.csv"), HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:NoDataRows");

        // Named .xlsx but not a ZIP; a ZIP that is not a workbook; an old .xls.
        await AssertProblem(await Upload(client, Csv("MST,Trạng thái", "0100109106,Chấp nhận"), "list.xlsx"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:NotXlsx");
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("readme.txt").Open();
            await entry.WriteAsync(Encoding.UTF8.GetBytes("not a workbook"));
        }

        await AssertProblem(await Upload(client, zip.ToArray(), "list.xlsx"), HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:NotAWorkbook");
        await AssertProblem(await Upload(client, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "list.xls"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:OldExcelFormat");

        // Windows-1258/Latin text: not UTF-8, and the row of the first bad byte is named.
        var latin = Csv("MST,Trạng thái", "0100109106,Chấp nhận").Concat(Encoding.Latin1.GetBytes("\r\n0100109106,Ch\u00e9p nh\u00e2n")).ToArray();
        var notUtf8 = await AssertProblem(await Upload(client, latin, "latin.csv"), HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:NotUtf8Text");
        Assert.Contains("dòng 3", Detail(notUtf8), StringComparison.Ordinal);
        var notUtf8En = await AssertProblem(await Upload(client, latin, "latin.csv", "en"), HttpStatusCode.BadRequest, "SmeSupport:EInvoicing:NotUtf8Text");
        Assert.Contains("row 3", Detail(notUtf8En), StringComparison.Ordinal);
        await AssertProblem(await Upload(client, [0x4D, 0x53, 0x54, 0x00, 0x00, 0x01], "binary.csv"), HttpStatusCode.BadRequest,
            "SmeSupport:EInvoicing:NotText");

        Assert.Equal(before, Fingerprint);
    }

    [Fact]
    public async Task A_file_just_over_20_MiB_is_413_FileTooLarge_naming_the_limit_and_nothing_is_read()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var before = Fingerprint;
        var content = new byte[(20 * 1024 * 1024) + 1];
        Array.Fill(content, (byte)'a');
        var problem = await AssertProblem(await Upload(client, content, "big.csv"), HttpStatusCode.RequestEntityTooLarge, "SmeSupport:EInvoicing:FileTooLarge");
        Assert.Equal("Tệp lớn hơn giới hạn 20 MiB của một lần đối chiếu; hãy chia thành các tệp nhỏ hơn.", Detail(problem));
        Assert.Equal(20L * 1024 * 1024, problem.GetProperty("maxBytes").GetInt64());

        // A body announced larger than the limit is refused before it is read.
        var huge = new byte[(21 * 1024 * 1024) + 1];
        await AssertProblem(await Upload(client, huge, "huge.csv", "en"), HttpStatusCode.RequestEntityTooLarge, "SmeSupport:EInvoicing:FileTooLarge");
        Assert.Equal(before, Fingerprint);
    }

    [Fact]
    public async Task Duplicate_rows_malformed_tax_codes_and_bad_dates_are_reported_row_by_row_and_change_nothing()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var candidates = await AtStepAsync(client, "NotRegistered");
        var a = candidates[0];
        var b = candidates[1];
        var c = candidates[2];
        var adoptionsBefore = string.Join(",", app.Scalar("SELECT COUNT(*) FROM EInvoiceStepRecords"), app.Scalar("SELECT COALESCE(SUM(CurrentStep), 0) FROM EInvoiceAdoptions"));
        var response = await Upload(client, Csv(
            "MST,Trạng thái,Ngày đăng ký",
            $"{a.TaxCode},Đã nộp tờ khai,{Vn(Today.AddDays(-5))}",     // row 2: a change
            $"{a.TaxCode},Đã nộp tờ khai,{Vn(Today.AddDays(-5))}",     // row 3: duplicate of row 2
            "01001091,Đã nộp tờ khai,",                                  // row 4: too short
            "01001091O6,Đã nộp tờ khai,",                                // row 5: a letter O
            $"{b.TaxCode},Đã nộp tờ khai,{Vn(Today.AddDays(3))}",       // row 6: future date
            $"{c.TaxCode},Đã nộp tờ khai,hôm qua",                       // row 7: not a date
            $"{a.TaxCode},Đã nộp tờ khai,"), "errors.csv");               // row 8: duplicate of row 2 again
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var import = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = import.GetProperty("id").GetGuid();
        Assert.Equal(7, import.GetProperty("totalRows").GetInt32());
        Assert.Equal(1, import.GetProperty("changes").GetInt32());

        async Task<Dictionary<int, List<string>>> Messages(string language)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/einvoicing/reconciliations/{id}/rows?outcome=Error&pageSize=200");
            request.Headers.AcceptLanguage.ParseAdd(language);
            var rows = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            return rows.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("rowNumber").GetInt32(),
                r => r.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList());
        }

        var en = await Messages("en");
        Assert.Equal([3, 4, 5, 6, 7, 8], en.Keys.Order());
        Assert.Equal($"Duplicate row: tax code {a.TaxCode} already appears in row 2.", en[3].Single());
        Assert.Equal($"Duplicate row: tax code {a.TaxCode} already appears in row 2.", en[8].Single());
        Assert.Equal("Tax code '01001091' is invalid. Tax code must have 10 digits, 13 digits (a branch: 10 digits-3 digits) or 12 digits (a household business).", en[4].Single());
        Assert.StartsWith("Tax code '01001091O6' is invalid. Tax code may contain only digits", en[5].Single(), StringComparison.Ordinal);
        Assert.Equal($"{Iso(Today.AddDays(3))} in column 'Ngày đăng ký' is in the future.", en[6].Single());
        Assert.Equal("'hôm qua' in column 'Ngày đăng ký' is not a date (dd/MM/yyyy).", en[7].Single());
        var vi = await Messages("vi");
        Assert.Equal($"Dòng trùng: mã số thuế {a.TaxCode} đã có ở dòng 2.", vi[3].Single());
        Assert.Equal($"Ngày {Vn(Today.AddDays(3))} ở cột 'Ngày đăng ký' nằm trong tương lai.", vi[6].Single());
        Assert.StartsWith("Mã số thuế '01001091' không hợp lệ. Mã số thuế phải có 10 số, 13 số", vi[4].Single(), StringComparison.Ordinal);

        // Nothing in the adoption records changed, and error rows cannot be accepted.
        Assert.Equal(adoptionsBefore, string.Join(",", app.Scalar("SELECT COUNT(*) FROM EInvoiceStepRecords"),
            app.Scalar("SELECT COALESCE(SUM(CurrentStep), 0) FROM EInvoiceAdoptions")));
        await AssertProblem(await client.PostAsync($"/api/einvoicing/reconciliations/{id}/rows/3/accept", null), HttpStatusCode.Conflict,
            "SmeSupport:EInvoicing:RowNotAcceptable");
    }

    [Fact]
    public async Task Parallel_reports_leave_one_pending_step_and_the_others_are_409()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var target = (await AtStepAsync(officer, "NotRegistered"))[5];
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, target.Id);
        var key = target.Id.ToString().ToUpperInvariant();
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM EInvoiceReportedSteps WHERE EnterpriseId = '{key}'"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "RegistrationSubmitted", date = Iso(Today.AddDays(-1)) })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await AssertProblem(refused, HttpStatusCode.Conflict, "SmeSupport:EInvoicing:ReportedStepPending");
        }

        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM EInvoiceReportedSteps WHERE EnterpriseId = '{key}' AND State = 0"));

        // The database itself refuses a second pending report (the filtered unique index), whatever the application checks.
        await using var connection = app.OpenDatabase();
        var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO EInvoiceReportedSteps (Id, EnterpriseId, Step, Date, State, ReportedAt, CreatedAt, ConcurrencyStamp) "
                             + $"VALUES ('{Guid.NewGuid().ToString().ToUpperInvariant()}', '{key}', 1, '{Iso(Today)}', 0, 0, 0, 'x')";
        var ex = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => insert.ExecuteNonQueryAsync());
        Assert.Contains("UNIQUE", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM EInvoiceReportedSteps WHERE EnterpriseId = '{key}'"));
    }
}
