using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Trials.Tests.Api;

/// <summary>Bulk assignment by cohort, list filters (officer, ending within N days), messages in Vietnamese or English, and the tax partner's 403s.</summary>
public sealed class CohortsFiltersAndLanguageApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private DateOnly Today => SmeSupport.Timing.VietnamTime.Today(app.Clock);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

    private long Count(string table) => app.Scalar($"SELECT COUNT(*) FROM {table}");

    private static async Task<Guid> PlatformIdAsync(HttpClient client, string name)
    {
        var platforms = await client.GetFromJsonAsync<JsonElement>("/api/trials/platforms?includeInactive=true");
        return platforms.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>Enterprises (id, tax code, name) from the far end of the registry list, so tests of other classes do not collide.</summary>
    private static async Task<List<(Guid Id, string TaxCode, string Name)>> EnterprisesAsync(HttpClient client, int page)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/enterprises?pageSize=20&page={page}");
        return list.GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("id").GetGuid(), e.GetProperty("taxCode").GetString()!, e.GetProperty("name").GetString()!)).ToList();
    }

    private static async Task<int> TrialsOfAsync(HttpClient client, Guid enterpriseId, Guid platformId)
    {
        var trials = await client.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={enterpriseId}&platformId={platformId}&pageSize=200");
        return trials.GetProperty("items").EnumerateArray().Count(t => t.GetProperty("status").GetString() != "Cancelled");
    }

    private static async Task<int> OpenTrialsAsync(HttpClient client, Guid enterpriseId, Guid platformId)
    {
        var trials = await client.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={enterpriseId}&platformId={platformId}&pageSize=200");
        return trials.GetProperty("items").EnumerateArray().Count(t => t.GetProperty("status").GetString() is "Planned" or "Active");
    }

    [Fact]
    public async Task Bulk_assignment_by_cohort_plans_for_its_members_and_says_who_was_skipped_and_why()
    {
        var client = await app.CreateAdminClientAsync();
        var platformId = await PlatformIdAsync(client, "MISA AMIS Kế toán");
        var cohort = $"Đợt thử nghiệm {Guid.NewGuid():N}"[..24];
        var members = (await EnterprisesAsync(client, 5)).Take(4).ToList();
        foreach (var m in members)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/enterprises/{m.Id}/cohorts",
                new { name = cohort, joinedOn = Iso(Today.AddDays(-10)) })).StatusCode);
        }

        // One member already has an open trial of the platform (from before, or planned now).
        if (await OpenTrialsAsync(client, members[0].Id, platformId) == 0)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/trials",
                new { enterpriseId = members[0].Id, platformId, startDate = Iso(Today) })).StatusCode);
        }

        var expected = new List<Guid>();
        foreach (var m in members.Skip(1))
        {
            if (await TrialsOfAsync(client, m.Id, platformId) == 0)
            {
                expected.Add(m.Id);
            }
        }

        var before = Count("Trials");
        // The cohort name is matched without diacritics and case.
        var folded = "dot thu nghiem " + cohort["Đợt thử nghiệm ".Length..];
        var response = await client.PostAsJsonAsync("/api/trials/bulk-assign", new { platformId, cohort = folded.ToUpperInvariant(), startDate = Iso(Today) });
        var result = await Body(response);
        Assert.True(HttpStatusCode.OK == response.StatusCode, result.ToString());
        Assert.Equal(expected.Order(), result.GetProperty("created").EnumerateArray().Select(c => c.GetProperty("enterpriseId").GetGuid()).Order());
        var skipped = result.GetProperty("skipped").EnumerateArray().ToList();
        Assert.Contains(skipped, s => s.GetProperty("enterpriseId").GetGuid() == members[0].Id && s.GetProperty("reason").GetString() == "OpenTrialExists"
                                      && s.GetProperty("message").GetString()!.Contains(members[0].Name, StringComparison.Ordinal));
        Assert.Equal(members.Count, result.GetProperty("created").GetArrayLength() + skipped.Count);
        Assert.Equal(before + expected.Count, Count("Trials"));

        // Doing it again skips everyone: each now has (or had) a trial of the platform.
        var again = await Body(await client.PostAsJsonAsync("/api/trials/bulk-assign", new { platformId, cohort, startDate = Iso(Today) }));
        Assert.Equal(0, again.GetProperty("created").GetArrayLength());
        Assert.Equal(members.Count, again.GetProperty("skipped").GetArrayLength());
        Assert.All(again.GetProperty("skipped").EnumerateArray(),
            s => Assert.Contains(s.GetProperty("reason").GetString(), new[] { "OpenTrialExists", "AlreadyTried" }));

        // A cohort and a selection: members of the cohort matching the selection only (dry run).
        var sizes = await client.GetFromJsonAsync<JsonElement>($"/api/enterprises/{members[1].Id}");
        var size = sizes.GetProperty("size").GetString();
        var narrowed = await Body(await client.PostAsJsonAsync("/api/trials/bulk-assign", new
        {
            platformId = await PlatformIdAsync(client, "VNPT eContract"), cohort, selection = new { size }, startDate = Iso(Today), dryRun = true,
        }));
        var narrowedIds = narrowed.GetProperty("created").EnumerateArray().Concat(narrowed.GetProperty("skipped").EnumerateArray())
            .Select(c => c.GetProperty("enterpriseId").GetGuid()).ToList();
        Assert.Contains(members[1].Id, narrowedIds);
        foreach (var id in narrowedIds)
        {
            Assert.Equal(size, (await client.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}")).GetProperty("size").GetString());
        }

        Assert.Equal(before + expected.Count, Count("Trials"));
    }

    [Fact]
    public async Task A_cohort_without_members_or_mixed_with_tax_codes_is_a_field_error()
    {
        var client = await app.CreateAdminClientAsync();
        var platformId = await PlatformIdAsync(client, "MISA AMIS Kế toán");
        var before = Count("Trials");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials/bulk-assign", new { platformId, cohort = "Không có đợt này", startDate = Iso(Today) }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "cohort");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials/bulk-assign",
                new { platformId, cohort = "Đợt 1", taxCodes = new[] { "0100109106" }, startDate = Iso(Today) }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "taxCodes");
        await AssertProblem(await client.PostAsJsonAsync("/api/trials/bulk-assign", new { platformId, cohort = new string('x', 101), startDate = Iso(Today) }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "cohort");
        Assert.Equal(before, Count("Trials"));
    }

    [Fact]
    public async Task The_list_filters_by_officer_and_by_ending_within_n_days()
    {
        var client = await app.CreateAdminClientAsync();
        var officerId = await AssignmentValidationApiTests.UserIdAsync(app, SmeSupportAppFactory.Roles.Officer);
        var platformId = await PlatformIdAsync(client, "Base CRM");
        var free = (await EnterprisesAsync(client, 6)).ToList();
        var picked = new List<Guid>();
        foreach (var e in free)
        {
            if (picked.Count < 2 && await OpenTrialsAsync(client, e.Id, platformId) == 0)
            {
                picked.Add(e.Id);
            }
        }

        var soon = await Body(await client.PostAsJsonAsync("/api/trials",
            new { enterpriseId = picked[0], platformId, assignedOfficerId = officerId, startDate = Iso(Today.AddDays(-5)), endDate = Iso(Today.AddDays(4)) }));
        var later = await Body(await client.PostAsJsonAsync("/api/trials",
            new { enterpriseId = picked[1], platformId, assignedOfficerId = officerId, startDate = Iso(Today), endDate = Iso(Today.AddDays(40)) }));

        var mine = await client.GetFromJsonAsync<JsonElement>($"/api/trials?assignedOfficerId={officerId}");
        Assert.Equal(2, mine.GetProperty("totalCount").GetInt32());
        var ending = await client.GetFromJsonAsync<JsonElement>($"/api/trials?assignedOfficerId={officerId}&endingWithinDays=7");
        Assert.Equal([soon.GetProperty("id").GetGuid()], ending.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        var all = await client.GetFromJsonAsync<JsonElement>($"/api/trials?assignedOfficerId={officerId}&endingWithinDays=40");
        Assert.Contains(all.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == later.GetProperty("id").GetGuid());
        await AssertProblem(await client.GetAsync("/api/trials?endingWithinDays=366"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "endingWithinDays");
    }

    [Fact]
    public async Task Business_errors_are_told_in_vietnamese_by_default_and_in_english_when_asked()
    {
        var client = await app.CreateAdminClientAsync();
        var platformId = await PlatformIdAsync(client, "Base CRM");
        var enterprise = (await EnterprisesAsync(client, 7)).First();
        var created = await client.PostAsJsonAsync("/api/trials", new { enterpriseId = enterprise.Id, platformId, startDate = Iso(Today) });
        Guid id;
        if (created.StatusCode == HttpStatusCode.Created)
        {
            id = (await Body(created)).GetProperty("id").GetGuid();
        }
        else
        {
            var existing = await client.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={enterprise.Id}&platformId={platformId}&status=Planned");
            id = existing.GetProperty("items")[0].GetProperty("id").GetGuid();
        }

        var vi = await AssertProblem(await client.PostAsJsonAsync($"/api/trials/{id}/complete", new { outcome = "Adopted" }),
            HttpStatusCode.Conflict, "SmeSupport:Trials:InvalidTransition");
        Assert.Equal("Đợt dùng thử ở trạng thái Đã lên kế hoạch không thể chuyển sang Đã kết thúc.", vi.GetProperty("detail").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/trials/{id}/complete") { Content = JsonContent.Create(new { outcome = "Adopted" }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await AssertProblem(await client.SendAsync(request), HttpStatusCode.Conflict, "SmeSupport:Trials:InvalidTransition");
        Assert.Equal("A trial in status Planned cannot become Completed.", en.GetProperty("detail").GetString());

        var duplicate = await AssertProblem(await client.PostAsJsonAsync("/api/trials", new { enterpriseId = enterprise.Id, platformId, startDate = Iso(Today) }),
            HttpStatusCode.Conflict, "SmeSupport:Trials:DuplicateActiveTrial");
        Assert.Equal("Doanh nghiệp đã có một đợt dùng thử Base CRM đang lên kế hoạch hoặc đang diễn ra; hãy kết thúc hoặc hủy đợt đó trước.",
            duplicate.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Staff_pages_render_for_an_admin_and_the_nav_links_them()
    {
        var admin = await app.CreateAdminClientAsync();
        var anyTrial = (await admin.GetFromJsonAsync<JsonElement>("/api/trials?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var platformId = await PlatformIdAsync(admin, "Base CRM");
        foreach (var url in new[]
                 {
                     "/Trials", "/Trials?Status=Active&Ending=30&Mine=true", $"/Trials?Platform={platformId}", "/Trials/BulkAssign", "/Trials/Platforms",
                     "/Trials/Platforms?edit=new", $"/Trials/Platforms?edit={platformId}", $"/Trials/Details/{anyTrial}",
                 })
        {
            var response = await admin.GetAsync(url);
            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{url}: {response.StatusCode}");
        }

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/Trials"));
        Assert.Contains("data-testid=\"nav-trials\"", html, StringComparison.Ordinal);
        Assert.Contains("Dùng thử nền tảng số", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Trials/Details/{Guid.NewGuid()}")).StatusCode);
        var english = WebUtility.HtmlDecode(await admin.GetStringAsync("/Trials?culture=en"));
        Assert.Contains("Digital platform trials", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_api_403_and_401_carries_a_code_in_other_modules_too()
    {
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: Guid.NewGuid());
        var enterpriseUser = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, Guid.NewGuid());
        foreach (var url in new[] { "/api/einvoicing/adoptions", "/api/einvoicing/reconciliations", "/api/cases", "/api/cases/visits" })
        {
            await AssertProblem(await partner.GetAsync(url), HttpStatusCode.Forbidden, "SmeSupport:Forbidden");
        }

        await AssertProblem(await enterpriseUser.GetAsync("/api/trials/figures"), HttpStatusCode.Forbidden, "SmeSupport:Forbidden");
        await AssertProblem(await enterpriseUser.PostAsync("/api/einvoicing/reconciliations", new MultipartFormDataContent { { new StringContent("x"), "file", "a.csv" } }), HttpStatusCode.Forbidden,
            "SmeSupport:Forbidden");
        var anonymous = app.CreateAnonymousClient();
        await AssertProblem(await anonymous.GetAsync("/api/trials"), HttpStatusCode.Unauthorized, "SmeSupport:Unauthorized");
        await AssertProblem(await anonymous.GetAsync("/api/einvoicing/adoptions"), HttpStatusCode.Unauthorized, "SmeSupport:Unauthorized");
    }

    [Fact]
    public async Task A_tax_partner_gets_403_from_every_trials_endpoint()
    {
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: Guid.NewGuid());
        var admin = await app.CreateAdminClientAsync();
        var platformId = await PlatformIdAsync(admin, "Base CRM");
        var anyTrial = (await admin.GetFromJsonAsync<JsonElement>("/api/trials?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        foreach (var url in new[]
                 {
                     "/api/trials", "/api/trials/platforms", $"/api/trials/platforms/{platformId}", "/api/trials/ending", "/api/trials/figures",
                     $"/api/trials/{anyTrial}", $"/api/trials/{anyTrial}/details", "/api/portal/trials", $"/api/portal/trials/{anyTrial}",
                 })
        {
            await AssertProblem(await partner.GetAsync(url), HttpStatusCode.Forbidden, "SmeSupport:Forbidden");
        }

        // The pages too (a bearer token is refused with 403 rather than sent to the access-denied page).
        foreach (var url in new[]
                 {
                     "/Trials", "/Trials/BulkAssign", "/Trials/Platforms", $"/Trials/Details/{anyTrial}", "/Portal/Trials", $"/Portal/Trials/Details/{anyTrial}",
                 })
        {
            Assert.True(HttpStatusCode.Forbidden == (await partner.GetAsync(url)).StatusCode, url);
        }

        var before = Count("Trials");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/api/trials/bulk-assign",
            new { platformId, cohort = "Đợt 1", startDate = Iso(Today) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsync($"/api/trials/{anyTrial}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync($"/api/portal/trials/{anyTrial}/check-ins",
            new { date = Iso(Today), usageLevel = "High", satisfaction = 5 })).StatusCode);
        Assert.Equal(before, Count("Trials"));
    }
}
