using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.EInvoicing.Tests.Api;

/// <summary>The tax-office file template (CSV and XLSX) is read back by the reconciliation import with no row in error.</summary>
public sealed class ReconciliationTemplateApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Theory]
    [InlineData("csv", "text/csv", "mau-doi-chieu-hddt.csv")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-doi-chieu-hddt.xlsx")]
    public async Task The_template_is_imported_back_with_zero_errors(string format, string contentType, string fileName)
    {
        var client = await app.CreateAdminClientAsync();
        var response = await client.GetAsync($"/api/einvoicing/reconciliations/template?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (format == "csv")
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.StartsWith("\uFEFFMã số thuế,Tên người nộp thuế,Trạng thái,Loại hóa đơn,Nhà cung cấp,Ngày đăng ký,", text, StringComparison.Ordinal);
        }

        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        var imported = await client.PostAsync("/api/einvoicing/reconciliations", form);
        var body = await imported.Content.ReadAsStringAsync();
        Assert.True(imported.StatusCode == HttpStatusCode.Created, body);
        var import = JsonDocument.Parse(body).RootElement;
        Assert.Equal(2, import.GetProperty("totalRows").GetInt32());
        Assert.Equal(0, import.GetProperty("errors").GetInt32());

        var rows = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/reconciliations/{import.GetProperty("id").GetGuid()}/rows?pageSize=10");
        Assert.DoesNotContain(rows.GetProperty("items").EnumerateArray(), r => r.GetProperty("outcome").GetString() == "Error");
    }

    [Fact]
    public async Task Another_format_is_a_field_error_and_a_tax_partner_gets_403()
    {
        var client = await app.CreateAdminClientAsync();
        var response = await client.GetAsync("/api/einvoicing/reconciliations/template?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Định dạng mẫu phải là csv hoặc xlsx.", problem.GetProperty("errors").GetProperty("format")[0].GetString());

        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/einvoicing/reconciliations/template")).StatusCode);

        // The page offers both downloads and the table of columns.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/EInvoicing/Reconciliations"));
        Assert.Contains("data-testid=\"template-columns\"", page, StringComparison.Ordinal);
        Assert.Contains("Ngày xuất hóa đơn đầu tiên", page, StringComparison.Ordinal);
        var csv = await client.GetAsync("/EInvoicing/Reconciliations?handler=Template&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
    }
}
