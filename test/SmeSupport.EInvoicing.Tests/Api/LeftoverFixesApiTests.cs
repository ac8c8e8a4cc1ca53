using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.EInvoicing.Tests.Api;

/// <summary>
/// Leftovers a breaker found after #4: dates before 2000 are out of range (not "not a date"), an empty template format is CSV,
/// decided reported steps carry the enterprise's name, and the registration step has one name in labels and explanations.
/// </summary>
public sealed class LeftoverFixesApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private DateOnly Today => SmeSupport.Timing.VietnamTime.Today(app.Clock);

    private static string Vn(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> Upload(HttpClient client, string csv)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "thue.csv");
        return client.PostAsync("/api/einvoicing/reconciliations", form);
    }

    private static async Task<List<(Guid Id, string TaxCode, string Name)>> NotRegisteredAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/adoptions?step=NotRegistered&pageSize=200");
        return list.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("enterpriseId").GetGuid(), i.GetProperty("taxCode").GetString()!, i.GetProperty("enterpriseName").GetString()!))
            .Where(i => !i.Item2.Contains('-', StringComparison.Ordinal)).ToList();
    }

    private static async Task<Dictionary<int, JsonElement>> RowsAsync(HttpClient client, Guid import, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/einvoicing/reconciliations/{import}/rows?pageSize=50");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var rows = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        return rows.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("rowNumber").GetInt32());
    }

    private static List<string> Messages(JsonElement row) => row.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList();

    [Fact]
    public async Task A_date_before_2000_is_outside_the_allowed_range_in_either_language()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var free = await NotRegisteredAsync(client);
        var response = await Upload(client, string.Join("\r\n",
            "MST,Trạng thái,Ngày đăng ký",
            $"{free[0].TaxCode},Đã nộp tờ khai,01/01/1800",      // row 2: a date, far too early
            $"{free[1].TaxCode},Đã nộp tờ khai,31/12/1999",      // row 3: the day before the range
            $"{free[2].TaxCode},Đã nộp tờ khai,01/01/2000",      // row 4: the first day of the range
            $"{free[3].TaxCode},Đã nộp tờ khai,31/02/2020"));    // row 5: no such day
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();

        var en = await RowsAsync(client, id, "en");
        Assert.Equal($"'01/01/1800' in column 'Ngày đăng ký' is outside the allowed range (2000-01-01 – {Iso(Today)}).", Messages(en[2]).Single());
        Assert.Equal($"'31/12/1999' in column 'Ngày đăng ký' is outside the allowed range (2000-01-01 – {Iso(Today)}).", Messages(en[3]).Single());
        Assert.Equal("Error", en[2].GetProperty("outcome").GetString());
        Assert.NotEqual("Error", en[4].GetProperty("outcome").GetString());
        Assert.Equal("'31/02/2020' in column 'Ngày đăng ký' is not a date (dd/MM/yyyy).", Messages(en[5]).Single());

        var vi = await RowsAsync(client, id, "vi");
        Assert.Equal($"Ngày '01/01/1800' ở cột 'Ngày đăng ký' nằm ngoài khoảng cho phép (01/01/2000 – {Vn(Today)}).", Messages(vi[2]).Single());
        Assert.Equal("'31/02/2020' ở cột 'Ngày đăng ký' không phải ngày (dd/MM/yyyy).", Messages(vi[5]).Single());
    }

    [Theory]
    [InlineData("/api/einvoicing/reconciliations/template")]
    [InlineData("/api/einvoicing/reconciliations/template?format=")]
    [InlineData("/api/einvoicing/reconciliations/template?format=%20")]
    [InlineData("/api/einvoicing/reconciliations/template?format=CSV")]
    public async Task A_missing_or_empty_template_format_gives_the_csv_template(string url)
    {
        var client = await app.CreateAdminClientAsync();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("mau-doi-chieu-hddt.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.StartsWith("\uFEFFMã số thuế,", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejecting_or_confirming_a_reported_step_answers_with_the_enterprise_name()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var target = (await NotRegisteredAsync(officer))[4];
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, target.Id);

        var first = await (await portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "RegistrationSubmitted", date = Iso(Today.AddDays(-2)) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var rejected = await officer.PostAsJsonAsync($"/api/einvoicing/reported-steps/{first.GetProperty("id").GetGuid()}/reject", new { reason = "Chưa thấy tờ khai" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var rejectedBody = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Rejected", rejectedBody.GetProperty("state").GetString());
        Assert.Equal(target.Name, rejectedBody.GetProperty("enterpriseName").GetString());

        var second = await (await portal.PostAsJsonAsync("/api/portal/einvoicing/steps", new { step = "RegistrationSubmitted", date = Iso(Today.AddDays(-1)) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var confirmed = await officer.PostAsync($"/api/einvoicing/reported-steps/{second.GetProperty("id").GetGuid()}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(target.Name, (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enterpriseName").GetString());
    }

    [Fact]
    public async Task The_registration_step_has_one_name_in_the_tax_office_label_and_the_explanation()
    {
        var client = await app.CreateAdminClientAsync();
        var target = (await NotRegisteredAsync(client))[^1];
        var response = await Upload(client, $"MST,Trạng thái,Ngày đăng ký\r\n{target.TaxCode},Đã nộp tờ khai,{Vn(Today.AddDays(-4))}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();

        foreach (var (language, name, explanation) in new[]
                 {
                     ("vi", "Đã nộp đăng ký (01/ĐKTĐ-HĐĐT)", "Hồ sơ của chúng tôi đi sau: Chưa đăng ký → Đã nộp đăng ký (01/ĐKTĐ-HĐĐT)."),
                     ("en", "Registration submitted (01/ĐKTĐ-HĐĐT)", "Our record is behind: Not registered → Registration submitted (01/ĐKTĐ-HĐĐT)."),
                 })
        {
            var row = (await RowsAsync(client, id, language))[2];
            Assert.Equal("RegistrationSubmitted", row.GetProperty("theirStep").GetString());
            Assert.Equal(explanation, Messages(row)[0]);

            var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/EInvoicing/Reconciliations/Details/{id}?culture={language}"));
            var start = page.IndexOf("data-row=\"2\"", StringComparison.Ordinal);
            Assert.True(start > 0, page);
            var tr = page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
            Assert.Contains($"<td>{name}</td>", tr, StringComparison.Ordinal);
            Assert.Contains(explanation, tr, StringComparison.Ordinal);
            Assert.DoesNotContain("tờ khai", tr, StringComparison.Ordinal);
        }

        // The label reads back as a status in a tax-office file.
        var again = await Upload(client, $"MST,Trạng thái,Ngày đăng ký\r\n{target.TaxCode},Đã nộp đăng ký (01/ĐKTĐ-HĐĐT),{Vn(Today.AddDays(-4))}");
        var againId = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("RegistrationSubmitted", (await RowsAsync(client, againId, "vi"))[2].GetProperty("theirStep").GetString());
    }
}
