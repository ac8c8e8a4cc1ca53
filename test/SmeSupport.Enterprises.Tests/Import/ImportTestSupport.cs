using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>Helpers for the import tests: multipart upload, CSV/XLSX building, running the background job.</summary>
internal static class ImportTestSupport
{
    public static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string url, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        return await client.PostAsync(url, form);
    }

    /// <summary>CSV text from rows of cells (cells quoted when they hold the delimiter or quotes), UTF-8, with or without BOM.</summary>
    public static byte[] Csv(IEnumerable<string?[]> rows, char delimiter = ',', bool bom = false)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendJoin(delimiter, row.Select(c => c is null ? "" : c.Contains(delimiter) || c.Contains('"') ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));
            sb.Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        return bom ? [.. Bom, .. bytes] : bytes;
    }

    /// <summary>An XLSX workbook with the header and rows (cells as given: strings stay strings, numbers numbers).</summary>
    public static byte[] Xlsx(string[] header, IEnumerable<object?[]> rows)
    {
        var sheet = rows.Select(r =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < header.Length; i++)
            {
                d[header[i]] = i < r.Length ? r[i] : null;
            }

            return d;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>Submits a file for import, runs the background job as Hangfire would, and returns the finished batch.</summary>
    public static async Task<JsonElement> ImportAsync(this SmeSupportAppFactory app, HttpClient client, byte[] content, string fileName)
    {
        var response = await client.PostFileAsync("/api/enterprises/imports", content, fileName);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var batch = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = batch.GetProperty("id").GetGuid();
        Assert.True(await EnterpriseImportJob.RunOnceAsync(app.Services, id));
        return await client.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}");
    }

    public static JsonElement RowNumbered(this JsonElement rows, int rowNumber) =>
        rows.EnumerateArray().Single(r => r.GetProperty("rowNumber").GetInt32() == rowNumber);

    public static string[] ErrorColumns(this JsonElement row) =>
        row.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("column").GetString()!).ToArray();

    public static (string? Old, string? New)? Change(this JsonElement row, string field) =>
        row.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("field").GetString() == field)
            .Select(c => ((string?, string?)?)(c.GetProperty("old").GetString(), c.GetProperty("new").GetString())).FirstOrDefault();
}
