using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.EInvoicing.Tests.Api;

/// <summary>Monthly invoice counts (one per month, replaced with an audit trail), error messages in Vietnamese or English, and what a tax partner may not see.</summary>
public sealed class MonthlyCountsAndLanguageApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private DateOnly Today => SmeSupport.Timing.VietnamTime.Today(app.Clock);

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        foreach (var field in fields)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {text}");
        }

        return problem;
    }

    private static async Task<Guid> NotRegisteredAsync(HttpClient client, int n)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/adoptions?step=NotRegistered&pageSize=200");
        return list.GetProperty("items")[n].GetProperty("enterpriseId").GetGuid();
    }

    /// <summary>A not-registered enterprise taken through registration, acceptance and its first invoice on <paramref name="firstInvoice"/>.</summary>
    private static async Task<Guid> IssuingAsync(HttpClient client, int n, DateOnly firstInvoice)
    {
        var enterpriseId = await NotRegisteredAsync(client, n);
        foreach (var (step, date) in new[] { ("RegistrationSubmitted", firstInvoice.AddDays(-20)), ("Accepted", firstInvoice.AddDays(-10)), ("FirstInvoiceIssued", firstInvoice) })
        {
            var response = await client.PostAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/steps",
                new { step, date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        return enterpriseId;
    }

    private long Counts => app.Scalar("SELECT COUNT(*) FROM EInvoiceMonthlyCounts");

    [Fact]
    public async Task A_month_is_recorded_once_and_recording_it_again_replaces_the_count_with_an_audit_trail()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await IssuingAsync(client, 0, new DateOnly(Today.AddMonths(-1).Year, Today.AddMonths(-1).Month, 1));
        var lastMonth = Month(Today.AddMonths(-1));
        var thisMonth = Month(Today);

        var first = await client.PutAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts/{lastMonth}",
            new { count = 120, source = "TaxOfficeFile", note = "Danh sách tháng" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await Body(first);
        Assert.True(created.GetProperty("created").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("previousCount").ValueKind);
        Assert.Equal(120, created.GetProperty("monthlyCount").GetProperty("count").GetInt32());

        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts/{thisMonth}",
            new { count = 0 })).StatusCode);

        var again = await client.PutAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts/{lastMonth}",
            new { count = 135, source = "Enterprise" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var replaced = await Body(again);
        Assert.False(replaced.GetProperty("created").GetBoolean());
        Assert.Equal(120, replaced.GetProperty("previousCount").GetInt32());

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts");
        Assert.Equal([thisMonth, lastMonth], list.EnumerateArray().Select(m => m.GetProperty("month").GetString()));
        Assert.Equal([0, 135], list.EnumerateArray().Select(m => m.GetProperty("count").GetInt32()));
        Assert.Equal(["Officer", "Enterprise"], list.EnumerateArray().Select(m => m.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Null, list[1].GetProperty("note").ValueKind);

        // The adoption record carries them too.
        var adoption = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{enterpriseId}");
        Assert.Equal(2, adoption.GetProperty("monthlyCounts").GetArrayLength());
        Assert.Equal(2, app.Scalar($"SELECT COUNT(*) FROM EInvoiceMonthlyCounts WHERE lower(EnterpriseId) = '{enterpriseId}'"));

        // The replaced value is in the audit log: one creation per month, one update with old and new counts.
        var audit = await client.GetFromJsonAsync<JsonElement>("/api/audit-log?entityType=EInvoiceMonthlyCount&pageSize=200");
        var updates = audit.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("action").GetString() == "Updated"
            && a.GetProperty("changes").GetString()!.Contains("\"old\":120", StringComparison.Ordinal)
            && a.GetProperty("changes").GetString()!.Contains("\"new\":135", StringComparison.Ordinal)).ToList();
        Assert.Single(updates);
    }

    [Fact]
    public async Task Bad_months_and_counts_are_field_errors_and_nothing_is_stored()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await NotRegisteredAsync(client, 1);
        var before = Counts;
        var url = $"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts/";

        await AssertProblem(await client.PutAsJsonAsync(url + Month(Today.AddMonths(1)), new { count = 5 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "month");
        await AssertProblem(await client.PutAsJsonAsync(url + "2026-13", new { count = 5 }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "month");
        await AssertProblem(await client.PutAsJsonAsync(url + "tháng-10", new { count = 5 }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "month");
        await AssertProblem(await client.PutAsJsonAsync(url + Month(Today), new { count = -1, note = new string('x', 501) }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "count", "note");
        await AssertProblem(await client.PutAsJsonAsync(url + Month(Today), new { }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "count");
        await AssertProblem(await client.PutAsJsonAsync(url + Month(Today), new { count = 1, source = "Rumour" }),
            HttpStatusCode.BadRequest, "SmeSupport:MalformedRequest");
        await AssertProblem(await client.PutAsJsonAsync($"/api/einvoicing/adoptions/{Guid.NewGuid()}/monthly-counts/{Month(Today)}", new { count = 1 }),
            HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.Equal(before, Counts);
    }

    [Fact]
    public async Task Counts_before_the_first_invoice_or_without_one_are_refused_with_409_and_nothing_is_stored()
    {
        var client = await app.CreateAdminClientAsync();
        var before = Counts;

        // No first invoice issued step at all.
        var none = await NotRegisteredAsync(client, 5);
        var thisMonth = Month(Today);
        var noFirst = await AssertProblem(await client.PutAsJsonAsync($"/api/einvoicing/adoptions/{none}/monthly-counts/{thisMonth}", new { count = 3 }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:NoFirstInvoice");
        Assert.Equal($"Chưa ghi nhận bước “đã xuất hóa đơn đầu tiên” của doanh nghiệp: hãy ghi bước này trước khi nhập số hóa đơn của tháng {thisMonth}.",
            noFirst.GetProperty("detail").GetString());

        // First invoice on the 15th of last month: that month and later are accepted, the month before is not.
        var last = Today.AddMonths(-1);
        var firstInvoice = new DateOnly(last.Year, last.Month, 15);
        var issuing = await IssuingAsync(client, 6, firstInvoice);
        var earlier = Month(firstInvoice.AddMonths(-1));
        var vi = await AssertProblem(await client.PutAsJsonAsync($"/api/einvoicing/adoptions/{issuing}/monthly-counts/{earlier}", new { count = 3 }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:MonthBeforeFirstInvoice");
        Assert.Equal($"Tháng {earlier} trước tháng xuất hóa đơn đầu tiên (ngày {firstInvoice.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}); số hóa đơn chỉ được ghi từ tháng {Month(firstInvoice)} trở đi.",
            vi.GetProperty("detail").GetString());
        var en = await AssertProblem(await client.PutAsJsonAsync($"/api/einvoicing/adoptions/{issuing}/monthly-counts/{earlier}?culture=en", new { count = 3 }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:MonthBeforeFirstInvoice");
        Assert.Equal($"{earlier} is before the month of the first invoice ({firstInvoice.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}); invoices are counted from {Month(firstInvoice)} on.",
            en.GetProperty("detail").GetString());
        Assert.Equal(before, Counts);

        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/einvoicing/adoptions/{issuing}/monthly-counts/{Month(firstInvoice)}",
            new { count = 7 })).StatusCode);
        Assert.Equal(before + 1, Counts);
    }

    [Fact]
    public async Task Field_messages_are_vietnamese_by_default_and_english_with_accept_language_en()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await NotRegisteredAsync(client, 7);

        async Task<JsonElement> Errors(HttpMethod method, string url, object body, string? language)
        {
            using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }

            return (await AssertProblem(await client.SendAsync(request), HttpStatusCode.BadRequest, "SmeSupport:Validation")).GetProperty("errors");
        }

        var month = $"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts/2026-13";
        Assert.Equal("Tháng phải viết dạng yyyy-MM, ví dụ 2026-10.", (await Errors(HttpMethod.Put, month, new { count = 1 }, "vi"))
            .GetProperty("month")[0].GetString());
        Assert.Equal("Month must be written yyyy-MM, e.g. 2026-10.", (await Errors(HttpMethod.Put, month, new { count = 1 }, "en"))
            .GetProperty("month")[0].GetString());

        var steps = $"/api/einvoicing/adoptions/{enterpriseId}/steps";
        var vi = await Errors(HttpMethod.Post, steps, new { }, null);
        Assert.Equal("Cần chọn bước.", vi.GetProperty("step")[0].GetString());
        Assert.Equal("Cần nhập ngày.", vi.GetProperty("date")[0].GetString());
        var early = new { step = "RegistrationSubmitted", date = "1999-12-31", note = new string('x', 501) };
        var viEarly = await Errors(HttpMethod.Post, steps, early, "vi-VN");
        Assert.Equal("Ngày không được trước 01/01/2000.", viEarly.GetProperty("date")[0].GetString());
        Assert.Equal("Ghi chú tối đa 500 ký tự.", viEarly.GetProperty("note")[0].GetString());
        var enEarly = await Errors(HttpMethod.Post, steps, early, "en-GB,en;q=0.9");
        Assert.Equal("Date must not be before 2000-01-01.", enEarly.GetProperty("date")[0].GetString());
        Assert.Equal("Note must be at most 500 characters.", enEarly.GetProperty("note")[0].GetString());
    }

    [Fact]
    public async Task Error_messages_are_vietnamese_by_default_and_english_when_asked()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await NotRegisteredAsync(client, 2);
        var url = $"/api/einvoicing/adoptions/{enterpriseId}/steps";
        var body = new { step = "Accepted", date = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

        var vi = await AssertProblem(await client.PostAsJsonAsync(url, body), HttpStatusCode.Conflict, "SmeSupport:EInvoicing:StepOutOfOrder");
        Assert.Equal("Không thể ghi bước “Được chấp nhận” sau bước hiện tại “Chưa đăng ký”: sai thứ tự, hoặc ngày sớm hơn ngày của bước hiện tại.",
            vi.GetProperty("detail").GetString());

        var en = await AssertProblem(await client.PostAsJsonAsync(url + "?culture=en", body), HttpStatusCode.Conflict, "SmeSupport:EInvoicing:StepOutOfOrder");
        Assert.Equal("“Accepted” cannot be recorded after the current step “Not registered”: out of order, or dated before the current step.",
            en.GetProperty("detail").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/einvoicing/adoptions/{Guid.Empty}");
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        var notFound = await AssertProblem(await client.SendAsync(request), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.Equal("The requested record was not found.", notFound.GetProperty("detail").GetString());
        var notFoundVi = await AssertProblem(await client.GetAsync($"/api/einvoicing/adoptions/{Guid.Empty}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.Equal("Không tìm thấy bản ghi yêu cầu.", notFoundVi.GetProperty("detail").GetString());

        var validation = await AssertProblem(await client.PostAsJsonAsync(url, new { }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "step", "date");
        Assert.Equal("Một hoặc nhiều trường không hợp lệ.", validation.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Staff_pages_render_with_steps_counts_funnel_and_reconciliation_report()
    {
        var admin = await app.CreateAdminClientAsync();
        var enterpriseId = await IssuingAsync(admin, 4, Today);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts/{Month(Today)}",
            new { count = 42 })).StatusCode);
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("MST,Trạng thái\r\n0100109107,Chấp nhận\r\n")), "file", "nho.csv");
        var import = await Body(await admin.PostAsync("/api/einvoicing/reconciliations", form));
        var importId = import.GetProperty("id").GetGuid();
        foreach (var url in new[]
                 {
                     "/EInvoicing", "/EInvoicing?Step=Accepted&p=2", $"/EInvoicing/Details/{enterpriseId}", "/EInvoicing/Funnel", "/EInvoicing/Funnel?by=Size",
                     "/EInvoicing/Funnel?by=LegalForm", "/EInvoicing/Funnel?by=Industry", "/EInvoicing/Reconciliations", "/EInvoicing/Reported",
                     $"/EInvoicing/Reconciliations/Details/{importId}", $"/EInvoicing/Reconciliations/Details/{importId}?Outcome=Error",
                 })
        {
            var response = await admin.GetAsync(url);
            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{url}: {response.StatusCode}");
        }

        var details = WebUtility.HtmlDecode(await admin.GetStringAsync($"/EInvoicing/Details/{enterpriseId}"));
        Assert.Contains($"data-month=\"{Month(Today)}\"", details, StringComparison.Ordinal);
        Assert.Contains("Số hóa đơn theo tháng", details, StringComparison.Ordinal);
        var report = WebUtility.HtmlDecode(await admin.GetStringAsync($"/EInvoicing/Reconciliations/Details/{importId}"));
        Assert.Contains("data-outcome=\"Error\"", report, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/EInvoicing/Details/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_tax_partner_sees_no_adoption_data_counts_reconciliations_or_funnel()
    {
        var admin = await app.CreateAdminClientAsync();
        var enterpriseId = await NotRegisteredAsync(admin, 3);
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: Guid.NewGuid());
        foreach (var url in new[]
                 {
                     "/api/einvoicing/providers", "/api/einvoicing/adoptions", $"/api/einvoicing/adoptions/{enterpriseId}",
                     $"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts", "/api/einvoicing/funnel", "/api/einvoicing/reconciliations",
                     "/api/einvoicing/reported-steps", "/api/portal/einvoicing",
                 })
        {
            Assert.True(HttpStatusCode.Forbidden == (await partner.GetAsync(url)).StatusCode, url);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PutAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts/{Month(Today)}",
            new { count = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/steps",
            new { step = "RegistrationSubmitted", date = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode);

        // The pages too (a bearer token is refused with 403 rather than sent to the access-denied page).
        foreach (var url in new[]
                 {
                     "/EInvoicing", $"/EInvoicing/Details/{enterpriseId}", "/EInvoicing/Funnel", "/EInvoicing/Reconciliations", "/EInvoicing/Reported",
                     $"/EInvoicing/Reconciliations/Details/{Guid.NewGuid()}", "/Portal/EInvoice",
                 })
        {
            Assert.True(HttpStatusCode.Forbidden == (await partner.GetAsync(url)).StatusCode, url);
        }

        // An enterprise user reads its own status through the portal only.
        var enterprise = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts")).StatusCode);
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM EInvoiceMonthlyCounts WHERE lower(EnterpriseId) = '{enterpriseId}'"));
    }
}
