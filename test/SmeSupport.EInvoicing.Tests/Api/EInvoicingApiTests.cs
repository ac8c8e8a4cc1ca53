using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.EInvoicing.Tests.Api;

/// <summary>The EInvoicing HTTP API over the real host and a seeded SQLite database.</summary>
public sealed class EInvoicingApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private string Today => SmeSupport.Timing.VietnamTime.Today(app.Clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code, params string[] fields)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await Body(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        foreach (var field in fields)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
    }

    private long StepRecords => app.Scalar("SELECT COUNT(*) FROM EInvoiceStepRecords");

    private long Adoptions => app.Scalar("SELECT COUNT(*) FROM EInvoiceAdoptions");

    /// <summary>The n-th enterprise still at NotRegistered (each test takes its own).</summary>
    private static async Task<Guid> NotRegisteredAsync(HttpClient client, int n)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/adoptions?step=NotRegistered&pageSize=200");
        return list.GetProperty("items")[n].GetProperty("enterpriseId").GetGuid();
    }

    private static Task<HttpResponseMessage> Record(HttpClient client, Guid enterpriseId, object body) =>
        client.PostAsJsonAsync($"/api/einvoicing/adoptions/{enterpriseId}/steps", body);

    [Fact]
    public async Task Providers_are_data_seeded_at_start()
    {
        var client = await app.CreateAdminClientAsync();
        var providers = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/providers");
        Assert.Equal(
            new[] { "BKAV eHoaDon", "EasyInvoice", "FPT.eInvoice", "MISA meInvoice", "Viettel SInvoice", "VNPT Invoice" }.Order(StringComparer.Ordinal),
            providers.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/einvoicing/providers")).StatusCode);
    }

    [Fact]
    public void Every_pilot_has_a_demo_record_and_about_half_issue()
    {
        Assert.Equal(150, app.Scalar("SELECT COUNT(*) FROM EInvoiceAdoptions"));
        Assert.Equal(150, app.Scalar("SELECT COUNT(DISTINCT EnterpriseId) FROM EInvoiceAdoptions"));
        Assert.InRange(app.Scalar("SELECT COUNT(*) FROM EInvoiceAdoptions WHERE CurrentStep >= 4"), 70, 80);
        Assert.Equal(6, app.Scalar("SELECT COUNT(DISTINCT CurrentStep) FROM EInvoiceAdoptions"));
    }

    [Fact]
    public async Task Recording_the_steps_in_order()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await NotRegisteredAsync(client, 0);
        var providers = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/providers");
        var providerId = providers[0].GetProperty("id").GetGuid();

        var submitted = await Record(client, enterpriseId, new { step = "RegistrationSubmitted", date = "2026-01-05", kind = "WithCode", providerId, note = "Mẫu 01/ĐKTĐ-HĐĐT" });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal($"/api/einvoicing/adoptions/{enterpriseId}", submitted.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Created, (await Record(client, enterpriseId, new { step = "Accepted", date = "2026-01-07", source = "TaxOfficeFile" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Record(client, enterpriseId, new { step = "FirstInvoiceIssued", date = "2026-01-07" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Record(client, enterpriseId, new { step = "IssuingRegularly", date = Today, source = "Enterprise" })).StatusCode);

        var adoption = await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{enterpriseId}");
        Assert.Equal("IssuingRegularly", adoption.GetProperty("currentStep").GetString());
        Assert.Equal(Today, adoption.GetProperty("currentStepDate").GetString());
        Assert.Equal("WithCode", adoption.GetProperty("kind").GetString());
        Assert.Equal(providerId, adoption.GetProperty("providerId").GetGuid());
        Assert.Equal(
            ["RegistrationSubmitted", "Accepted", "FirstInvoiceIssued", "IssuingRegularly"],
            adoption.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        Assert.Equal("Mẫu 01/ĐKTĐ-HĐĐT", adoption.GetProperty("steps")[0].GetProperty("note").GetString());
        Assert.Equal("TaxOfficeFile", adoption.GetProperty("steps")[1].GetProperty("source").GetString());
    }

    [Fact]
    public async Task First_invoice_before_acceptance_is_out_of_order_and_nothing_is_stored()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await NotRegisteredAsync(client, 1);
        var before = (StepRecords, Adoptions);

        await AssertProblem(await Record(client, enterpriseId, new { step = "FirstInvoiceIssued", date = "2026-02-01" }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:StepOutOfOrder");
        Assert.Equal(before, (StepRecords, Adoptions));

        await Record(client, enterpriseId, new { step = "RegistrationSubmitted", date = "2026-02-01" });
        before = (StepRecords, Adoptions);
        await AssertProblem(await Record(client, enterpriseId, new { step = "FirstInvoiceIssued", date = "2026-02-03" }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:StepOutOfOrder");
        Assert.Equal(before, (StepRecords, Adoptions));
        Assert.Equal("RegistrationSubmitted",
            (await client.GetFromJsonAsync<JsonElement>($"/api/einvoicing/adoptions/{enterpriseId}")).GetProperty("currentStep").GetString());
    }

    [Fact]
    public async Task A_date_before_the_previous_step_is_out_of_order()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await NotRegisteredAsync(client, 2);
        await Record(client, enterpriseId, new { step = "RegistrationSubmitted", date = "2026-03-10" });
        var before = StepRecords;

        await AssertProblem(await Record(client, enterpriseId, new { step = "Accepted", date = "2026-03-09" }),
            HttpStatusCode.Conflict, "SmeSupport:EInvoicing:StepOutOfOrder");
        Assert.Equal(before, StepRecords);
        Assert.Equal(HttpStatusCode.Created, (await Record(client, enterpriseId, new { step = "Accepted", date = "2026-03-10" })).StatusCode);
    }

    [Fact]
    public async Task Unknown_enterprise_is_404_and_nothing_is_stored()
    {
        var client = await app.CreateAdminClientAsync();
        var before = (StepRecords, Adoptions);
        var unknown = Guid.NewGuid();
        await AssertProblem(await Record(client, unknown, new { step = "RegistrationSubmitted", date = "2026-02-01" }),
            HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await AssertProblem(await client.GetAsync($"/api/einvoicing/adoptions/{unknown}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.Equal(before, (StepRecords, Adoptions));
    }

    [Fact]
    public async Task Bad_input_is_400_with_field_errors()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await NotRegisteredAsync(client, 3);
        var before = (StepRecords, Adoptions);
        await AssertProblem(await Record(client, enterpriseId, new { }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "step", "date");
        await AssertProblem(await Record(client, enterpriseId, new { step = "NotRegistered", date = "2026-02-01" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "step");
        await AssertProblem(await Record(client, enterpriseId, new { step = "RegistrationSubmitted", date = "2099-01-01" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "date");
        await AssertProblem(await Record(client, enterpriseId, new { step = "RegistrationSubmitted", date = "2026-02-01", providerId = Guid.NewGuid() }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "providerId");
        await AssertProblem(await Record(client, enterpriseId, new { step = "RegistrationSubmitted", date = "2026-02-01", note = new string('x', 501) }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "note");
        Assert.Equal(before, (StepRecords, Adoptions));

        var enterpriseUser = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser);
        Assert.Equal(HttpStatusCode.Forbidden, (await Record(enterpriseUser, enterpriseId, new { step = "RegistrationSubmitted", date = "2026-02-01" })).StatusCode);
        Assert.Equal(before, (StepRecords, Adoptions));
    }

    [Fact]
    public async Task List_filters_by_step_and_pages()
    {
        var client = await app.CreateAdminClientAsync();
        var accepted = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/adoptions?step=Accepted&pageSize=200");
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM EInvoiceAdoptions WHERE CurrentStep = 3"), accepted.GetProperty("totalCount").GetInt32());
        Assert.All(accepted.GetProperty("items").EnumerateArray(), a =>
        {
            Assert.Equal("Accepted", a.GetProperty("currentStep").GetString());
            Assert.False(string.IsNullOrEmpty(a.GetProperty("taxCode").GetString()));
        });

        var page = await client.GetFromJsonAsync<JsonElement>("/api/einvoicing/adoptions?page=3&pageSize=10");
        Assert.Equal(10, page.GetProperty("items").GetArrayLength());
        Assert.Equal(Adoptions, page.GetProperty("totalCount").GetInt32());
        await AssertProblem(await client.GetAsync("/api/einvoicing/adoptions?pageSize=0"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "pageSize");
    }
}
