using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Trials.Tests.Api;

/// <summary>The Trials HTTP API over the real host and a seeded SQLite database.</summary>
public sealed class TrialsApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
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

    private async Task<Guid> PlatformIdAsync(HttpClient client, string name)
    {
        var platforms = await client.GetFromJsonAsync<JsonElement>("/api/trials/platforms");
        return platforms.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>A pilot enterprise (skipping <paramref name="skip"/>) with no trial at all, so tests do not collide.</summary>
    private static async Task<Guid> EnterpriseWithoutTrialsAsync(HttpClient client, int skip)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=200");
        foreach (var e in list.GetProperty("items").EnumerateArray().Skip(skip))
        {
            var id = e.GetProperty("id").GetGuid();
            var trials = await client.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={id}");
            if (trials.GetProperty("totalCount").GetInt32() == 0)
            {
                return id;
            }
        }

        throw new InvalidOperationException("No enterprise without trials.");
    }

    private long TrialCount => app.Scalar("SELECT COUNT(*) FROM Trials");

    [Fact]
    public async Task Catalogue_is_seeded_and_read_needs_the_permission()
    {
        var admin = await app.CreateAdminClientAsync();
        var platforms = await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms");
        Assert.Equal(12, platforms.GetArrayLength());
        Assert.Contains(platforms.EnumerateArray(), p => p.GetProperty("name").GetString() == "MISA AMIS Kế toán"
                                                          && p.GetProperty("category").GetString() == "Accounting");
        Assert.Contains(platforms.EnumerateArray(), p => p.GetProperty("programme").GetString() == "ProvinceTelecomCooperation");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/trials/platforms")).StatusCode);
        var enterpriseUser = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterpriseUser.GetAsync("/api/trials")).StatusCode);
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/trials")).StatusCode);
    }

    [Fact]
    public void Demo_seed_has_60_trials_in_every_status()
    {
        Assert.Equal(60, app.Scalar("SELECT COUNT(*) FROM Trials WHERE CreatedBy IS NULL"));
        Assert.Equal(4, app.Scalar("SELECT COUNT(DISTINCT Status) FROM Trials"));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM Trials WHERE EndDate < StartDate"));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM Trials WHERE Status = 2 AND Outcome IS NULL"));
    }

    [Fact]
    public async Task Plan_start_and_complete_a_trial()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await EnterpriseWithoutTrialsAsync(client, 0);
        var platformId = await PlatformIdAsync(client, "Base CRM");

        var created = await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2027-01-04" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var trial = await Body(created);
        var id = trial.GetProperty("id").GetGuid();
        Assert.Equal($"/api/trials/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Planned", trial.GetProperty("status").GetString());
        Assert.Equal("2027-02-02", trial.GetProperty("endDate").GetString()); // Base CRM: 30 days by default
        Assert.Equal("Base CRM", trial.GetProperty("platformName").GetString());
        Assert.False(string.IsNullOrEmpty(trial.GetProperty("enterpriseName").GetString()));

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={enterpriseId}");
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());

        var started = await client.PostAsync($"/api/trials/{id}/start", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal("Active", (await Body(started)).GetProperty("status").GetString());

        var completed = await client.PostAsJsonAsync($"/api/trials/{id}/complete", new { outcome = "NotAdopted", reason = "Chi phí cao" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var done = await Body(completed);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal("NotAdopted", done.GetProperty("outcome").GetString());
        Assert.Equal("Chi phí cao", done.GetProperty("outcomeReason").GetString());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);

        // Finished: the same platform can be planned again.
        var again = await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2027-06-01", endDate = "2027-06-30" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Unknown_enterprise_and_platform_are_field_errors_and_nothing_is_stored()
    {
        var client = await app.CreateAdminClientAsync();
        var before = TrialCount;
        var response = await client.PostAsJsonAsync("/api/trials",
            new { enterpriseId = Guid.NewGuid(), platformId = Guid.NewGuid(), startDate = "2027-01-04" });
        await AssertProblem(response, HttpStatusCode.BadRequest, "SmeSupport:Validation", "enterpriseId", "platformId");
        Assert.Equal(before, TrialCount);
    }

    [Fact]
    public async Task Missing_fields_and_end_before_start_are_field_errors()
    {
        var client = await app.CreateAdminClientAsync();
        var before = TrialCount;
        await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { }), HttpStatusCode.BadRequest, "SmeSupport:Validation",
            "enterpriseId", "platformId", "startDate");

        var enterpriseId = await EnterpriseWithoutTrialsAsync(client, 10);
        var platformId = await PlatformIdAsync(client, "Postmart");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2027-01-04", endDate = "2027-01-03" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "endDate");
        Assert.Equal(before, TrialCount);
    }

    [Fact]
    public async Task A_second_open_trial_of_the_same_platform_is_409_until_the_first_is_cancelled()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await EnterpriseWithoutTrialsAsync(client, 20);
        var platformId = await PlatformIdAsync(client, "VNPT eContract");
        var first = await Body(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2027-01-04" }));
        var before = TrialCount;

        await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2027-03-01" }),
            HttpStatusCode.Conflict, "SmeSupport:Trials:DuplicateActiveTrial");
        Assert.Equal(before, TrialCount);

        // Still a duplicate while Active.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/trials/{first.GetProperty("id").GetGuid()}/start", null)).StatusCode);
        await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2027-03-01" }),
            HttpStatusCode.Conflict, "SmeSupport:Trials:DuplicateActiveTrial");

        var cancelled = await client.PostAsJsonAsync($"/api/trials/{first.GetProperty("id").GetGuid()}/cancel", new { reason = "Đổi nhà cung cấp" });
        Assert.Equal("Cancelled", (await Body(cancelled)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2027-03-01" })).StatusCode);
    }

    [Fact]
    public async Task Transitions_the_lifecycle_does_not_allow_are_409_and_change_nothing()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await EnterpriseWithoutTrialsAsync(client, 30);
        var platformId = await PlatformIdAsync(client, "BKAV-CA");
        var id = (await Body(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2027-01-04" })))
            .GetProperty("id").GetGuid();

        await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{id}/complete", new { outcome = "Adopted" }),
            HttpStatusCode.Conflict, "SmeSupport:Trials:InvalidTransition");
        Assert.Equal("Planned", (await client.GetFromJsonAsync<JsonElement>($"/api/trials/{id}")).GetProperty("status").GetString());

        await client.PostAsync($"/api/trials/{id}/start", null);
        await AssertProblem(await client.PostAsync($"/api/trials/{id}/start", null), HttpStatusCode.Conflict, "SmeSupport:Trials:InvalidTransition");

        // Input errors come before the lifecycle: NotAdopted needs a reason.
        await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{id}/complete", new { outcome = "NotAdopted" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "reason");
        await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{id}/complete", new { }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "outcome");

        await client.PostAsJsonAsync($"/api/trials/{id}/complete", new { outcome = "Adopted" });
        await AssertProblem(await client.PostAsync($"/api/trials/{id}/cancel", null), HttpStatusCode.Conflict, "SmeSupport:Trials:InvalidTransition");
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/trials/{id}");
        Assert.Equal("Completed", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("cancelledAt").ValueKind);
    }

    [Fact]
    public async Task Unknown_trial_is_404_and_managing_needs_the_permission()
    {
        var client = await app.CreateAdminClientAsync();
        await AssertProblem(await client.PostAsync($"/api/trials/{Guid.NewGuid()}/start", null), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await AssertProblem(await client.GetAsync($"/api/trials/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");

        var enterpriseUser = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser);
        var before = TrialCount;
        var response = await enterpriseUser.PostAsJsonAsync("/api/trials",
            new { enterpriseId = Guid.NewGuid(), platformId = Guid.NewGuid(), startDate = "2027-01-04" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, TrialCount);
    }

    [Fact]
    public async Task List_filters_by_status_and_pages()
    {
        var client = await app.CreateAdminClientAsync();
        var active = await client.GetFromJsonAsync<JsonElement>("/api/trials?status=Active&pageSize=200");
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM Trials WHERE Status = 1"), active.GetProperty("totalCount").GetInt32());
        Assert.All(active.GetProperty("items").EnumerateArray(), t => Assert.Equal("Active", t.GetProperty("status").GetString()));

        var page = await client.GetFromJsonAsync<JsonElement>("/api/trials?page=2&pageSize=7");
        Assert.Equal(7, page.GetProperty("items").GetArrayLength());
        Assert.Equal(TrialCount, page.GetProperty("totalCount").GetInt32());

        await AssertProblem(await client.GetAsync("/api/trials?page=0&pageSize=500"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "page", "pageSize");
    }

    [Fact]
    public async Task Trial_dates_outside_2000_to_2100_are_field_errors_not_500()
    {
        var client = await app.CreateAdminClientAsync();
        var platformId = await PlatformIdAsync(client, "MISA AMIS Kế toán");
        var enterpriseId = await EnterpriseWithoutTrialsAsync(client, 3);
        var before = TrialCount;

        // The end would be computed as start + default length: past DateOnly.MaxValue before the fix (500).
        await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "9999-12-31" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "startDate");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2100-12-30" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "startDate");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "0001-01-01" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "startDate");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2026-12-01", endDate = "9999-12-31" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "endDate");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials/bulk-assign",
                new { platformId, taxCodes = new[] { "0100109106" }, startDate = "9999-12-20", dryRun = true }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "startDate");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials/bulk-assign",
                new { platformId, taxCodes = new[] { "0100109106" }, startDate = "2026-12-01", endDate = "0001-01-01", dryRun = true }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "endDate");
        Assert.Equal(before, TrialCount);

        // The bounds themselves are accepted.
        var ok = await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = "2000-01-01", endDate = "2100-12-31" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var trial = await Body(ok);
        Assert.Equal("2000-01-01", trial.GetProperty("startDate").GetString());
        Assert.Equal("2100-12-31", trial.GetProperty("endDate").GetString());
        Assert.Equal(before + 1, TrialCount);
    }
}
