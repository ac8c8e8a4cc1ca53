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
