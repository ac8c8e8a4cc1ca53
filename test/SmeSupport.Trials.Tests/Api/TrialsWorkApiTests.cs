using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Domain;
using SmeSupport.TestBase;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Trials.Tests.Api;

/// <summary>Catalogue editing, check-ins, bulk assignment, ending soon, overdue flagging, figures and the portal, through HTTP.</summary>
public sealed class TrialsWorkApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private DateOnly Today => SmeSupport.Timing.VietnamTime.Today(app.Clock);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        foreach (var field in fields)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {text}");
        }
    }

    private long Count(string table) => app.Scalar($"SELECT COUNT(*) FROM {table}");

    private static async Task<Guid> PlatformIdAsync(HttpClient client, string name)
    {
        var platforms = await client.GetFromJsonAsync<JsonElement>("/api/trials/platforms?includeInactive=true");
        return platforms.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>Enterprises with no trial at all, in registry order (id, tax code).</summary>
    private static async Task<List<(Guid Id, string TaxCode)>> EnterprisesWithoutTrialsAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=200");
        var result = new List<(Guid, string)>();
        foreach (var e in list.GetProperty("items").EnumerateArray())
        {
            var id = e.GetProperty("id").GetGuid();
            var trials = await client.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={id}");
            if (trials.GetProperty("totalCount").GetInt32() == 0)
            {
                result.Add((id, e.GetProperty("taxCode").GetString()!));
            }
        }

        return result;
    }

    private static async Task<Guid> PlanAsync(HttpClient client, Guid enterpriseId, Guid platformId, DateOnly start, DateOnly end, bool startIt)
    {
        var created = await client.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = Iso(start), endDate = Iso(end) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Body(created)).GetProperty("id").GetGuid();
        if (startIt)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/trials/{id}/start", null)).StatusCode);
        }

        return id;
    }

    /// <summary>A new enterprise of its own (random valid tax code), so that no other test's trials are in the way.</summary>
    private static async Task<Guid> NewEnterpriseAsync(HttpClient client)
    {
        string code;
        while (true)
        {
            var nine = "25" + Random.Shared.Next(1, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
            if (TaxCode.ComputeCheckDigit(nine) is { } check)
            {
                code = nine + check.ToString(CultureInfo.InvariantCulture);
                break;
            }
        }

        var response = await client.PostAsJsonAsync("/api/enterprises", new
        {
            taxCode = code, name = "Công ty TNHH Song Song", legalForm = "SingleMemberLlc", industryCode = "4711", employees = 5,
            annualRevenueVnd = 2_000_000_000m, capitalVnd = 1_000_000_000m, wardCode = 4792, street = "Số 5, đường Trần Phú",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Body(response)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Parallel_starts_and_completes_of_one_trial_succeed_once_and_the_others_hear_InvalidTransition()
    {
        var client = await app.CreateAdminClientAsync();
        var enterpriseId = await NewEnterpriseAsync(client);
        var id = await PlanAsync(client, enterpriseId, await PlatformIdAsync(client, "Postmart"), Today, Today.AddDays(30), startIt: false);

        var starts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsync($"/api/trials/{id}/start", null)));
        Assert.Single(starts, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in starts.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await AssertProblem(loser, HttpStatusCode.Conflict, TrialsErrorCodes.InvalidTransition);
        }

        var completes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            client.PostAsJsonAsync($"/api/trials/{id}/complete", new { outcome = "Adopted" })));
        Assert.Single(completes, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in completes.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await AssertProblem(loser, HttpStatusCode.Conflict, TrialsErrorCodes.InvalidTransition);
        }

        var trial = await client.GetFromJsonAsync<JsonElement>($"/api/trials/{id}");
        Assert.Equal("Completed", trial.GetProperty("status").GetString());
        Assert.Equal("Adopted", trial.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Admin_edits_the_catalogue_with_validation_and_others_may_not()
    {
        var admin = await app.CreateAdminClientAsync();
        var before = Count("Platforms");
        await AssertProblem(await admin.PostAsJsonAsync("/api/trials/platforms", new { defaultTrialDays = 0, priceAfterTrialVnd = -1 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "name", "provider", "category", "programme", "defaultTrialDays", "priceAfterTrialVnd");
        await AssertProblem(await admin.PostAsJsonAsync("/api/trials/platforms", new
            {
                name = "misa amis ke toan", provider = "MISA", category = "Accounting", programme = "SMEdx", defaultTrialDays = 30, priceAfterTrialVnd = 0,
            }),
            HttpStatusCode.Conflict, "SmeSupport:Trials:DuplicatePlatformName");
        Assert.Equal(before, Count("Platforms"));

        var body = new
        {
            name = "KiotViet", provider = "Citigo", category = "SalesCrm", programme = "SMEdx", description = "Quản lý bán hàng",
            defaultTrialDays = 45, priceAfterTrialVnd = 2_400_000,
        };
        var created = await admin.PostAsJsonAsync("/api/trials/platforms", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var platform = await Body(created);
        var id = platform.GetProperty("id").GetGuid();
        Assert.Equal($"/api/trials/platforms/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(45, platform.GetProperty("defaultTrialDays").GetInt32());
        Assert.True(platform.GetProperty("isActive").GetBoolean());

        var withdrawn = await admin.PutAsJsonAsync($"/api/trials/platforms/{id}", new
        {
            body.name, body.provider, body.category, body.programme, body.description, defaultTrialDays = 60, body.priceAfterTrialVnd, isActive = false,
        });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.False((await Body(withdrawn)).GetProperty("isActive").GetBoolean());
        var active = await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms");
        Assert.DoesNotContain(active.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        await AssertProblem(await admin.PutAsJsonAsync($"/api/trials/platforms/{Guid.NewGuid()}", body), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await AssertProblem(await admin.PutAsJsonAsync($"/api/trials/platforms/{id}", body with { name = "VNPT Invoice" }), HttpStatusCode.Conflict,
            "SmeSupport:Trials:DuplicatePlatformName");

        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/trials/platforms", body with { name = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync($"/api/trials/platforms/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/trials/platforms/{id}")).StatusCode);
    }

    [Fact]
    public async Task Check_ins_must_fall_within_a_started_trial()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var enterprise = (await EnterprisesWithoutTrialsAsync(client))[0];
        var platformId = await PlatformIdAsync(client, "FPT.eHRM");
        var id = await PlanAsync(client, enterprise.Id, platformId, Today.AddDays(-10), Today.AddDays(20), startIt: true);
        var before = Count("TrialCheckIns");

        await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{id}/check-ins", new { date = Iso(Today.AddDays(-11)), usageLevel = "High", satisfaction = 4 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "date");
        await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{id}/check-ins", new { date = Iso(Today.AddDays(1)), usageLevel = "High", satisfaction = 4 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "date");
        await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{id}/check-ins", new { date = Iso(Today), satisfaction = 6 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "usageLevel", "satisfaction");
        await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{Guid.NewGuid()}/check-ins", new { date = Iso(Today), usageLevel = "Low", satisfaction = 3 }),
            HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.Equal(before, Count("TrialCheckIns"));

        var created = await client.PostAsJsonAsync($"/api/trials/{id}/check-ins", new { date = Iso(Today.AddDays(-3)), usageLevel = "Medium", satisfaction = 4, notes = "Đã nhập 30 nhân viên" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Officer", (await Body(created)).GetProperty("source").GetString());
        var details = await client.GetFromJsonAsync<JsonElement>($"/api/trials/{id}/details");
        Assert.Equal(1, details.GetProperty("checkIns").GetArrayLength());
        Assert.Equal(4, details.GetProperty("checkIns")[0].GetProperty("satisfaction").GetInt32());

        var planned = await PlanAsync(client, enterprise.Id, await PlatformIdAsync(client, "Postmart"), Today, Today.AddDays(30), startIt: false);
        await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{planned}/check-ins", new { date = Iso(Today), usageLevel = "Low", satisfaction = 3 }),
            HttpStatusCode.Conflict, "SmeSupport:Trials:TrialNotRunning");
        Assert.Equal(before + 1, Count("TrialCheckIns"));
    }

    [Fact]
    public async Task Bulk_assignment_plans_in_one_action_and_says_who_was_skipped_and_why()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var free = await EnterprisesWithoutTrialsAsync(client);
        var platformId = await PlatformIdAsync(client, "BKAV-CA");
        var (a, b, c) = (free[3], free[4], free[5]);
        await PlanAsync(client, c.Id, platformId, Today, Today.AddDays(10), startIt: false);
        var dotted = a.TaxCode.Length == 10 ? $"{a.TaxCode[..4]}.{a.TaxCode[4..7]}.{a.TaxCode[7..]}" : $" {a.TaxCode} ";
        var unknown = Enumerable.Range(0, 100).Select(i => "79" + (2345600 + i).ToString("D7", CultureInfo.InvariantCulture))
            .Select(n => TaxCode.ComputeCheckDigit(n) is { } d ? n + d : null).First(x => x is not null)!;
        var input = new
        {
            platformId, startDate = Iso(Today.AddDays(7)),
            taxCodes = new[] { a.TaxCode, b.TaxCode, c.TaxCode, "0100109107", unknown, dotted },
        };

        var before = Count("Trials");
        var dry = await client.PostAsJsonAsync("/api/trials/bulk-assign", new { input.platformId, input.startDate, input.taxCodes, dryRun = true });
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.Equal(2, (await Body(dry)).GetProperty("created").GetArrayLength());
        Assert.Equal(before, Count("Trials"));

        var response = await client.PostAsJsonAsync("/api/trials/bulk-assign", input);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Body(response);
        Assert.Equal(new[] { a.Id, b.Id }, result.GetProperty("created").EnumerateArray().Select(x => x.GetProperty("enterpriseId").GetGuid()));
        Assert.All(result.GetProperty("created").EnumerateArray(), x => Assert.Equal(JsonValueKind.String, x.GetProperty("trialId").ValueKind));
        var skipped = result.GetProperty("skipped").EnumerateArray().ToDictionary(x => x.GetProperty("input").GetString()!, x => x.GetProperty("reason").GetString());
        Assert.Equal("MalformedTaxCode", skipped["0100109107"]);
        Assert.Equal("Chữ số kiểm tra (chữ số thứ 10) của mã số thuế không đúng.", result.GetProperty("skipped").EnumerateArray()
            .Single(x => x.GetProperty("input").GetString() == "0100109107").GetProperty("message").GetString());
        Assert.Equal("UnknownTaxCode", skipped[unknown]);
        Assert.Equal("DuplicateInRequest", skipped[dotted]);
        Assert.Equal("OpenTrialExists", skipped[c.TaxCode]);
        Assert.Equal(before + 2, Count("Trials"));
        var trial = await client.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={a.Id}");
        Assert.Equal(Iso(Today.AddDays(7 + 29)), trial.GetProperty("items")[0].GetProperty("endDate").GetString()); // BKAV-CA: 30 days

        // Again: everyone already has it.
        var again = await Body(await client.PostAsJsonAsync("/api/trials/bulk-assign", input));
        Assert.Equal(0, again.GetProperty("created").GetArrayLength());
        Assert.Equal(before + 2, Count("Trials"));

        await AssertProblem(await client.PostAsJsonAsync("/api/trials/bulk-assign", new { platformId, startDate = Iso(Today) }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "taxCodes");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials/bulk-assign", new { platformId = Guid.NewGuid(), taxCodes = new[] { a.TaxCode },
            startDate = Iso(Today), endDate = Iso(Today.AddDays(-1)) }), HttpStatusCode.BadRequest, "SmeSupport:Validation", "platformId", "endDate");
        Assert.Equal(before + 2, Count("Trials"));

        // By a filter: every enterprise of one size and legal form that does not have it yet.
        var byFilter = await Body(await client.PostAsJsonAsync("/api/trials/bulk-assign", new
        {
            platformId = await PlatformIdAsync(client, "VNPT eContract"), startDate = Iso(Today), dryRun = true,
            selection = new { legalForm = "Cooperative" },
        }));
        var cooperatives = app.Scalar("SELECT COUNT(*) FROM Enterprises WHERE IsDeleted = 0 AND LegalForm = 6");
        Assert.Equal(cooperatives, byFilter.GetProperty("created").GetArrayLength() + byFilter.GetProperty("skipped").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner))
            .PostAsJsonAsync("/api/trials/bulk-assign", input)).StatusCode);
    }

    [Fact]
    public async Task Ending_soon_lists_open_trials_by_end_date_and_the_nightly_job_flags_overdue_ones_once()
    {
        var client = await app.CreateAdminClientAsync();
        var free = await EnterprisesWithoutTrialsAsync(client);
        var platformId = await PlatformIdAsync(client, "Base CRM");
        var ending = await PlanAsync(client, free[6].Id, platformId, Today.AddDays(-20), Today.AddDays(3), startIt: true);
        var overdue = await PlanAsync(client, free[7].Id, platformId, Today.AddDays(-40), Today.AddDays(-2), startIt: true);

        var soon = await client.GetFromJsonAsync<JsonElement>("/api/trials/ending?days=5");
        var ids = soon.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(ending, ids);
        Assert.DoesNotContain(overdue, ids);
        Assert.Equal(soon.EnumerateArray().Select(t => t.GetProperty("endDate").GetString()).Order(StringComparer.Ordinal),
            soon.EnumerateArray().Select(t => t.GetProperty("endDate").GetString()));
        Assert.DoesNotContain(ending, (await client.GetFromJsonAsync<JsonElement>("/api/trials/ending?days=2")).EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        await AssertProblem(await client.GetAsync("/api/trials/ending?days=-1"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "days");

        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>($"/api/trials/{overdue}")).GetProperty("overdueFlaggedAt").ValueKind);
        var flagged = await app.WithScopeAsync(sp => sp.GetRequiredService<IOverdueTrialsJob>().RunAsync(CancellationToken.None));
        Assert.True(flagged >= 1);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<IOverdueTrialsJob>().RunAsync(CancellationToken.None)));
        Assert.NotEqual(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>($"/api/trials/{overdue}")).GetProperty("overdueFlaggedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>($"/api/trials/{ending}")).GetProperty("overdueFlaggedAt").ValueKind);
        var overdueList = await client.GetFromJsonAsync<JsonElement>("/api/trials?overdue=true&pageSize=200");
        Assert.Contains(overdueList.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == overdue);
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM Trials WHERE OverdueFlaggedAt IS NOT NULL AND EndDate >= date('now', '+7 hours')"));
    }

    [Fact]
    public async Task Figures_per_platform_and_category_add_up()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var figures = await client.GetFromJsonAsync<JsonElement>("/api/trials/figures");
        var byPlatform = figures.GetProperty("byPlatform").EnumerateArray().ToList();
        var byCategory = figures.GetProperty("byCategory").EnumerateArray().ToList();
        Assert.NotEmpty(byPlatform);
        Assert.Equal(byPlatform.Sum(p => p.GetProperty("started").GetInt32()), byCategory.Sum(c => c.GetProperty("started").GetInt32()));
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM Trials WHERE IsDeleted = 0 AND Status = 1"), byCategory.Sum(c => c.GetProperty("active").GetInt32()));
        foreach (var row in byPlatform.Where(p => p.GetProperty("completed").GetInt32() > 0))
        {
            Assert.Equal((double)row.GetProperty("adopted").GetInt32() / row.GetProperty("completed").GetInt32(), row.GetProperty("adoptedShare").GetDouble(), 6);
        }

        Assert.Contains(byCategory, c => c.GetProperty("medianDaysToAdoption").ValueKind == JsonValueKind.Number);
    }

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 5 }, 5.0)]
    [InlineData(new[] { 1, 3, 10 }, 3.0)]
    [InlineData(new[] { 1, 3, 10, 20 }, 6.5)]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_values(int[] sorted, double? median) =>
        Assert.Equal(median, Application.TrialAppService.Median(sorted));

    [Fact]
    public async Task An_enterprise_user_sees_only_its_own_trials_and_adds_check_ins_and_feedback()
    {
        var admin = await app.CreateAdminClientAsync();
        var free = await EnterprisesWithoutTrialsAsync(admin);
        var (mine, other) = (free[8], free[9]);
        var platformId = await PlatformIdAsync(admin, "MISA AMIS Nhân sự");
        var own = await PlanAsync(admin, mine.Id, platformId, Today.AddDays(-5), Today.AddDays(30), startIt: true);
        var foreign = await PlanAsync(admin, other.Id, platformId, Today.AddDays(-5), Today.AddDays(30), startIt: true);
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, mine.Id);

        var list = await portal.GetFromJsonAsync<JsonElement>("/api/portal/trials");
        Assert.Equal([own], list.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync($"/api/portal/trials/{own}")).StatusCode);
        var before = (Count("TrialCheckIns"), Count("TrialFeedback"));
        await AssertProblem(await portal.GetAsync($"/api/portal/trials/{foreign}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await AssertProblem(await portal.PostAsJsonAsync($"/api/portal/trials/{foreign}/check-ins", new { date = Iso(Today), usageLevel = "High", satisfaction = 5 }),
            HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await AssertProblem(await portal.PostAsJsonAsync($"/api/portal/trials/{foreign}/feedback", new { rating = 5 }), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await AssertProblem(await portal.PostAsJsonAsync($"/api/portal/trials/{own}/check-ins", new { date = Iso(Today.AddDays(-6)), usageLevel = "High", satisfaction = 5 }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "date");
        await AssertProblem(await portal.PostAsJsonAsync($"/api/portal/trials/{own}/feedback", new { rating = 0 }), HttpStatusCode.BadRequest,
            "SmeSupport:Validation", "rating");
        Assert.Equal(before, (Count("TrialCheckIns"), Count("TrialFeedback")));

        var checkIn = await portal.PostAsJsonAsync($"/api/portal/trials/{own}/check-ins", new { date = Iso(Today), usageLevel = "High", satisfaction = 5, notes = "Dùng hằng ngày" });
        Assert.Equal(HttpStatusCode.Created, checkIn.StatusCode);
        Assert.Equal("Enterprise", (await Body(checkIn)).GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.Created, (await portal.PostAsJsonAsync($"/api/portal/trials/{own}/feedback", new { rating = 4, comment = "Dễ dùng", wouldContinue = true })).StatusCode);
        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/trials/{own}/details");
        Assert.Equal(1, details.GetProperty("checkIns").GetArrayLength());
        Assert.True(details.GetProperty("feedback")[0].GetProperty("wouldContinue").GetBoolean());

        Assert.Equal(HttpStatusCode.Forbidden, (await portal.GetAsync("/api/trials")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.GetAsync($"/api/trials/{own}")).StatusCode);
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/portal/trials")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/trials/figures")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/trials/ending")).StatusCode);
    }
}
