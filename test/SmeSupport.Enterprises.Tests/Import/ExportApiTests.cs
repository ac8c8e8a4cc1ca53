using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsvHelper;
using MiniExcelLibs;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>Export of a filtered list to CSV and XLSX, with formula cells neutralised.</summary>
public sealed class ExportApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task Export_follows_the_list_filters_and_neutralises_formula_cells()
    {
        var admin = await app.CreateAdminClientAsync();
        var token = "zq" + Guid.NewGuid().ToString("N")[..8];
        var names = new[] { $"=SUM(1+1) {token}", $"+cmd {token}", $"-2+3 {token}", $"@A1 {token}", $"Công ty Bình Thường {token}" };
        foreach (var name in names)
        {
            await TestData.CreateEnterpriseAsync(admin, TestData.NewTaxCode(), name);
        }

        await TestData.CreateEnterpriseAsync(admin, TestData.NewTaxCode(), "=Không khớp bộ lọc");

        var csv = await admin.GetAsync($"/api/enterprises/export?format=csv&q={token}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(ImportTestSupport.Bom, bytes[..3]);
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), System.Globalization.CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(reader.Parser.Record!);
        }

        Assert.Equal("Mã số thuế", records[0][0]);
        Assert.Equal("Tên doanh nghiệp", records[0][1]);
        Assert.Equal("Quy mô", records[0][^1]);
        var exported = records.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names.Select(n => "=+-@".Contains(n[0]) ? "'" + n : n).Order(StringComparer.Ordinal), exported);
        Assert.All(records.Skip(1), r => Assert.Equal("Công ty TNHH một thành viên", r[3]));
        Assert.All(records.Skip(1), r => Assert.Equal($"{TestData.TanHoaWard} - Phường Tân Hòa", r[9]));

        // XLSX, English headers: the same rows with the exact text (string cells are never evaluated: no apostrophe); numbers stay numbers.
        var xlsx = await admin.GetAsync($"/api/enterprises/export?format=xlsx&lang=en&q={token}&legalForm=SingleMemberLlc");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var xlsxBytes = await xlsx.Content.ReadAsByteArrayAsync();
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsxBytes)))
        {
            var sheetXml = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).Open()).ReadToEnd();
            Assert.DoesNotMatch(@"<(\w+:)?f[ >]", sheetXml);
        }

        using var stream = new MemoryStream(xlsxBytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(names.Length, rows.Count);
        Assert.Contains(rows, r => (string?)r["Name"] == $"=SUM(1+1) {token}");
        Assert.DoesNotContain(rows, r => ((string?)r["Name"])?.StartsWith('\'') == true);
        Assert.Contains(rows, r => (string?)r["Name"] == $"Công ty Bình Thường {token}");
        Assert.All(rows, r => Assert.Equal(5d, Convert.ToDouble(r["Employees"], System.Globalization.CultureInfo.InvariantCulture)));

        // A filter that matches nothing gives the header alone; a bad filter value is a 400.
        var none = await admin.GetAsync($"/api/enterprises/export?format=csv&q={token}&legalForm=Cooperative");
        var noneText = Encoding.UTF8.GetString((await none.Content.ReadAsByteArrayAsync())[3..]);
        Assert.Single(noneText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/enterprises/export?format=pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/enterprises/export?pageSize=0&size=Huge")).StatusCode);
    }

    [Fact]
    public async Task An_export_reimports_as_unchanged()
    {
        var admin = await app.CreateAdminClientAsync();
        var token = "rt" + Guid.NewGuid().ToString("N")[..8];
        await TestData.CreateEnterpriseAsync(admin, TestData.NewTaxCode(), $"Công ty Vòng Lại {token}");
        var file = await admin.GetByteArrayAsync($"/api/enterprises/export?format=xlsx&q={token}");
        var report = await (await admin.PostFileAsync("/api/enterprises/imports/dry-run", file, "export.xlsx")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(1, report.GetProperty("unchangedCount").GetInt32());
    }
}
