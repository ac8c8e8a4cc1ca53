using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.TestBase;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Trials.Tests.Api;

/// <summary>
/// Trials of an enterprise deleted after they were planned: hidden from the staff list, no more work on them (409 for staff, 404 for
/// the enterprise's own users). A class of its own so the deletion does not shift the enterprises other tests pick.
/// </summary>
public sealed class DeletedEnterpriseTrialsApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private DateOnly Today => SmeSupport.Timing.VietnamTime.Today(app.Clock);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Trials_of_a_deleted_enterprise_are_hidden_and_closed_to_work()
    {
        var admin = await app.CreateAdminClientAsync();
        var platforms = await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms");
        var platformIds = platforms.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Guid enterpriseId = default;
        foreach (var e in (await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=200")).GetProperty("items").EnumerateArray())
        {
            var id = e.GetProperty("id").GetGuid();
            if ((await admin.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={id}")).GetProperty("totalCount").GetInt32() == 0)
            {
                enterpriseId = id;
                break;
            }
        }

        Assert.NotEqual(Guid.Empty, enterpriseId);
        async Task<Guid> Plan(Guid platformId)
        {
            var created = await admin.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = Iso(Today.AddDays(-3)) });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        var planned = await Plan(platformIds[0]);
        var active = await Plan(platformIds[1]);
        var checkedIn = await Plan(platformIds[2]);
        foreach (var id in new[] { active, checkedIn })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/trials/{id}/start", null)).StatusCode);
        }

        var checkIn = new { date = Iso(Today.AddDays(-1)), usageLevel = "High", satisfaction = 4 };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/trials/{checkedIn}/check-ins", checkIn)).StatusCode);
        var portal = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId);
        Assert.Equal(3, (await portal.GetFromJsonAsync<JsonElement>("/api/portal/trials")).GetArrayLength());
        var totalBefore = (await admin.GetFromJsonAsync<JsonElement>("/api/trials?pageSize=1")).GetProperty("totalCount").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enterprises/{enterpriseId}")).StatusCode);

        // Hidden from the staff list.
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={enterpriseId}")).GetProperty("totalCount").GetInt32());
        Assert.Equal(totalBefore - 3, (await admin.GetFromJsonAsync<JsonElement>("/api/trials?pageSize=1")).GetProperty("totalCount").GetInt32());
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/trials?pageSize=200");
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), t => t.GetProperty("enterpriseId").GetGuid() == enterpriseId);

        // No more work: staff 409, the enterprise's own user 404; nothing written.
        var checkIns = app.Scalar("SELECT COUNT(*) FROM TrialCheckIns");
        await AssertProblem(await admin.PostAsync($"/api/trials/{planned}/start", null), HttpStatusCode.Conflict, "SmeSupport:Trials:EnterpriseDeleted");
        await AssertProblem(await admin.PostAsJsonAsync($"/api/trials/{active}/complete", new { outcome = "Adopted" }),
            HttpStatusCode.Conflict, "SmeSupport:Trials:EnterpriseDeleted");
        await AssertProblem(await admin.PostAsJsonAsync($"/api/trials/{checkedIn}/check-ins", checkIn), HttpStatusCode.Conflict,
            "SmeSupport:Trials:EnterpriseDeleted");
        await AssertProblem(await portal.PostAsJsonAsync($"/api/portal/trials/{checkedIn}/check-ins", checkIn), HttpStatusCode.NotFound,
            "SmeSupport:NotFound");
        Assert.Equal(0, (await portal.GetFromJsonAsync<JsonElement>("/api/portal/trials")).GetArrayLength());
        Assert.Equal(checkIns, app.Scalar("SELECT COUNT(*) FROM TrialCheckIns"));
        Assert.Equal(0, app.Scalar($"SELECT Status FROM Trials WHERE Id = '{planned.ToString().ToUpperInvariant()}'"));
        Assert.Equal(1, app.Scalar($"SELECT Status FROM Trials WHERE Id = '{active.ToString().ToUpperInvariant()}'"));

        // Cancelling stays allowed, to tidy up.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/trials/{planned}/cancel", new { reason = "Doanh nghiệp đã bị xóa" })).StatusCode);
    }

    [Fact]
    public async Task A_deleted_enterprises_trial_is_404_by_id_absent_from_ending_soon_and_never_flagged_overdue()
    {
        var admin = await app.CreateAdminClientAsync();
        var platformId = (await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms"))[0].GetProperty("id").GetGuid();
        Guid enterpriseId = default;
        foreach (var e in (await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=200")).GetProperty("items").EnumerateArray())
        {
            var id = e.GetProperty("id").GetGuid();
            if ((await admin.GetFromJsonAsync<JsonElement>($"/api/trials?enterpriseId={id}")).GetProperty("totalCount").GetInt32() == 0)
            {
                enterpriseId = id;
                break;
            }
        }

        Assert.NotEqual(Guid.Empty, enterpriseId);
        var second = (await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms"))[1].GetProperty("id").GetGuid();
        var ending = await admin.PostAsJsonAsync("/api/trials",
            new { enterpriseId, platformId, startDate = Iso(Today.AddDays(-3)), endDate = Iso(Today.AddDays(2)) });
        Assert.Equal(HttpStatusCode.Created, ending.StatusCode);
        var endingId = (await ending.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var overdue = await admin.PostAsJsonAsync("/api/trials",
            new { enterpriseId, platformId = second, startDate = Iso(Today.AddDays(-30)), endDate = Iso(Today.AddDays(-2)) });
        Assert.Equal(HttpStatusCode.Created, overdue.StatusCode);
        var overdueId = (await overdue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Before the deletion both are visible.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/trials/{endingId}")).StatusCode);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>("/api/trials/ending?days=7")).EnumerateArray(),
            t => t.GetProperty("id").GetGuid() == endingId);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enterprises/{enterpriseId}")).StatusCode);

        await AssertProblem(await admin.GetAsync($"/api/trials/{endingId}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await AssertProblem(await admin.GetAsync($"/api/trials/{overdueId}/details"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("/api/trials/ending?days=7")).EnumerateArray(),
            t => t.GetProperty("enterpriseId").GetGuid() == enterpriseId);

        await app.WithScopeAsync(sp => sp.GetRequiredService<IOverdueTrialsJob>().RunAsync(CancellationToken.None));
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM Trials WHERE Id = '{overdueId.ToString().ToUpperInvariant()}' AND OverdueFlaggedAt IS NOT NULL"));

        // Cancelling still answers the trial (it is read without the deleted-enterprise check).
        var cancelled = await admin.PostAsJsonAsync($"/api/trials/{overdueId}/cancel", new { reason = "Doanh nghiệp đã bị xóa" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}
