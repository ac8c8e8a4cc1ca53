using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>The registry through HTTP on a real SQLite database: create, read, update, search and bad input.</summary>
public sealed class EnterpriseApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static object NewEnterprise(string taxCode, string name = "Công ty TNHH Thử nghiệm Đông Á", int wardCode = 7900) => new
    {
        taxCode,
        name,
        shortName = "Đông Á",
        legalForm = "MultiMemberLlc",
        industryCode = "4690",
        employees = 12,
        annualRevenueVnd = 5_000_000_000m,
        capitalVnd = 2_000_000_000m,
        wardCode,
        street = "Số 1, đường Hùng Vương",
        website = "https://dongá.example.com",
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<int> PhuThoWardAsync(HttpClient client)
    {
        var wards = await client.GetFromJsonAsync<JsonElement>("/api/administrative-units/provinces/25/wards");
        return wards[0].GetProperty("code").GetInt32();
    }

    [Fact]
    public async Task Create_read_update_roundtrip_derives_size_and_canonical_tax_code()
    {
        var client = await app.CreateAdminClientAsync();
        var ward = await PhuThoWardAsync(client);

        // Typed with dots and spaces: stored canonical.
        var created = await client.PostAsJsonAsync("/api/enterprises", NewEnterprise("0100 109.106", wardCode: ward));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json(created);
        Assert.Equal("0100109106", body.GetProperty("taxCode").GetString());
        // Trade (section G), 12 staff: above micro's 10 staff → Small (Decree 80/2021/NĐ-CP, Art. 5).
        Assert.Equal("Small", body.GetProperty("size").GetString());
        Assert.Equal("G", body.GetProperty("industrySection").GetString());
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/enterprises/{id}", created.Headers.Location!.OriginalString);

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        Assert.Equal("Công ty TNHH Thử nghiệm Đông Á", read.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(read.GetProperty("wardName").GetString()));

        var stamp = read.GetProperty("concurrencyStamp").GetString();
        var update = await client.PutAsJsonAsync($"/api/enterprises/{id}", new
        {
            taxCode = "0100109106",
            name = "Công ty TNHH Thử nghiệm Đông Á Mới",
            legalForm = "MultiMemberLlc",
            industryCode = "4690",
            employees = 3,
            annualRevenueVnd = 1_000_000_000m,
            capitalVnd = 1_000_000_000m,
            wardCode = ward,
            concurrencyStamp = stamp,
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = await Json(update);
        Assert.Equal("Công ty TNHH Thử nghiệm Đông Á Mới", updated.GetProperty("name").GetString());
        Assert.Equal("Micro", updated.GetProperty("size").GetString());

        // The stamp read before the first update is stale now.
        var stale = await client.PutAsJsonAsync($"/api/enterprises/{id}", new
        {
            taxCode = "0100109106", name = "Lost update", legalForm = "MultiMemberLlc", wardCode = ward, concurrencyStamp = stamp,
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("SmeSupport:ConcurrencyConflict", (await Json(stale)).GetProperty("code").GetString());
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        Assert.Equal("Công ty TNHH Thử nghiệm Đông Á Mới", after.GetProperty("name").GetString());

        // Every change is in the audit trail with old and new values.
        Assert.True(app.Scalar($"SELECT COUNT(*) FROM AuditLog WHERE EntityType='Enterprise' AND EntityId='{id}'") >= 2);
    }

    [Fact]
    public async Task Duplicate_tax_code_is_refused_with_409_and_nothing_is_stored()
    {
        var client = await app.CreateAdminClientAsync();
        var ward = await PhuThoWardAsync(client);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/enterprises", NewEnterprise("0100233488", wardCode: ward))).StatusCode);
        var before = app.Scalar("SELECT COUNT(*) FROM Enterprises");

        var again = await client.PostAsJsonAsync("/api/enterprises", NewEnterprise("0100-233-488", "Tên khác", ward));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await Json(again);
        Assert.Equal("SmeSupport:Enterprises:DuplicateTaxCode", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("taxCode", out _));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Enterprises"));
    }

    [Theory]
    [InlineData("0100109107", "check digit")] // wrong check digit
    [InlineData("010010910", "10 digits")] // wrong length
    [InlineData("01001O9106", "digits")] // a letter O
    [InlineData("0000000000", "")] // province prefix 00
    public async Task Bad_tax_codes_are_refused_field_by_field_and_nothing_is_stored(string taxCode, string hint)
    {
        var client = await app.CreateAdminClientAsync();
        var ward = await PhuThoWardAsync(client);
        var before = app.Scalar("SELECT COUNT(*) FROM Enterprises");

        // English with culture en (the field messages are Vietnamese by default; see ValidationMessageTests).
        var response = await client.PostAsJsonAsync("/api/enterprises?culture=en", NewEnterprise(taxCode, wardCode: ward));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json(response);
        Assert.Equal("SmeSupport:Validation", problem.GetProperty("code").GetString());
        var messages = problem.GetProperty("errors").GetProperty("taxCode").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.NotEmpty(messages);
        Assert.Contains(messages, m => m.Contains(hint, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Enterprises"));
    }

    [Fact]
    public async Task Missing_fields_overlong_names_and_unknown_commune_are_named_each_and_nothing_is_stored()
    {
        var client = await app.CreateAdminClientAsync();
        var before = app.Scalar("SELECT COUNT(*) FROM Enterprises");

        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            name = new string('Đ', 256),
            shortName = new string('a', 101),
            wardCode = 99999,
            website = "javascript:alert(1)",
            employees = -1,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        foreach (var field in new[] { "taxCode", "name", "shortName", "legalForm", "wardCode", "website", "employees" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Enterprises"));
    }

    [Theory]
    [InlineData("{\"taxCode\": 12")] // truncated JSON
    [InlineData("{\"taxCode\":\"0100109106\",\"legalForm\":\"NotAForm\",\"name\":\"X\",\"wardCode\":1}")]
    [InlineData("{\"taxCode\":\"0100109106\",\"employees\":\"many\"}")]
    [InlineData("[]")]
    public async Task Malformed_bodies_get_400_problem_details_never_500(string body)
    {
        var client = await app.CreateAdminClientAsync();
        var response = await client.PostAsync("/api/enterprises", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.Equal("SmeSupport:MalformedRequest", (await Json(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Search_ignores_diacritics_case_and_unicode_form_and_matches_tax_code_prefix()
    {
        var client = await app.CreateAdminClientAsync();
        var ward = await PhuThoWardAsync(client);
        var created = await Json(await client.PostAsJsonAsync("/api/enterprises",
            NewEnterprise("2600100017", "Hợp tác xã Chè Đông Nguyễn Xứ Đoài", ward)));
        var id = created.GetProperty("id").GetString();

        foreach (var q in new[] { "dong nguyen", "ĐÔNG NGUYỄN", "che dong", "xu doai", "Nguye\u0302\u0303n", "26001000", "2600.1000" })
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/enterprises?q={Uri.EscapeDataString(q)}&pageSize=50");
            Assert.Contains(page.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        }

        var none = await client.GetFromJsonAsync<JsonElement>("/api/enterprises?q=zzzzqqq");
        Assert.Equal(0, none.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task List_pages_through_the_seeded_pilot_in_vietnamese_order()
    {
        var client = await app.CreateAdminClientAsync();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/enterprises?programmeStatus=Pilot&page=1&pageSize=100");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/enterprises?programmeStatus=Pilot&page=2&pageSize=100");

        Assert.Equal(150, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(100, first.GetProperty("items").GetArrayLength());
        Assert.Equal(50, second.GetProperty("items").GetArrayLength());
        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("name").GetString()!).ToList();
        Assert.Equal(150, names.Distinct().Count());
        Assert.Equal(names.Order(Text.VietnameseText.Comparer).ToList(), names);

        var badPage = await client.GetAsync("/api/enterprises?page=0&pageSize=500");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        var errors = (await Json(badPage)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("page", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
    }
}
