using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Cases.Contracts;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Reporting.Application;
using SmeSupport.Reporting.Contracts;
using SmeSupport.TestBase;
using SmeSupport.Timing;

namespace SmeSupport.Reporting.Tests.Api;

/// <summary>
/// The figures kept between requests (trial facts, outreach run figures, trend series) equal freshly computed ones after a change —
/// also a change within the same clock tick (the fake clock stands still), which only the modules' own save counters reveal.
/// </summary>
public sealed class ReportingCacheTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private long ActiveTrialsInDatabase() =>
        app.Scalar("SELECT COUNT(*) FROM Trials t JOIN Enterprises e ON e.Id = t.EnterpriseId WHERE e.IsDeleted = 0 AND t.IsDeleted = 0 AND t.Status = 1");

    [Fact]
    public async Task Cached_trial_figures_follow_a_change_made_in_the_same_clock_tick()
    {
        var admin = await app.CreateAdminClientAsync();
        var platform = await admin.PostAsJsonAsync("/api/trials/platforms", new
        {
            name = "Nền tảng bộ nhớ đệm " + Guid.NewGuid().ToString("N")[..6], provider = "Nhà cung cấp thử", category = "Accounting", programme = "SMEdx",
            defaultTrialDays = 30, priceAfterTrialVnd = 0,
        });
        Assert.Equal(HttpStatusCode.Created, platform.StatusCode);
        string enterprise;
        using (var db = app.OpenDatabase())
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = "SELECT Id FROM Enterprises WHERE IsDeleted = 0 ORDER BY TaxCode LIMIT 1";
            enterprise = (string)cmd.ExecuteScalar()!;
        }

        var start = VietnamTime.Today(app.Clock).AddDays(-5);
        var trial = await admin.PostAsJsonAsync("/api/trials", new
        {
            enterpriseId = Guid.Parse(enterprise), platformId = (await Body(platform)).GetProperty("id").GetGuid(), startDate = start, endDate = start.AddDays(30),
        });
        Assert.True(trial.StatusCode == HttpStatusCode.Created, await trial.Content.ReadAsStringAsync());
        var id = (await Body(trial)).GetProperty("id").GetGuid();
        Assert.True((await admin.PostAsync($"/api/trials/{id}/start", null)).IsSuccessStatusCode);

        // Primed: the facts are kept with the started trial.
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard");
        Assert.Equal(ActiveTrialsInDatabase(), before.GetProperty("activeTrials").GetInt32());

        // Completed at the same (fake) instant: no timestamp of the table moves, the count stays; the kept facts must still go.
        Assert.True((await admin.PostAsJsonAsync($"/api/trials/{id}/complete", new { outcome = "Adopted" })).IsSuccessStatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard");
        Assert.Equal(before.GetProperty("activeTrials").GetInt32() - 1, after.GetProperty("activeTrials").GetInt32());
        Assert.Equal(ActiveTrialsInDatabase(), after.GetProperty("activeTrials").GetInt32());
        var figures = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard/figures");
        Assert.Equal(ActiveTrialsInDatabase(),
            figures.GetProperty("trialsByOutcome").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "Active").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Cached_outreach_figures_follow_a_cancel_made_in_the_same_clock_tick()
    {
        var admin = await app.CreateAdminClientAsync();
        var name = "Bản tin bộ nhớ đệm " + Guid.NewGuid().ToString("N")[..6];
        var template = await admin.PostAsJsonAsync("/api/outreach/templates", new
        {
            name = "Mẫu: " + name, purpose = "Service", subjectTemplate = "{{ campaign.name }}", htmlTemplate = "<p>{{ recipient.name }}</p>",
            textTemplate = "{{ recipient.name }}",
        });
        Assert.Equal(HttpStatusCode.Created, template.StatusCode);
        var campaign = await admin.PostAsJsonAsync("/api/outreach/campaigns",
            new { name, purpose = "Service", templateId = (await Body(template)).GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        var campaignId = (await Body(campaign)).GetProperty("id").GetGuid();
        var send = await admin.PostAsync($"/api/outreach/campaigns/{campaignId}/send", null);
        Assert.True(send.IsSuccessStatusCode, await send.Content.ReadAsStringAsync());

        var upper = campaignId.ToString().ToUpperInvariant();
        async Task<JsonElement> Row() => (await admin.GetFromJsonAsync<JsonElement>("/api/reporting/reports/outreach-performance?columns=campaign,skipped,pending"))
            .GetProperty("rows").EnumerateArray().Single(r => r[0].GetString() == name);

        // Primed with the messages waiting.
        var before = await Row();
        var pending = app.Scalar($"SELECT COUNT(*) FROM OutboxMessages WHERE CampaignId = '{upper}' AND Status = 0");
        Assert.True(pending > 0, "the demo pilot contacts give recipients");
        Assert.Equal(pending, before[2].GetInt32());

        // Cancelled: one bulk UPDATE turns the waiting messages into skipped ones; no row is added and the clock stands still.
        var cancel = await admin.PostAsync($"/api/outreach/campaigns/{campaignId}/cancel", null);
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        var after = await Row();
        Assert.Equal(app.Scalar($"SELECT COUNT(*) FROM OutboxMessages WHERE CampaignId = '{upper}' AND Status = 4"), after[1].GetInt32());
        Assert.Equal(before[1].GetInt32() + pending, after[1].GetInt32());
        Assert.Equal(0, after[2].GetInt32());
    }

    [Fact]
    public void Trend_series_counts_equal_counting_the_enterprises_one_by_one()
    {
        var random = new Random(7);
        string[] cohorts = ["dot 1", "dot 2", "dot 3"];
        var wards = new[] { 4792, 4795, 4798, 4801 };
        T Pick<T>(T[] values) => values[random.Next(values.Length)];
        var enterprises = Enumerable.Range(0, 3000).Select(i => new EnterpriseFact(Guid.NewGuid(), i.ToString("D10", CultureInfo.InvariantCulture), "E" + i,
                Pick(wards), "", Pick(Enum.GetValues<EnterpriseSize>()), Pick(Enum.GetValues<LegalForm>()), null,
                Pick(Enum.GetValues<ProgrammeStatus>()), cohorts.Where(_ => random.Next(3) == 0).ToArray(), Pick(Enum.GetValues<EInvoiceStep>())))
            .ToList();
        var cases = Enumerable.Range(0, 2000).Select(_ => new CaseFact(random.Next(10) == 0 ? Guid.NewGuid() : enterprises[random.Next(enterprises.Count)].Id,
            CaseType.Other, Pick(Enum.GetValues<CaseStatus>()), false, false)).ToList();
        var series = TrendSeries.Build(enterprises, cases);
        Assert.True(series.GroupCount < enterprises.Count / 2, $"{series.GroupCount} groups");

        var filters = new List<ReportFilterDto> { new() };
        foreach (var w in wards.Take(2))
        {
            filters.Add(new ReportFilterDto { Commune = w });
            filters.Add(new ReportFilterDto { Commune = w, Size = "Micro", Cohort = "Đợt 2" });
        }

        filters.Add(new ReportFilterDto { Cohort = "ĐỢT 1" });
        filters.Add(new ReportFilterDto { Size = "Small", LegalForm = enterprises[0].LegalForm.ToString() });
        filters.Add(new ReportFilterDto { Commune = 1 });
        foreach (var f in filters)
        {
            var selected = ReportCatalog.Select(enterprises, f).ToList();
            var ids = selected.Select(e => e.Id).ToHashSet();
            var expected = (selected.Count(e => e.Step >= EInvoiceStep.FirstInvoiceIssued), cases.Count(c => ids.Contains(c.EnterpriseId) && c.Open));
            Assert.Equal(expected, series.Count(f));
        }
    }
}
