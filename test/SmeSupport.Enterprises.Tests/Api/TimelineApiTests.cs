using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>A factory whose clock the test moves, so every event of the timeline has its own minute.</summary>
public sealed class TimelineAppFactory : SmeSupportAppFactory
{
    /// <inheritdoc />
    protected override bool UseFakeClock => true;
}

/// <summary>
/// <c>GET /api/enterprises/{id}/timeline</c>: events from every module (changes with old → new, consents, trials, e-invoice
/// steps, cases, e-mails), newest first, paged; internal case notes never appear; staff only.
/// </summary>
public sealed class TimelineApiTests(TimelineAppFactory app) : IClassFixture<TimelineAppFactory>
{
    private const string SecretNote = "GHI-CHU-NOI-BO: khách hàng nợ thuế, không nói với doanh nghiệp";
    private const string PublicReply = "Chúng tôi đã gửi hướng dẫn cài đặt.";

    private void Tick() => app.Clock.Advance(TimeSpan.FromMinutes(1));

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Timeline_shows_every_module_newest_first_without_internal_notes()
    {
        var admin = await app.CreateAdminClientAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>($"/api/identity/users?q={SmeSupportAppFactory.AdminEmail}"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();

        var id = await TestData.CreateEnterpriseAsync(admin, name: "Công ty TNHH Dòng Thời Gian");
        Tick();
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        var update = JsonSerializer.Deserialize<Dictionary<string, object?>>(read.GetRawText())!;
        update["name"] = "Công ty TNHH Dòng Thời Gian Mới";
        update["employees"] = 12;
        await Ok(await admin.PutAsJsonAsync($"/api/enterprises/{id}", update));
        Tick();

        var contact = await Ok(await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts",
            new { fullName = "Lê Thị Mốc", email = "moc@example.vn", mobile = "0912345678" }), HttpStatusCode.Created);
        var contactId = contact.GetProperty("id").GetGuid();
        Tick();
        await Ok(await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts/{contactId}/consents", new { purpose = "Advertising", via = "Phone" }));
        Tick();
        await Ok(await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts/{contactId}/consents/Advertising/withdraw", new { via = "Email" }));
        Tick();

        var platform = (await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms"))[0];
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(7).DateTime);
        var trial = await Ok(await admin.PostAsJsonAsync("/api/trials", new
        {
            enterpriseId = id,
            platformId = platform.GetProperty("id").GetGuid(),
            startDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            endDate = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }), HttpStatusCode.Created);
        var trialId = trial.GetProperty("id").GetGuid();
        Tick();
        await Ok(await admin.PostAsync($"/api/trials/{trialId}/start", null));
        Tick();
        await Ok(await admin.PostAsJsonAsync($"/api/trials/{trialId}/check-ins",
            new { date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), usageLevel = "High", satisfaction = 4 }), HttpStatusCode.Created);
        Tick();

        await Ok(await admin.PostAsJsonAsync($"/api/einvoicing/adoptions/{id}/steps", new
        {
            step = "RegistrationSubmitted", date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), source = "Officer",
        }), HttpStatusCode.Created);
        Tick();

        var supportCase = await Ok(await admin.PostAsJsonAsync("/api/cases", new
        {
            enterpriseId = id, subject = "Cài đặt phần mềm hóa đơn", type = "EInvoiceHelp", channel = "Phone", priority = "Normal", assigneeId = adminId,
        }), HttpStatusCode.Created);
        var caseId = supportCase.GetProperty("id").GetGuid();
        Tick();
        await Ok(await admin.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { body = SecretNote, isInternal = true }), HttpStatusCode.Created);
        Tick();
        await Ok(await admin.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { body = PublicReply, isInternal = false }), HttpStatusCode.Created);
        Tick();
        await Ok(await admin.PostAsync($"/api/cases/{caseId}/start", null));
        Tick();
        await Ok(await admin.PostAsync($"/api/cases/{caseId}/resolve", null));
        Tick();

        // An outreach e-mail sent to the contact (a row of the Outreach outbox, as the dispatcher leaves it).
        var sentAt = app.Clock.GetUtcNow();
        InsertSentEmail(contactId, "Mời tham gia hội thảo chuyển đổi số", sentAt);

        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline?pageSize=100");
        var items = timeline.GetProperty("items").EnumerateArray().ToList();
        var raw = timeline.GetRawText();

        // Newest first.
        var times = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t).ToList(), times);
        Assert.False(timeline.GetProperty("hasMore").GetBoolean());

        var kinds = items.Select(i => i.GetProperty("kind").GetString()).ToList();
        Assert.Equal(
        [
            "Email.Sent", "Case.Resolved", "Case.StatusChanged", "Case.StatusChanged", "Case.Opened", "EInvoice.Step", "Trial.CheckIn", "Trial.Started",
            "Trial.Assigned", "Consent.Withdrawn", "Consent.Granted", "Audit.Created", "Audit.Updated", "Audit.Created",
        ], kinds);

        // The e-mail, first.
        Assert.Equal("Mời tham gia hội thảo chuyển đổi số", items[0].GetProperty("subject").GetString());
        Assert.Equal("Email", items[0].GetProperty("category").GetString());

        // The change of the enterprise: who, old → new.
        var change = items.Single(i => i.GetProperty("kind").GetString() == "Audit.Updated" && i.GetProperty("subject").GetString() == "Enterprise");
        Assert.Equal(SmeSupportAppFactory.AdminEmail, change.GetProperty("actorName").GetString());
        var name = change.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "Name");
        Assert.Equal("Công ty TNHH Dòng Thời Gian", name.GetProperty("old").GetString());
        Assert.Equal("Công ty TNHH Dòng Thời Gian Mới", name.GetProperty("new").GetString());
        var employees = change.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "Employees");
        Assert.Equal("5", employees.GetProperty("old").GetString());
        Assert.Equal("12", employees.GetProperty("new").GetString());
        // Derived search columns are not shown as changes.
        Assert.DoesNotContain(change.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "SearchText");

        var withdrawn = items.Single(i => i.GetProperty("kind").GetString() == "Consent.Withdrawn");
        Assert.Equal("Advertising", withdrawn.GetProperty("status").GetString());
        Assert.Equal("Lê Thị Mốc", withdrawn.GetProperty("subject").GetString());
        Assert.Equal("Email", withdrawn.GetProperty("detail").GetString());

        Assert.Equal(platform.GetProperty("name").GetString(), items.Single(i => i.GetProperty("kind").GetString() == "Trial.Assigned").GetProperty("subject").GetString());
        Assert.Equal("RegistrationSubmitted", items.Single(i => i.GetProperty("kind").GetString() == "EInvoice.Step").GetProperty("status").GetString());
        Assert.Equal("Cài đặt phần mềm hóa đơn", items.Single(i => i.GetProperty("kind").GetString() == "Case.Resolved").GetProperty("subject").GetString());
        Assert.Equal(adminId, items.Single(i => i.GetProperty("kind").GetString() == "Case.Resolved").GetProperty("actorId").GetGuid());

        // Internal notes (and message texts) never appear.
        Assert.DoesNotContain("GHI-CHU-NOI-BO", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(PublicReply, raw, StringComparison.Ordinal);

        // The batch activity probes (used before an import is reverted) see the same events at the same times.
        await AssertProbesAgreeWithSourcesAsync(id);

        // Paging: 5 per page, page 2 continues where page 1 stopped.
        var page1 = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline?page=1&pageSize=5");
        var page2 = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline?page=2&pageSize=5");
        Assert.True(page1.GetProperty("hasMore").GetBoolean());
        Assert.Equal(kinds.Take(5), page1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(kinds.Skip(5).Take(5), page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Timeline_shows_enum_changes_as_localized_names_vietnamese_by_default_english_on_request()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin, name: "Công ty TNHH Đổi Loại Hình");
        Tick();
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        var update = JsonSerializer.Deserialize<Dictionary<string, object?>>(read.GetRawText())!;
        update["legalForm"] = "JointStockCompany";
        update["programmeStatus"] = "Pilot";
        update["employees"] = 30; // trade (VSIC 4711), 2 bn revenue: 5 employees is Micro, 30 is Small (Decree 80/2021)
        await Ok(await admin.PutAsJsonAsync($"/api/enterprises/{id}", update));

        static Dictionary<string, (string? Old, string? New)> Changes(JsonElement timeline) =>
            timeline.GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("kind").GetString() == "Audit.Updated" && i.GetProperty("subject").GetString() == "Enterprise")
                .GetProperty("changes").EnumerateArray()
                .ToDictionary(c => c.GetProperty("field").GetString()!, c => (c.GetProperty("old").GetString(), c.GetProperty("new").GetString()));

        var vi = Changes(await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline"));
        Assert.Equal(("Công ty TNHH một thành viên", "Công ty cổ phần"), vi["LegalForm"]);
        Assert.Equal(("Tiềm năng", "Thí điểm"), vi["ProgrammeStatus"]);
        Assert.Equal(("Siêu nhỏ", "Nhỏ"), vi["Size"]);
        Assert.Equal(("5", "30"), vi["Employees"]); // numbers that are not enums stay numbers

        var en = Changes(await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline?culture=en"));
        Assert.Equal(("Single-member limited liability company", "Joint-stock company"), en["LegalForm"]);
        Assert.Equal(("Prospect", "Pilot"), en["ProgrammeStatus"]);
        Assert.Equal(("Micro", "Small"), en["Size"]);

        // The creation lists the values it set, named the same way.
        var created = (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline?culture=en")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("kind").GetString() == "Audit.Created" && i.GetProperty("subject").GetString() == "Enterprise");
        Assert.Contains(created.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "LegalForm"
            && c.GetProperty("new").GetString() == "Single-member limited liability company");
    }

    [Fact]
    public async Task Timeline_shows_field_labels_place_names_money_and_dates_in_the_reader_language()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin, name: "Công ty TNHH Đổi Địa Chỉ");
        Tick();
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        var update = JsonSerializer.Deserialize<Dictionary<string, object?>>(read.GetRawText())!;
        update["wardCode"] = 7900;
        update["annualRevenueVnd"] = 5_000_000_000m;
        await Ok(await admin.PutAsJsonAsync($"/api/enterprises/{id}", update));
        Tick();
        await Ok(await admin.PostAsJsonAsync($"/api/enterprises/{id}/assessments", new
        {
            assessedOn = "2026-05-04", assessor = "Sở KH&CN", customerExperience = 2, strategy = 2, infrastructureAndTechnology = 2,
            operations = 2, organisationalCulture = 2, dataAndInformationAssets = 2, overallLevel = 2,
        }), HttpStatusCode.Created);
        var tanHoa = Scalar($"SELECT Name FROM Wards WHERE Code = {TestData.TanHoaWard}");
        var vietTri = Scalar("SELECT Name FROM Wards WHERE Code = 7900");
        var province = Scalar($"SELECT p.Name FROM Provinces p JOIN Wards w ON w.ProvinceCode = p.Code WHERE w.Code = {TestData.TanHoaWard}");

        static Dictionary<string, (string? Label, string? Old, string? New)> Changes(JsonElement timeline, string kind, string subject) =>
            timeline.GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("kind").GetString() == kind && i.GetProperty("subject").GetString() == subject)
                .GetProperty("changes").EnumerateArray()
                .ToDictionary(c => c.GetProperty("field").GetString()!,
                    c => (c.GetProperty("label").GetString(), c.GetProperty("old").GetString(), c.GetProperty("new").GetString()));

        var vi = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline");
        var updated = Changes(vi, "Audit.Updated", "Enterprise");
        Assert.Equal(("Xã/phường", tanHoa, vietTri), updated["WardCode"]);
        Assert.Equal(("Doanh thu năm", "2.000.000.000 ₫", "5.000.000.000 ₫"), updated["AnnualRevenueVnd"]);
        var created = Changes(vi, "Audit.Created", "Enterprise");
        Assert.Equal(("Tỉnh/thành phố", null, province), created["ProvinceCode"]);
        Assert.Equal(("Vốn", null, "1.000.000.000 ₫"), created["CapitalVnd"]);
        Assert.Equal(("Số lao động", null, "5"), created["Employees"]);
        var assessed = Changes(vi, "Audit.Created", "MaturityAssessment");
        Assert.Equal(("Ngày đánh giá", null, "04/05/2026"), assessed["AssessedOn"]);

        var en = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline?culture=en");
        var updatedEn = Changes(en, "Audit.Updated", "Enterprise");
        Assert.Equal(("Commune/ward", tanHoa, vietTri), updatedEn["WardCode"]);
        Assert.Equal(("Annual revenue", "2,000,000,000 ₫", "5,000,000,000 ₫"), updatedEn["AnnualRevenueVnd"]);
        Assert.Equal("Assessed on", Changes(en, "Audit.Created", "MaturityAssessment")["AssessedOn"].Label);
        Assert.DoesNotContain(updatedEn.Values, c => c.New is { } v && (v.EndsWith(".0", StringComparison.Ordinal) || v == "7900"));
    }

    [Fact]
    public async Task Timeline_shows_cohorts_joined_and_left_and_assessments_with_actor_newest_first_in_the_reader_language()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin, name: "Công ty TNHH Đợt Thí Điểm");
        Tick();
        var joined = await Ok(await admin.PostAsJsonAsync($"/api/enterprises/{id}/cohorts", new { name = "Đợt 1 - 2025", joinedOn = "2025-08-01" }),
            HttpStatusCode.Created);
        var joinedAt = app.Clock.GetUtcNow();
        Tick();
        await Ok(await admin.PostAsJsonAsync($"/api/enterprises/{id}/assessments", new
        {
            assessedOn = "2025-09-15", assessor = "Sở KH&CN", customerExperience = 3, strategy = 2, infrastructureAndTechnology = 3,
            operations = 2, organisationalCulture = 2, dataAndInformationAssets = 3, overallLevel = 3,
        }), HttpStatusCode.Created);
        Tick();
        var membershipId = joined.GetProperty("id").GetGuid();
        await Ok(await admin.DeleteAsync($"/api/enterprises/{id}/cohorts/{membershipId}"), HttpStatusCode.NoContent);
        var leftAt = app.Clock.GetUtcNow();
        Tick();
        // Leaving keeps the history and allows joining the same cohort again.
        await Ok(await admin.PostAsJsonAsync($"/api/enterprises/{id}/cohorts", new { name = "Đợt 1 - 2025", joinedOn = "2026-01-05" }),
            HttpStatusCode.Created);

        var vi = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline");
        var items = vi.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Cohort.Joined", "Cohort.Left", "Audit.Created", "Cohort.Joined", "Audit.Created"],
            items.Select(i => i.GetProperty("kind").GetString()).ToList());
        Assert.Equal(["Đợt 1 - 2025", "Đợt 1 - 2025", "MaturityAssessment", "Đợt 1 - 2025", "Enterprise"],
            items.Select(i => i.GetProperty("subject").GetString()).ToList());
        Assert.All(items, i => Assert.Equal(SmeSupportAppFactory.AdminEmail, i.GetProperty("actorName").GetString()));
        Assert.All(items, i => Assert.Equal("Change", i.GetProperty("category").GetString()));

        static Dictionary<string, (string? Label, string? Old, string? New)> Fields(JsonElement item) =>
            item.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!,
                c => (c.GetProperty("label").GetString(), c.GetProperty("old").GetString(), c.GetProperty("new").GetString()));

        var left = items[1];
        Assert.InRange(left.GetProperty("at").GetDateTimeOffset(), leftAt.AddMilliseconds(-1), leftAt); // stored to the millisecond
        Assert.Equal(membershipId, left.GetProperty("referenceId").GetGuid());
        Assert.Equal(new Dictionary<string, (string?, string?, string?)>
        {
            ["CohortName"] = ("Đợt thí điểm", "Đợt 1 - 2025", null),
            ["JoinedOn"] = ("Ngày tham gia", "01/08/2025", null),
        }, Fields(left));
        var first = items[3];
        Assert.InRange(first.GetProperty("at").GetDateTimeOffset(), joinedAt.AddMilliseconds(-1), joinedAt);
        Assert.Equal(new Dictionary<string, (string?, string?, string?)>
        {
            ["CohortName"] = ("Đợt thí điểm", null, "Đợt 1 - 2025"),
            ["JoinedOn"] = ("Ngày tham gia", null, "01/08/2025"),
        }, Fields(first));
        Assert.Equal(("Ngày tham gia", null, "05/01/2026"), Fields(items[0])["JoinedOn"]);
        var assessment = Fields(items[2]);
        Assert.Equal(("Mức tổng thể", null, "3"), assessment["OverallLevel"]);
        Assert.Equal(("Ngày đánh giá", null, "15/09/2025"), assessment["AssessedOn"]);

        var en = (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline?culture=en")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(("Pilot cohort", "Đợt 1 - 2025", null), Fields(en[1])["CohortName"]);
        Assert.Equal(("Joined on", "8/1/2025", null), Fields(en[1])["JoinedOn"]);
        Assert.Equal(("Joined on", null, "8/1/2025"), Fields(en[3])["JoinedOn"]);
        Assert.Equal(("Overall level", null, "3"), Fields(en[2])["OverallLevel"]);

        await AssertProbesAgreeWithSourcesAsync(id);

        // The enterprise's own data shows only the current membership.
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        var cohort = Assert.Single(read.GetProperty("cohorts").EnumerateArray());
        Assert.Equal("2026-01-05", cohort.GetProperty("joinedOn").GetString());
    }

    /// <summary>
    /// For every module, its <see cref="IEnterpriseActivityProbe"/> asked about the enterprise (among unrelated ids) since just before each
    /// of its events, and since the last one, answers the latest of that module's timeline events after that moment, or nothing.
    /// </summary>
    private async Task AssertProbesAgreeWithSourcesAsync(Guid enterpriseId)
    {
        using var scope = app.Services.CreateScope();
        var contacts = new Dictionary<Guid, Guid>();
        using (var connection = app.OpenDatabase())
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT Id FROM Contacts WHERE upper(EnterpriseId) = '{enterpriseId.ToString().ToUpperInvariant()}'";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                contacts[Guid.Parse(reader.GetString(0))] = enterpriseId;
            }
        }

        var others = Enumerable.Range(0, 1200).Select(_ => Guid.NewGuid()).ToList();
        var ids = others.Take(700).Append(enterpriseId).Concat(others.Skip(700)).ToList();
        var sources = scope.ServiceProvider.GetServices<IEnterpriseTimelineSource>().ToList();
        var probes = scope.ServiceProvider.GetServices<IEnterpriseActivityProbe>().ToDictionary(p => p.GetType());
        Assert.Equal(5, sources.Count);
        var seen = 0;
        foreach (var source in sources)
        {
            var events = await source.GetEventsAsync(new EnterpriseTimelineQuery(enterpriseId, contacts.Keys.ToList(), 1000));
            var probe = probes[source.GetType()];
            var moments = events.Select(e => e.At.AddTicks(-1)).Append(events.Count == 0 ? DateTimeOffset.MinValue : events.Max(e => e.At)).Distinct();
            foreach (var since in moments)
            {
                var expected = events.Where(e => e.At > since).Select(e => (DateTimeOffset?)e.At).Max();
                var answer = await probe.GetLatestActivityAsync(new EnterpriseActivityQuery(ids, contacts, since));
                Assert.True(answer.Keys.All(k => k == enterpriseId), source.GetType().Name);
                Assert.Equal(expected, answer.TryGetValue(enterpriseId, out var at) ? at : null);
                seen += expected is null ? 0 : 1;
            }
        }

        Assert.True(seen > 0);
    }

    private string Scalar(string sql)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar()!.ToString()!;
    }

    [Fact]
    public async Task Timeline_answers_404_400_and_403()
    {
        var admin = await app.CreateAdminClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/enterprises/{Guid.NewGuid()}/timeline")).StatusCode);
        var id = await TestData.CreateEnterpriseAsync(admin);

        var bad = await admin.GetAsync($"/api/enterprises/{id}/timeline?pageSize=1000&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Json()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("pageSize", out _));
        Assert.True(errors.TryGetProperty("page", out _));

        // An enterprise user does not read timelines, not even its own.
        var own = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId: id);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync($"/api/enterprises/{id}/timeline")).StatusCode);

        // A deleted enterprise keeps its history, with the deletion in it.
        Tick();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enterprises/{id}")).StatusCode);
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline");
        Assert.Equal("Audit.Deleted", timeline.GetProperty("items")[0].GetProperty("kind").GetString());
        Tick();
        await Ok(await admin.PostAsync($"/api/enterprises/{id}/restore", null));
        timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}/timeline");
        Assert.Equal("Audit.Restored", timeline.GetProperty("items")[0].GetProperty("kind").GetString());
    }

    private void InsertSentEmail(Guid contactId, string subject, DateTimeOffset sentAt)
    {
        var converter = new DateTimeOffsetToBinaryConverter();
        var at = (long)converter.ConvertToProvider(sentAt)!;
        using var connection = app.OpenDatabase();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = OFF";
        pragma.ExecuteNonQuery();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO OutboxMessages (Id, RunId, CampaignId, ContactId, Purpose, Email, AddressKey, RecipientName, Subject, HtmlBody, TextBody,
                UnsubscribeUrl, Status, Attempts, NextAttemptAt, SentAt, CreatedAt)
            VALUES ($id, $run, $campaign, $contact, 1, 'moc@example.vn', 'moc@example.vn', 'Lê Thị Mốc', $subject, '<p>x</p>', 'x',
                'http://localhost/unsubscribe', 2, 1, $at, $at, $created)
            """;
        cmd.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
        cmd.Parameters.AddWithValue("$run", Guid.NewGuid().ToString().ToUpperInvariant());
        cmd.Parameters.AddWithValue("$campaign", Guid.NewGuid().ToString().ToUpperInvariant());
        cmd.Parameters.AddWithValue("$contact", contactId.ToString().ToUpperInvariant());
        cmd.Parameters.AddWithValue("$subject", subject);
        cmd.Parameters.AddWithValue("$at", at);
        cmd.Parameters.AddWithValue("$created", (long)converter.ConvertToProvider(sentAt.AddMinutes(-1))!);
        cmd.ExecuteNonQuery();
    }
}
