using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>
/// What a breaker sent while the import read its file: a time-formatted huge number, a cut-off multipart body, a JSON body, an
/// unclosed CSV quote, a giant cell, a ZIP that unpacks to hundreds of MB. Each answers a coded 400 (never a 500 or 503) with
/// the Vietnamese detail, and nothing is stored.
/// </summary>
public sealed class ImportFileReadingTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private const string DryRun = "/api/enterprises/imports/dry-run";
    private const string Submit = "/api/enterprises/imports";

    private async Task<JsonElement> ProblemAsync(Func<HttpClient, Task<HttpResponseMessage>> send, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var admin = await app.CreateAdminClientAsync();
        var before = app.Scalar("SELECT COUNT(*) FROM EnterpriseImports") + app.Scalar("SELECT COUNT(*) FROM Enterprises");
        var response = await send(admin);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM EnterpriseImports") + app.Scalar("SELECT COUNT(*) FROM Enterprises"));
        return await response.Json();
    }

    private Task<JsonElement> FileProblemAsync(byte[] content, string fileName, string url = DryRun) =>
        ProblemAsync(c => c.PostFileAsync(url, content, fileName));

    /// <summary>An XLSX whose B2 holds <paramref name="number"/> formatted [h]:mm:ss (numFmtId 46).</summary>
    private static byte[] XlsxWithTimeFormattedNumber(double number)
    {
        var source = ImportTestSupport.Xlsx(["Mã số thuế", "Tên doanh nghiệp"], [[TestData.NewTaxCode(), number]]);
        using var buffer = new MemoryStream();
        buffer.Write(source);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            string ReadEntry(string name)
            {
                using var reader = new StreamReader(zip.GetEntry(name)!.Open());
                return reader.ReadToEnd();
            }

            void WriteEntry(string name, string text)
            {
                zip.GetEntry(name)?.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

            WriteEntry("xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
                <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
                <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
                </styleSheet>
                """);
            var sheet = Regex.Replace(ReadEntry("xl/worksheets/sheet1.xml"), "\\ss=\"\\d+\"", " s=\"0\"");
            var value = number.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            var patched = Regex.Replace(sheet, "<((?:\\w+:)?c)\\b([^>]*?)\\s*>(\\s*<(?:\\w+:)?v>" + Regex.Escape(value) + "<)",
                m => "<" + m.Groups[1].Value + Regex.Replace(m.Groups[2].Value, "\\s(s|t)=\"[^\"]*\"", "") + " s=\"1\">" + m.Groups[3].Value);
            Assert.NotEqual(sheet, patched);
            WriteEntry("xl/worksheets/sheet1.xml", patched);
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task A_huge_number_formatted_as_time_in_an_xlsx_is_a_400_not_a_500()
    {
        var file = XlsxWithTimeFormattedNumber(12000000000d);
        const string Detail = "Không đọc được tệp: một ô ở gần dòng 2 chứa số quá lớn so với định dạng ngày/giờ của ô. Hãy định dạng ô đó là số hoặc văn bản.";
        foreach (var url in new[] { DryRun, Submit })
        {
            var problem = await FileProblemAsync(file, "list.xlsx", url);
            Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());
            Assert.Equal(Detail, problem.GetProperty("detail").GetString());
        }

        // A small time value in the same format is read (as the library converts it), not refused.
        var admin = await app.CreateAdminClientAsync();
        var ok = await admin.PostFileAsync(DryRun, XlsxWithTimeFormattedNumber(0.5), "list.xlsx");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_multipart_body_cut_short_is_a_400_not_a_503()
    {
        foreach (var url in new[] { DryRun, Submit })
        {
            var problem = await ProblemAsync(c =>
            {
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes(
                    "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nMã số thuế"));
                content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XX");
                return c.PostAsync(url, content);
            });
            Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());
            Assert.Equal("Không đọc được tệp: biểu mẫu multipart gửi lên không đúng định dạng (bị cắt hoặc sai ranh giới).",
                problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_json_body_is_told_to_send_multipart()
    {
        foreach (var url in new[] { DryRun, Submit })
        {
            var problem = await ProblemAsync(c => c.PostAsJsonAsync(url, new { file = "Mã số thuế,Tên doanh nghiệp" }));
            Assert.Equal("SmeSupport:Enterprises:ImportFileEmpty", problem.Code());
            Assert.Equal("Không có dữ liệu để nhập: hãy gửi tệp dạng multipart/form-data trong trường 'file' (CSV hoặc XLSX).",
                problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task An_unclosed_csv_quote_is_refused_naming_its_line()
    {
        var inRow = await FileProblemAsync(Encoding.UTF8.GetBytes("Mã số thuế,Tên doanh nghiệp\r\n2934228129,\"Công ty\r\n2946384972,B\r\n"), "a.csv");
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", inRow.Code());
        Assert.Equal("Không đọc được tệp: nội dung CSV không đọc được ở gần dòng 2 (ví dụ một dấu ngoặc kép không được đóng).",
            inRow.GetProperty("detail").GetString());

        var inHeader = await FileProblemAsync(Encoding.UTF8.GetBytes("Mã số thuế,\"Tên doanh nghiệp\r\n2934228129,A\r\n2946384972,B\r\n"), "a.csv");
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", inHeader.Code());
        Assert.Equal("Không đọc được tệp: nội dung CSV không đọc được ở gần dòng 1 (ví dụ một dấu ngoặc kép không được đóng).",
            inHeader.GetProperty("detail").GetString());

        // Semicolon-separated, the quote opened on line 3 after an escaped "" on line 2.
        var semicolon = await FileProblemAsync(Encoding.UTF8.GetBytes(
            "Mã số thuế;Tên doanh nghiệp\n2934228129;\"Công ty \"\"A\"\"\"\n2946384972;\"B\n"), "a.csv");
        Assert.Equal("Không đọc được tệp: nội dung CSV không đọc được ở gần dòng 3 (ví dụ một dấu ngoặc kép không được đóng).",
            semicolon.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Quoted_csv_fields_with_line_breaks_and_quotes_are_still_read()
    {
        var admin = await app.CreateAdminClientAsync();
        var csv = $"Mã số thuế,Tên doanh nghiệp,Địa chỉ\r\n{TestData.NewTaxCode()},\"Công ty \"\"A\"\"\",\"Số 1\r\nPhố Huế\"\r\n{TestData.NewTaxCode()},Công ty B,Số 2\r\n";
        var response = await admin.PostFileAsync(DryRun, Encoding.UTF8.GetBytes(csv), "a.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Json()).GetProperty("totalRows").GetInt32());
    }

    [Fact]
    public async Task A_cell_over_4000_characters_is_refused_naming_row_and_column()
    {
        var xlsx = ImportTestSupport.Xlsx(["Mã số thuế", "Tên doanh nghiệp"],
            [[TestData.NewTaxCode(), "Công ty A"], [TestData.NewTaxCode(), new string('x', 20_000_000)]]);
        var problem = await FileProblemAsync(xlsx, "list.xlsx", Submit);
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());
        Assert.Equal("Không đọc được tệp: ô ở dòng 3, cột 'Tên doanh nghiệp' dài 20.000.000 ký tự, vượt quá giới hạn 4.000 ký tự của một ô.",
            problem.GetProperty("detail").GetString());

        var csv = ImportTestSupport.Csv([["Mã số thuế", "Tên doanh nghiệp"], [TestData.NewTaxCode(), new string('y', 4_001)]]);
        var csvProblem = await FileProblemAsync(csv, "a.csv");
        Assert.Equal("Không đọc được tệp: ô ở dòng 2, cột 'Tên doanh nghiệp' dài 4.001 ký tự, vượt quá giới hạn 4.000 ký tự của một ô.",
            csvProblem.GetProperty("detail").GetString());

        // 4,000 characters exactly is read.
        var admin = await app.CreateAdminClientAsync();
        var ok = await admin.PostFileAsync(DryRun, ImportTestSupport.Csv([["Mã số thuế", "Tên doanh nghiệp"], [TestData.NewTaxCode(), new string('z', 4_000)]]), "a.csv");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_workbook_unpacking_to_more_than_200_mb_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (var i = 0; i < 201; i++)
            {
                entry.Write(chunk);
            }
        }

        Assert.True(buffer.Length < 2 * 1024 * 1024);
        var problem = await FileProblemAsync(buffer.ToArray(), "list.xlsx");
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());
        Assert.Equal("Không đọc được tệp: sổ làm việc khi giải nén lớn 201 MB, vượt quá giới hạn 200 MB. Hãy chia danh sách thành các tệp nhỏ hơn.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_new_reading_refusals_are_told_in_english_too()
    {
        var cell = await FileProblemAsync(ImportTestSupport.Csv([["Mã số thuế", "Tên doanh nghiệp"], [TestData.NewTaxCode(), new string('y', 4_001)]]),
            "a.csv", DryRun + "?culture=en");
        Assert.Equal("The file cannot be read: the cell in row 2, column 'Tên doanh nghiệp' is 4,001 characters long, over the limit of 4,000 characters per cell.",
            cell.GetProperty("detail").GetString());

        var time = await FileProblemAsync(XlsxWithTimeFormattedNumber(12000000000d), "list.xlsx", DryRun + "?culture=en");
        Assert.Equal("The file cannot be read: a cell near row 2 holds a number too large for its date or time format. Format that cell as a number or as text.",
            time.GetProperty("detail").GetString());
    }
}
