using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>
/// The import's refusals through the API are told in Vietnamese by default and in English with <c>?culture=en</c> (or
/// <c>Accept-Language: en</c>), word for word, never naming a .NET type; their extension members stay as they were.
/// </summary>
public sealed class ImportErrorMessagesTests(SmallImportLimitFactory app) : IClassFixture<SmallImportLimitFactory>
{
    private const string Url = "/api/enterprises/imports/dry-run";

    /// <summary>Posts the file twice (default culture, then English) and returns both Problem Details.</summary>
    private async Task<(JsonElement Vi, JsonElement En)> BothAsync(byte[] content, string fileName, HttpStatusCode expected, string url = Url)
    {
        var admin = await app.CreateAdminClientAsync();
        var vi = await admin.PostFileAsync(url, content, fileName);
        Assert.Equal(expected, vi.StatusCode);
        var en = await admin.PostFileAsync(url + "?culture=en", content, fileName);
        Assert.Equal(expected, en.StatusCode);
        return (await vi.Json(), await en.Json());
    }

    [Fact]
    public async Task An_xlsx_that_is_not_a_zip_is_explained_in_words_in_vietnamese_and_english()
    {
        var (vi, en) = await BothAsync(Encoding.UTF8.GetBytes("Mã số thuế,Tên doanh nghiệp\r\n0100109106,X\r\n"), "list.xlsx", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", vi.Code());
        Assert.Equal("Không đọc được tệp: tệp có đuôi .xlsx nhưng không phải sổ làm việc Excel (không phải tệp ZIP). Hãy lưu lại từ Excel, hoặc dưới dạng CSV UTF-8.",
            vi.GetProperty("detail").GetString());
        Assert.Equal("The file cannot be read: the file is named .xlsx but is not an Excel workbook (not a ZIP file). Save it again from Excel, or as CSV UTF-8.",
            en.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_zip_that_is_not_a_workbook_names_no_exception_type()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("not a workbook");
        }

        var (vi, en) = await BothAsync(buffer.ToArray(), "list.xlsx", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", vi.Code());
        Assert.Equal("Không đọc được tệp: tệp là tệp nén ZIP nhưng không phải sổ làm việc Excel đọc được (tệp hỏng hoặc thiếu các phần của sổ làm việc). "
                     + "Hãy lưu lại dưới dạng .xlsx hoặc CSV UTF-8.", vi.GetProperty("detail").GetString());
        Assert.Equal("The file cannot be read: the file is a ZIP archive but not a readable Excel workbook (damaged, or parts of the workbook are missing). "
                     + "Save it again as .xlsx or as CSV UTF-8.", en.GetProperty("detail").GetString());
        Assert.DoesNotContain("Exception", vi.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", en.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_named_csv_says_what_it_is()
    {
        var (vi, en) = await BothAsync("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8.ToArray(), "list.csv", HttpStatusCode.BadRequest);
        Assert.Equal("Không đọc được tệp: tệp có đuôi .csv nhưng thực chất là tài liệu PDF, không phải CSV hay XLSX. Hãy gửi danh sách dưới dạng .xlsx hoặc CSV UTF-8.",
            vi.GetProperty("detail").GetString());
        Assert.Equal("The file cannot be read: the file is named .csv but is a PDF document, neither a CSV nor an XLSX file. Send the list as .xlsx or as CSV UTF-8.",
            en.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_columns_are_listed_in_both_languages_and_the_extensions_are_unchanged()
    {
        var (vi, en) = await BothAsync(ImportTestSupport.Csv([["Mã số thuế", "Tên doanh nghiệp", "Màu yêu thích", "Shoe size"], ["0100109106", "X", "a", "b"]]),
            "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportUnknownColumns", vi.Code());
        Assert.Equal("Tệp có cột không nhận ra: 'Màu yêu thích', 'Shoe size'. Hãy tải tệp mẫu để xem tên các cột.", vi.GetProperty("detail").GetString());
        Assert.Equal("Unknown columns: 'Màu yêu thích', 'Shoe size'. Download the template for the column names.", en.GetProperty("detail").GetString());
        Assert.Equal(["Màu yêu thích", "Shoe size"], vi.GetProperty("unknownColumns").EnumerateArray().Select(c => c.GetString()));
        Assert.Empty(vi.GetProperty("missingColumns").EnumerateArray());

        // Unknown and missing together; a header naming a column twice.
        var (both, bothEn) = await BothAsync(ImportTestSupport.Csv([["Tên doanh nghiệp", "Name", "Màu"], ["X", "Y", "a"]]), "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("Tệp có cột không nhận ra: 'Màu'. Cột lặp lại: cột 'Tên doanh nghiệp' xuất hiện 2 lần (cả dưới tên 'Name'). "
                     + "Thiếu cột bắt buộc: 'Mã số thuế' ('Tax code'). Hãy tải tệp mẫu để xem tên các cột.", both.GetProperty("detail").GetString());
        Assert.Equal("Unknown columns: 'Màu'. Repeated columns: the column 'Tên doanh nghiệp' appears 2 times (also as 'Name'). "
                     + "Missing required columns: 'Mã số thuế' ('Tax code'). Download the template for the column names.", bothEn.GetProperty("detail").GetString());
        Assert.Equal(["Màu"], both.GetProperty("unknownColumns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Tên doanh nghiệp", "Name"], both.GetProperty("duplicateColumns")[0].GetProperty("headers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Mã số thuế"], both.GetProperty("missingColumns").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("Mã số thuế", "cột 'Mã số thuế' xuất hiện 2 lần", "the column 'Mã số thuế' appears 2 times")]
    [InlineData("MST", "cột 'Mã số thuế' xuất hiện 2 lần (cả dưới tên 'MST')", "the column 'Mã số thuế' appears 2 times (also as 'MST')")]
    public async Task A_repeated_column_is_reported_as_repeated_not_unknown(string again, string vi, string en)
    {
        var (viProblem, enProblem) = await BothAsync(ImportTestSupport.Csv([["Mã số thuế", "Tên doanh nghiệp", again], ["0100109106", "X", "0100109106"]]),
            "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportDuplicateColumns", viProblem.Code());
        Assert.Equal($"Tệp có cột lặp lại: {vi}. Hãy tải tệp mẫu để xem tên các cột.", viProblem.GetProperty("detail").GetString());
        Assert.Equal($"Repeated columns: {en}. Download the template for the column names.", enProblem.GetProperty("detail").GetString());
        Assert.DoesNotContain("không nhận ra", viProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(viProblem.GetProperty("unknownColumns").EnumerateArray());
        Assert.Empty(viProblem.GetProperty("missingColumns").EnumerateArray());
        var repeated = Assert.Single(viProblem.GetProperty("duplicateColumns").EnumerateArray());
        Assert.Equal("Mã số thuế", repeated.GetProperty("column").GetString());
        Assert.Equal(["Mã số thuế", again], repeated.GetProperty("headers").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("/api/enterprises/export?format=pdf")]
    [InlineData("/api/enterprises/imports/template?format=pdf")]
    public async Task A_wrong_format_is_told_in_vietnamese_by_default_and_in_english_on_request(string url)
    {
        var admin = await app.CreateAdminClientAsync();
        var vi = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, vi.StatusCode);
        Assert.Equal(["Định dạng phải là csv hoặc xlsx."], (await vi.Json()).GetProperty("errors").GetProperty("format").EnumerateArray().Select(e => e.GetString()));
        var en = await admin.GetAsync(url + "&culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, en.StatusCode);
        Assert.Equal(["Format must be csv or xlsx."], (await en.Json()).GetProperty("errors").GetProperty("format").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Missing_columns_are_listed_in_both_languages()
    {
        var (vi, en) = await BothAsync(ImportTestSupport.Csv([["Tên doanh nghiệp", "Số lao động"], ["X", "3"]]), "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportMissingColumns", vi.Code());
        Assert.Equal("Thiếu cột bắt buộc: 'Mã số thuế' ('Tax code'). Hãy tải tệp mẫu để xem tên các cột.", vi.GetProperty("detail").GetString());
        Assert.Equal("Missing required columns: 'Mã số thuế' ('Tax code'). Download the template for the column names.", en.GetProperty("detail").GetString());
        Assert.Equal(["Mã số thuế"], en.GetProperty("missingColumns").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task An_empty_file_and_a_file_without_rows_are_told_apart()
    {
        var (vi, en) = await BothAsync(Encoding.UTF8.GetBytes("Mã số thuế;Tên doanh nghiệp\r\n"), "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportFileEmpty", vi.Code());
        Assert.Equal("Không có dữ liệu để nhập: tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào.", vi.GetProperty("detail").GetString());
        Assert.Equal("Nothing to import: the file has a header but no data rows.", en.GetProperty("detail").GetString());

        var (blank, blankEn) = await BothAsync([.. ImportTestSupport.Bom, .. "\r\n\r\n"u8.ToArray()], "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("Không có dữ liệu để nhập: tệp trống.", blank.GetProperty("detail").GetString());
        Assert.Equal("Nothing to import: the file is empty.", blankEn.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_file_over_the_limit_gives_the_limit_in_MB_in_both_languages()
    {
        var rows = new List<string?[]> { new[] { "Mã số thuế", "Tên doanh nghiệp" } };
        for (var i = 0; i < 200; i++)
        {
            rows.Add([TestData.NewTaxCode(), $"Công ty TNHH Thử nghiệm số {i}"]);
        }

        var (vi, en) = await BothAsync(ImportTestSupport.Csv(rows), "big.csv", HttpStatusCode.RequestEntityTooLarge, "/api/enterprises/imports");
        Assert.Equal("SmeSupport:Enterprises:ImportFileTooLarge", vi.Code());
        Assert.Equal("Tệp lớn hơn giới hạn 0,004 MB (4.096 byte); hãy chia thành các tệp nhỏ hơn.", vi.GetProperty("detail").GetString());
        Assert.Equal("The file is larger than the limit of 0.004 MB (4,096 bytes); split it into smaller files.", en.GetProperty("detail").GetString());
        Assert.Equal(4096, en.GetProperty("maxBytes").GetInt64());
    }

    [Fact]
    public async Task Accept_language_en_gives_english_too()
    {
        var admin = await app.CreateAdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("Mã số thuế;Tên doanh nghiệp\r\n")), "file", "a.csv" } },
        };
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Nothing to import: the file has a header but no data rows.", (await response.Json()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Revert_refusals_are_told_in_both_languages_with_the_count_and_rows()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        var id = await TestData.CreateEnterpriseAsync(admin, code, "Công ty TNHH Trước Nhập Lời");
        var batch = await app.ImportAsync(admin, ImportTestSupport.Csv([["Tax code", "Name"], [code, "Công ty TNHH Sau Nhập Lời"]]), "update.csv");
        var batchId = batch.GetProperty("id").GetGuid();
        var current = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        var put = await admin.PutAsJsonAsync($"/api/enterprises/{id}", new
        {
            taxCode = code, name = "Công ty TNHH Sửa Tay Lời", legalForm = "SingleMemberLlc", wardCode = TestData.TanHoaWard,
            concurrencyStamp = current.GetProperty("concurrencyStamp").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var vi = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert", null);
        var en = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert?culture=en", null);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (vi.StatusCode, en.StatusCode));
        var viProblem = await vi.Json();
        Assert.Equal("SmeSupport:Enterprises:ImportChangedSince", viProblem.Code());
        Assert.Equal("Không hoàn tác gì cả: 1 doanh nghiệp do lần nhập này ghi đã được sửa hoặc xóa sau đó (dòng 2). "
                     + "Hãy tự hoàn tác các thay đổi đó, hoặc sửa trực tiếp hồ sơ.", viProblem.GetProperty("detail").GetString());
        Assert.Equal("Nothing was reverted: 1 enterprise(s) written by this import were changed or deleted afterwards (rows 2). "
                     + "Undo those changes by hand, or edit the records directly.", (await en.Json()).GetProperty("detail").GetString());
        Assert.Equal(2, Assert.Single(viProblem.GetProperty("rows").EnumerateArray()).GetProperty("rowNumber").GetInt32());

        // A batch reverted once cannot be reverted again.
        var other = await app.ImportAsync(admin, ImportTestSupport.Csv(
            [["Tax code", "Name", "Legal form", "Commune/ward"], [TestData.NewTaxCode(), "Công ty TNHH Hoàn Tác Lời", "Joint stock company", "7900"]]), "new.csv");
        var otherId = other.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/enterprises/imports/{otherId}/revert", null)).StatusCode);
        var again = await admin.PostAsync($"/api/enterprises/imports/{otherId}/revert", null);
        var againEn = await admin.PostAsync($"/api/enterprises/imports/{otherId}/revert?culture=en", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var againProblem = await again.Json();
        Assert.Equal("SmeSupport:Enterprises:ImportNotRevertible", againProblem.Code());
        Assert.Equal("Không thể hoàn tác lần nhập này: lần nhập đã được hoàn tác rồi.", againProblem.GetProperty("detail").GetString());
        Assert.Equal("This import cannot be reverted: it has already been reverted.", (await againEn.Json()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_import_page_shows_the_refusal_in_vietnamese_by_default_and_in_english_on_request()
    {
        var admin = await app.CreateAdminClientAsync();
        async Task<string> DryRunPageAsync(string query)
        {
            var page = await admin.GetStringAsync("/Enterprises/Import" + query);
            var antiforgery = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;
            Assert.NotEmpty(antiforgery);
            using var form = new MultipartFormDataContent
            {
                { new StringContent(antiforgery), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes("Mã số thuế,Tên doanh nghiệp\r\n0100109106,X\r\n")), "file", "list.xlsx" },
            };
            var separator = query.Length == 0 ? "?" : "&";
            var response = await admin.PostAsync("/Enterprises/Import" + query + separator + "handler=DryRun", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        var vi = await DryRunPageAsync("");
        Assert.Contains("data-testid=\"import-error\">Không đọc được tệp: tệp có đuôi .xlsx nhưng không phải sổ làm việc Excel (không phải tệp ZIP). "
                        + "Hãy lưu lại từ Excel, hoặc dưới dạng CSV UTF-8.</div>", vi, StringComparison.Ordinal);
        var en = await DryRunPageAsync("?culture=en");
        Assert.Contains("data-testid=\"import-error\">The file cannot be read: the file is named .xlsx but is not an Excel workbook (not a ZIP file). "
                        + "Save it again from Excel, or as CSV UTF-8.</div>", en, StringComparison.Ordinal);
    }
}
