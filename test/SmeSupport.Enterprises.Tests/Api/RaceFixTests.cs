using System.Net;
using System.Net.Http.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>Races found by the breaker: the same request sent many times at once is answered with the module's 409, never a 500.</summary>
public sealed class CohortRaceTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task Joining_one_cohort_ten_times_at_once_gives_one_201_and_nine_409_AlreadyInCohort()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin);
        using var start = new SemaphoreSlim(0);
        var joins = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await admin.PostAsJsonAsync($"/api/enterprises/{id}/cohorts", new { name = "Đợt 1 song song", joinedOn = "2026-11-01" });
        })).ToList();
        start.Release(10);
        var responses = await Task.WhenAll(joins);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(9, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("SmeSupport:Enterprises:AlreadyInCohort", (await response.Json()).Code());
        }

        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM EnterpriseCohorts WHERE EnterpriseId = '{id.ToString().ToUpperInvariant()}'"));
    }
}

/// <summary>Simultaneous self-registrations of one tax code: the unique index "one pending registration per tax code" lets one in.</summary>
public sealed class RegistrationRaceTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private static object Form(string taxCode, string token, string email) => new
    {
        enterprise = TestData.Enterprise(taxCode, "Công ty TNHH Đăng Ký Song Song"),
        contact = new { fullName = "Hoàng Văn Em", email, mobile = "0912345678" },
        consents = new { service = true, advertising = false },
        formToken = token,
    };

    [Fact]
    public async Task Six_registrations_of_one_tax_code_at_once_give_one_202_and_five_409_DuplicatePendingRegistration()
    {
        var anonymous = app.CreateAnonymousClient();
        var tokens = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            tokens.Add((await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/registrations/form-token")).GetProperty("token").GetString()!);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(5)); // past the form's notBefore
        var taxCode = TestData.NewTaxCode();
        using var start = new SemaphoreSlim(0);
        var sends = tokens.Select((token, i) => Task.Run(async () =>
        {
            var client = app.CreateAnonymousClient();
            var body = Form(taxCode, token, $"same-tax-{i}-{Guid.NewGuid():N}@example.vn");
            await start.WaitAsync();
            return await client.PostAsJsonAsync("/api/registrations", body);
        })).ToList();
        start.Release(6);
        var responses = await Task.WhenAll(sends);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.Equal(5, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.Json();
            Assert.Equal("SmeSupport:Enterprises:DuplicatePendingRegistration", problem.Code());
            Assert.Single(problem.GetProperty("errors").GetProperty("enterprise.taxCode").EnumerateArray());
        }

        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM EnterpriseRegistrations WHERE TaxCode = '{taxCode}'"));
    }

    [Fact]
    public async Task A_registration_whose_link_expired_is_closed_when_the_tax_code_registers_again()
    {
        var anonymous = app.CreateAnonymousClient();
        var taxCode = TestData.NewTaxCode();
        var token = (await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/registrations/form-token")).GetProperty("token").GetString()!;
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var first = await anonymous.PostAsJsonAsync("/api/registrations", Form(taxCode, token, $"expired-{Guid.NewGuid():N}@example.vn"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var firstId = (await first.Json()).GetProperty("id").GetGuid();

        app.Clock.Advance(TimeSpan.FromDays(30)); // past the confirmation link's lifetime
        token = (await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/registrations/form-token")).GetProperty("token").GetString()!;
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = await anonymous.PostAsJsonAsync("/api/registrations", Form(taxCode, token, $"again-{Guid.NewGuid():N}@example.vn"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);

        var id = firstId.ToString().ToUpperInvariant();
        Assert.Equal(3, app.Scalar($"SELECT Status FROM EnterpriseRegistrations WHERE Id = '{id}'"));
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM EnterpriseRegistrations WHERE Id = '{id}' AND RejectionReason LIKE '%link expired%'"));
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM EnterpriseRegistrations WHERE TaxCode = '{taxCode}' AND Status IN (0, 1)"));
    }
}
