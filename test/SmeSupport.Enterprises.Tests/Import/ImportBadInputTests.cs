using System.Net;
using System.Text;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>A factory whose import size limit is 4 KiB.</summary>
public sealed class SmallImportLimitFactory : SmeSupportAppFactory
{
    /// <inheritdoc />
    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Enterprises:Import:MaxFileBytes"] = "4096";
}

/// <summary>Files that are not what they claim, too large, empty, or with wrong columns: a clear 400/413 and nothing stored.</summary>
public sealed class ImportBadInputTests(SmallImportLimitFactory app) : IClassFixture<SmallImportLimitFactory>
{
    private async Task<JsonElement> ProblemAsync(byte[] content, string fileName, HttpStatusCode expected, string url = "/api/enterprises/imports")
    {
        var admin = await app.CreateAdminClientAsync();
        var before = app.Scalar("SELECT COUNT(*) FROM EnterpriseImports") + app.Scalar("SELECT COUNT(*) FROM Enterprises");
        var response = await admin.PostFileAsync(url, content, fileName);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM EnterpriseImports") + app.Scalar("SELECT COUNT(*) FROM Enterprises"));
        return await response.Json();
    }

    [Fact]
    public async Task Xlsx_that_is_not_a_zip_is_refused()
    {
        var problem = await ProblemAsync(Encoding.UTF8.GetBytes("Mã số thuế,Tên doanh nghiệp\r\n0100109106,X\r\n"), "list.xlsx", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());
        Assert.Equal("Không đọc được tệp: tệp có đuôi .xlsx nhưng không phải sổ làm việc Excel (không phải tệp ZIP). Hãy lưu lại từ Excel, hoặc dưới dạng CSV UTF-8.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_zip_that_is_not_a_workbook_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("not a workbook");
        }

        var problem = await ProblemAsync(buffer.ToArray(), "list.xlsx", HttpStatusCode.BadRequest, "/api/enterprises/imports/dry-run");
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());
    }

    [Fact]
    public async Task Binary_garbage_named_csv_is_refused()
    {
        var garbage = new byte[2000];
        new Random(7).NextBytes(garbage);
        var problem = await ProblemAsync(garbage, "list.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());

        // Valid UTF-8 but binary (control characters).
        var problem2 = await ProblemAsync([0x4D, 0x53, 0x54, 0x00, 0x01, 0x02, 0x0A, 0x31], "list.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem2.Code());
    }

    [Fact]
    public async Task Old_xls_is_refused_with_a_hint()
    {
        var problem = await ProblemAsync([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "list.xls", HttpStatusCode.BadRequest);
        Assert.Contains(".xlsx", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Empty_file_header_only_and_blank_text_are_refused()
    {
        Assert.Equal("SmeSupport:Enterprises:ImportFileEmpty", (await ProblemAsync([], "a.csv", HttpStatusCode.BadRequest)).Code());
        Assert.Equal("SmeSupport:Enterprises:ImportFileEmpty",
            (await ProblemAsync(Encoding.UTF8.GetBytes("Mã số thuế;Tên doanh nghiệp\r\n"), "a.csv", HttpStatusCode.BadRequest)).Code());
        Assert.Equal("SmeSupport:Enterprises:ImportFileEmpty",
            (await ProblemAsync([.. ImportTestSupport.Bom, .. "\r\n\r\n"u8.ToArray()], "a.csv", HttpStatusCode.BadRequest)).Code());
    }

    [Fact]
    public async Task File_over_the_size_limit_answers_413()
    {
        var rows = new List<string?[]> { new[] { "Mã số thuế", "Tên doanh nghiệp" } };
        for (var i = 0; i < 200; i++)
        {
            rows.Add([TestData.NewTaxCode(), $"Công ty TNHH Thử nghiệm số {i}"]);
        }

        var file = ImportTestSupport.Csv(rows);
        Assert.True(file.Length > 4096);
        var problem = await ProblemAsync(file, "big.csv", HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("SmeSupport:Enterprises:ImportFileTooLarge", problem.Code());
        Assert.Equal(4096, problem.GetProperty("maxBytes").GetInt64());
        var dry = await ProblemAsync(file, "big.csv", HttpStatusCode.RequestEntityTooLarge, "/api/enterprises/imports/dry-run");
        Assert.Equal("SmeSupport:Enterprises:ImportFileTooLarge", dry.Code());
    }

    [Fact]
    public async Task Unknown_and_missing_columns_are_listed()
    {
        var unknown = await ProblemAsync(ImportTestSupport.Csv([["Mã số thuế", "Tên doanh nghiệp", "Màu yêu thích", "Shoe size"], ["0100109106", "X", "a", "b"]]),
            "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportUnknownColumns", unknown.Code());
        Assert.Equal(["Màu yêu thích", "Shoe size"], unknown.GetProperty("unknownColumns").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("'Màu yêu thích'", unknown.GetProperty("detail").GetString());

        var missing = await ProblemAsync(ImportTestSupport.Csv([["Tên doanh nghiệp", "Số lao động"], ["X", "3"]]), "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportMissingColumns", missing.Code());
        Assert.Equal(["Mã số thuế"], missing.GetProperty("missingColumns").EnumerateArray().Select(c => c.GetString()));

        // Headers are matched without case or diacritics: "TEN DOANH NGHIEP" and "ma so thue" are known.
        var admin = await app.CreateAdminClientAsync();
        var ok = await admin.PostFileAsync("/api/enterprises/imports/dry-run",
            ImportTestSupport.Csv([["ma so thue", "TEN DOANH NGHIEP"], [TestData.NewTaxCode(), "X"]]), "a.csv");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_csv_named_file_that_is_a_zip_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            w.Write("<workbook/>");
        }

        var problem = await ProblemAsync(buffer.ToArray(), "a.csv", HttpStatusCode.BadRequest);
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());
    }
}
