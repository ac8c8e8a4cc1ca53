using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;
using static SmeSupport.Cases.Tests.Api.CasesAppFactory;

namespace SmeSupport.Cases.Tests.Api;

/// <summary>
/// Case figures against hand-computed values. One week (Mon 17 – Fri 21 November 2025, no holiday) of five cases
/// worked on the settable clock, measured on Friday 21 at 10:00; a sixth case opened the week before stays out.
/// Working time: Mon–Fri 07:30–11:30 and 13:30–17:00. Targets (working minutes, first response / resolution):
/// Urgent 60/240, High 120/450, Normal 240/1350, Low 450/2250.
/// </summary>
public sealed class CaseFiguresApiTests(CasesAppFactory app) : IClassFixture<CasesAppFactory>
{
    private readonly Dictionary<string, string> _emails = [];

    /// <summary>Sets the clock and signs the user in again (tokens live one hour of the host's clock).</summary>
    private async Task<HttpClient> At(string local, string who)
    {
        app.SetVietnamTime(local);
        return await app.CreateClientAsync(_emails[who], SmeSupportAppFactory.UserPassword);
    }

    private static async Task<Guid> Open(HttpClient client, object body) =>
        (await Ok(await client.PostAsJsonAsync("/api/cases", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task Step(HttpClient client, Guid id, string step) => await Ok(await client.PostAsync($"/api/cases/{id}/{step}", null));

    private static async Task Reply(HttpClient client, Guid id) =>
        await Ok(await client.PostAsJsonAsync($"/api/cases/{id}/messages", new { body = "Chúng tôi đã nhận yêu cầu." }), HttpStatusCode.Created);

    [Fact]
    public async Task Figures_of_a_week_match_the_hand_computed_values()
    {
        var (e1, w1, e2, w2) = TwoEnterprisesOfTwoCommunes();
        app.SetVietnamTime("2025-11-14 08:00");
        var (a, _) = await app.UserAsync(SmeSupportAppFactory.Roles.Officer);
        var (b, _) = await app.UserAsync(SmeSupportAppFactory.Roles.Officer);
        _emails["A"] = Email(a);
        _emails["B"] = Email(b);
        _emails["E1"] = await app.CreateUserAsync(SmeSupportAppFactory.Roles.EnterpriseUser, e1);
        _emails["E2"] = await app.CreateUserAsync(SmeSupportAppFactory.Roles.EnterpriseUser, e2);

        // Case 0, the week before: outside the period.
        var c0 = await Open(await At("2025-11-14 08:00", "A"), new { enterpriseId = e1, subject = "Tuần trước", type = "Consultation", channel = "Phone", assigneeId = a });

        // Case 1 (Consultation, Normal, E1, A): reply 09:00 → 60 min; resolved 14:00 → 210 + 30 = 240 min; rated 5.
        var c1 = await Open(await At("2025-11-17 08:00", "A"), new { enterpriseId = e1, subject = "Tư vấn 1", type = "Consultation", channel = "Phone", assigneeId = a });
        var officer = await At("2025-11-17 09:00", "A");
        await Reply(officer, c1);
        await Step(officer, c1, "start");

        // Case 2 (Consultation, High, E2, B): no reply; resolved Tue 10:00 → 90 + 210 + 150 = 450 min, which is the first
        // response too (450 > 120: missed) and exactly the resolution target (met); rated 2.
        var c2 = await Open(await At("2025-11-17 10:00", "B"), new { enterpriseId = e2, subject = "Tư vấn 2", type = "Consultation", channel = "Email", priority = "High", assigneeId = b });
        await Step(await At("2025-11-17 14:00", "A"), c1, "resolve");
        await Ok(await (await At("2025-11-17 14:05", "E1")).PostAsJsonAsync($"/api/portal/cases/{c1}/rating", new { rating = 5 }));
        officer = await At("2025-11-18 10:00", "B");
        await Step(officer, c2, "start");
        await Step(officer, c2, "resolve");
        await Ok(await (await At("2025-11-18 10:05", "E2")).PostAsJsonAsync($"/api/portal/cases/{c2}/rating", new { rating = 2 }));

        // Case 3 (TechnicalProblem, Urgent, E1, A): opened Tue 16:00, reply Wed 08:00 → 60 + 30 = 90 min (missed);
        // still in progress on Friday 10:00 after 60 + 450 + 450 + 150 = 1110 min > 240: overdue.
        var c3 = await Open(await At("2025-11-18 16:00", "A"), new { enterpriseId = e1, subject = "Lỗi 3", type = "TechnicalProblem", channel = "Phone", priority = "Urgent", assigneeId = a });

        // Case 5 (Consultation, Low, E2, B): opened Wed 07:30, reply 08:30 → 60 min; waits for the enterprise 09:30 → Thu 07:30
        // (paused); resolved Thu 09:00 → 120 + 90 = 210 min; closed.
        var c5 = await Open(await At("2025-11-19 07:30", "B"), new { enterpriseId = e2, subject = "Tư vấn 5", type = "Consultation", channel = "Visit", priority = "Low", assigneeId = b });
        officer = await At("2025-11-19 08:00", "A");
        await Reply(officer, c3);
        await Step(officer, c3, "start");
        officer = await At("2025-11-19 08:30", "B");
        await Reply(officer, c5);
        await Step(officer, c5, "start");
        await Step(await At("2025-11-19 09:30", "B"), c5, "wait-for-enterprise");
        await Step(await At("2025-11-20 07:30", "B"), c5, "resume");
        await Step(await At("2025-11-20 09:00", "B"), c5, "resolve");
        await Step(await At("2025-11-20 10:00", "B"), c5, "close");

        // Case 4 (TechnicalProblem, Normal, E2, nobody): opened Fri 09:00; at 10:00 60 of 240 minutes ran: pending, not overdue.
        await Open(await At("2025-11-21 09:00", "A"), new { enterpriseId = e2, subject = "Lỗi 4", type = "TechnicalProblem", channel = "Email" });

        var client = await At("2025-11-21 10:00", "A");
        var byType = await Ok(await client.GetAsync("/api/cases/figures?from=2025-11-17&to=2025-11-21&groupBy=type"));
        Assert.Equal("2025-11-17", byType.GetProperty("from").GetString());
        Assert.Equal("Type", byType.GetProperty("groupBy").GetString());

        // Total: FR decided for 1, 2, 3, 5 (met 1, 5); resolution decided for 1, 2, 5 (met) and 3 (breached).
        // Median FR of 60, 60, 90, 450 = 75; median resolution of 210, 240, 450 = 240; ratings 5 and 2.
        AssertRow(byType.GetProperty("total"), cases: 5, open: 2, overdue: 1, frMeasured: 4, frMet: 2, frCompliance: 0.5, resMeasured: 4, resMet: 3,
            resCompliance: 0.75, medianFr: 75, medianRes: 240, rating: 3.5, ratings: 2);
        var types = Groups(byType);
        Assert.Equal(["Consultation", "TechnicalProblem"], types.Keys.ToList());
        AssertRow(types["Consultation"], cases: 3, open: 0, overdue: 0, frMeasured: 3, frMet: 2, frCompliance: 0.6667, resMeasured: 3, resMet: 3,
            resCompliance: 1, medianFr: 60, medianRes: 240, rating: 3.5, ratings: 2);
        AssertRow(types["TechnicalProblem"], cases: 2, open: 2, overdue: 1, frMeasured: 1, frMet: 0, frCompliance: 0, resMeasured: 1, resMet: 0,
            resCompliance: 0, medianFr: 90, medianRes: null, rating: null, ratings: 0);

        var byOfficer = Groups(await Ok(await client.GetAsync("/api/cases/figures?from=2025-11-17&to=2025-11-21&groupBy=officer")));
        Assert.Equal(3, byOfficer.Count);
        AssertRow(byOfficer[a.ToString()], cases: 2, open: 1, overdue: 1, frMeasured: 2, frMet: 1, frCompliance: 0.5, resMeasured: 2, resMet: 1,
            resCompliance: 0.5, medianFr: 75, medianRes: 240, rating: 5, ratings: 1);
        // B: FR 450 and 60 → 255; resolution 450 and 210 → 330.
        AssertRow(byOfficer[b.ToString()], cases: 2, open: 0, overdue: 0, frMeasured: 2, frMet: 1, frCompliance: 0.5, resMeasured: 2, resMet: 2,
            resCompliance: 1, medianFr: 255, medianRes: 330, rating: 2, ratings: 1);
        AssertRow(byOfficer[""], cases: 1, open: 1, overdue: 0, frMeasured: 0, frMet: 0, frCompliance: null, resMeasured: 0, resMet: 0,
            resCompliance: null, medianFr: null, medianRes: null, rating: null, ratings: 0);

        var byCommune = await Ok(await client.GetAsync("/api/cases/figures?from=2025-11-17&to=2025-11-21&groupBy=commune"));
        var communes = Groups(byCommune);
        Assert.Equal([w2.ToString(), w1.ToString()], communes.Keys.ToList()); // most cases first
        Assert.All(byCommune.GetProperty("groups").EnumerateArray(), g => Assert.False(string.IsNullOrEmpty(g.GetProperty("label").GetString())));
        AssertRow(communes[w1.ToString()], cases: 2, open: 1, overdue: 1, frMeasured: 2, frMet: 1, frCompliance: 0.5, resMeasured: 2, resMet: 1,
            resCompliance: 0.5, medianFr: 75, medianRes: 240, rating: 5, ratings: 1);
        AssertRow(communes[w2.ToString()], cases: 3, open: 1, overdue: 0, frMeasured: 2, frMet: 1, frCompliance: 0.5, resMeasured: 2, resMet: 2,
            resCompliance: 1, medianFr: 255, medianRes: 330, rating: 2, ratings: 1);

        // The period narrows: Wednesday–Friday holds cases 5 and 4 only.
        var late = await Ok(await client.GetAsync("/api/cases/figures?from=2025-11-19&to=2025-11-21"));
        AssertRow(late.GetProperty("total"), cases: 2, open: 1, overdue: 0, frMeasured: 1, frMet: 1, frCompliance: 1, resMeasured: 1, resMet: 1,
            resCompliance: 1, medianFr: 60, medianRes: 210, rating: null, ratings: 0);

        // The overdue filter of the list agrees (with case 0 too, unanswered since the week before), newest first.
        var overdue = await Ok(await client.GetAsync($"/api/cases?overdue=true&assigneeId={a}"));
        Assert.Equal([c3, c0], overdue.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        // Bad queries.
        await Problem(await client.GetAsync("/api/cases/figures?from=2025-11-22&to=2025-11-21"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "from");
        await Problem(await client.GetAsync("/api/cases/figures?from=2015-01-01&to=2025-11-21"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "from");
        await Problem(await client.GetAsync("/api/cases/figures?groupBy=weather"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "groupBy");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/cases/figures?from=yesterday")).StatusCode);
    }

    private static Dictionary<string, JsonElement> Groups(JsonElement figures) =>
        figures.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString() ?? "", g => g);

    private static void AssertRow(JsonElement row, int cases, int open, int overdue, int frMeasured, int frMet, double? frCompliance, int resMeasured,
        int resMet, double? resCompliance, double? medianFr, double? medianRes, double? rating, int ratings)
    {
        Assert.Equal(cases, row.GetProperty("cases").GetInt32());
        Assert.Equal(open, row.GetProperty("open").GetInt32());
        Assert.Equal(overdue, row.GetProperty("overdue").GetInt32());
        Assert.Equal(frMeasured, row.GetProperty("firstResponseMeasured").GetInt32());
        Assert.Equal(frMet, row.GetProperty("firstResponseMet").GetInt32());
        Assert.Equal(frCompliance, Number(row, "firstResponseCompliance"));
        Assert.Equal(resMeasured, row.GetProperty("resolutionMeasured").GetInt32());
        Assert.Equal(resMet, row.GetProperty("resolutionMet").GetInt32());
        Assert.Equal(resCompliance, Number(row, "resolutionCompliance"));
        Assert.Equal(medianFr, Number(row, "medianFirstResponseMinutes"));
        Assert.Equal(medianRes, Number(row, "medianResolutionMinutes"));
        Assert.Equal(rating, Number(row, "averageRating"));
        Assert.Equal(ratings, row.GetProperty("ratings").GetInt32());
    }

    private static double? Number(JsonElement row, string name) =>
        row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDouble();

    private string Email(Guid userId)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT Email FROM AspNetUsers WHERE Id = '{Sql(userId)}'";
        return (string)cmd.ExecuteScalar()!;
    }

    private (Guid E1, int W1, Guid E2, int W2) TwoEnterprisesOfTwoCommunes()
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Id, WardCode FROM Enterprises WHERE IsDeleted = 0 ORDER BY Id";
        using var reader = cmd.ExecuteReader();
        var rows = new List<(Guid Id, int Ward)>();
        while (reader.Read())
        {
            rows.Add((Guid.Parse(reader.GetString(0)), reader.GetInt32(1)));
        }

        var first = rows[0];
        var second = rows.First(r => r.Ward != first.Ward);
        return (first.Id, first.Ward, second.Id, second.Ward);
    }
}
