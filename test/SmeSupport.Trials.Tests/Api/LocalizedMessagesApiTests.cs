using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Trials.Tests.Api;

/// <summary>
/// Field messages, skip reasons and status names in Vietnamese by default (dates dd/MM/yyyy) and in English when asked (ISO dates),
/// on the staff API and the portal.
/// </summary>
public sealed class LocalizedMessagesApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private DateOnly Today => SmeSupport.Timing.VietnamTime.Today(app.Clock);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Vi(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string FieldMessage(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private static async Task<HttpResponseMessage> PostEnglish(HttpClient client, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await client.SendAsync(request);
    }

    private static async Task<Guid> PlatformIdAsync(HttpClient client, string name)
    {
        var platforms = await client.GetFromJsonAsync<JsonElement>("/api/trials/platforms?includeInactive=true");
        return platforms.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    private static async Task<List<(Guid Id, string TaxCode, string Name)>> EnterprisesAsync(HttpClient client, int page)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/enterprises?pageSize=20&page={page}");
        return list.GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("id").GetGuid(), e.GetProperty("taxCode").GetString()!, e.GetProperty("name").GetString()!)).ToList();
    }

    [Fact]
    public async Task Plan_field_messages_are_vietnamese_by_default_and_english_when_asked()
    {
        var client = await app.CreateAdminClientAsync();
        var platformId = await PlatformIdAsync(client, "Base CRM");
        var enterprise = (await EnterprisesAsync(client, 1)).First();
        var before = app.Scalar("SELECT COUNT(*) FROM Trials");

        var body = new { enterpriseId = enterprise.Id, platformId, startDate = Iso(Today), endDate = Iso(Today.AddDays(-1)) };
        var vi = await Problem(await client.PostAsJsonAsync("/api/trials", body), HttpStatusCode.BadRequest);
        Assert.Equal("Ngày kết thúc không được trước ngày bắt đầu.", FieldMessage(vi, "endDate"));
        var en = await Problem(await PostEnglish(client, "/api/trials", body), HttpStatusCode.BadRequest);
        Assert.Equal("End date must not be before the start date.", FieldMessage(en, "endDate"));

        var unknown = Guid.NewGuid();
        var noPlatform = new { enterpriseId = enterprise.Id, platformId = unknown, startDate = Iso(Today) };
        Assert.Equal($"Nền tảng '{unknown}' không có trong danh mục.",
            FieldMessage(await Problem(await client.PostAsJsonAsync("/api/trials", noPlatform), HttpStatusCode.BadRequest), "platformId"));
        Assert.Equal($"Platform '{unknown}' is not in the catalogue.",
            FieldMessage(await Problem(await PostEnglish(client, "/api/trials", noPlatform), HttpStatusCode.BadRequest), "platformId"));

        var farStart = new { enterpriseId = enterprise.Id, platformId, startDate = "1999-12-31" };
        Assert.Equal("Ngày bắt đầu phải từ 01/01/2000 đến 31/12/2100.",
            FieldMessage(await Problem(await client.PostAsJsonAsync("/api/trials", farStart), HttpStatusCode.BadRequest), "startDate"));
        Assert.Equal("Start date must be between 2000-01-01 and 2100-12-31.",
            FieldMessage(await Problem(await PostEnglish(client, "/api/trials", farStart), HttpStatusCode.BadRequest), "startDate"));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Trials"));
    }

    [Fact]
    public async Task A_check_in_outside_the_trial_names_the_trial_dates_in_the_readers_format()
    {
        var client = await app.CreateAdminClientAsync();
        var platformId = await PlatformIdAsync(client, "VNPT eContract");
        var enterprise = (await EnterprisesAsync(client, 1)).Skip(1).First();
        var start = Today.AddDays(-10);
        var end = Today.AddDays(20);
        var created = await client.PostAsJsonAsync("/api/trials", new { enterpriseId = enterprise.Id, platformId, startDate = Iso(start), endDate = Iso(end) });
        Assert.True(HttpStatusCode.Created == created.StatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/trials/{id}/start", null)).StatusCode);
        var checkIns = app.Scalar("SELECT COUNT(*) FROM TrialCheckIns");

        var early = new { date = Iso(start.AddDays(-1)), usageLevel = "High", satisfaction = 4 };
        Assert.Equal($"Ngày kiểm tra phải nằm trong đợt dùng thử, từ {Vi(start)} đến {Vi(end)}.",
            FieldMessage(await Problem(await client.PostAsJsonAsync($"/api/trials/{id}/check-ins", early), HttpStatusCode.BadRequest), "date"));
        Assert.Equal($"The check-in date must be within the trial, {Iso(start)} to {Iso(end)}.",
            FieldMessage(await Problem(await PostEnglish(client, $"/api/trials/{id}/check-ins", early), HttpStatusCode.BadRequest), "date"));

        // The portal says the same to the enterprise user.
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterprise.Id);
        Assert.Equal($"Ngày kiểm tra phải nằm trong đợt dùng thử, từ {Vi(start)} đến {Vi(end)}.",
            FieldMessage(await Problem(await portal.PostAsJsonAsync($"/api/portal/trials/{id}/check-ins", early), HttpStatusCode.BadRequest), "date"));
        Assert.Equal(checkIns, app.Scalar("SELECT COUNT(*) FROM TrialCheckIns"));

        // Status names in the transition error, both languages.
        var vi = await Problem(await client.PostAsync($"/api/trials/{id}/start", null), HttpStatusCode.Conflict);
        Assert.Equal("Đợt dùng thử ở trạng thái Đang dùng thử không thể chuyển sang Đang dùng thử.", vi.GetProperty("detail").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/trials/{id}/start");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await Problem(await client.SendAsync(request), HttpStatusCode.Conflict);
        Assert.Equal("A trial in status Active cannot become Active.", en.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bulk_assign_skip_reasons_are_vietnamese_by_default_and_english_when_asked()
    {
        var client = await app.CreateAdminClientAsync();
        var platformId = await PlatformIdAsync(client, "MISA meInvoice");
        var enterprise = (await EnterprisesAsync(client, 1)).Skip(2).First();
        var first = await client.PostAsJsonAsync("/api/trials/bulk-assign", new { platformId, taxCodes = new[] { enterprise.TaxCode }, startDate = Iso(Today) });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var body = new { platformId, taxCodes = new[] { enterprise.TaxCode, enterprise.TaxCode, "0109999998" }, startDate = Iso(Today), dryRun = true };
        var vi = (await (await client.PostAsJsonAsync("/api/trials/bulk-assign", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("skipped")
            .EnumerateArray().Select(s => s.GetProperty("message").GetString()).ToList();
        Assert.Contains($"{enterprise.Name} đã có một đợt dùng thử MISA meInvoice đang lên kế hoạch hoặc đang diễn ra.", vi);
        Assert.Contains($"{enterprise.TaxCode} đã có ở phía trên trong danh sách.", vi);

        var en = (await (await PostEnglish(client, "/api/trials/bulk-assign", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("skipped")
            .EnumerateArray().Select(s => s.GetProperty("message").GetString()).ToList();
        Assert.Contains($"{enterprise.Name} already has a planned or active trial of MISA meInvoice.", en);
        Assert.Contains($"{enterprise.TaxCode} appears earlier in the list.", en);
    }
}
