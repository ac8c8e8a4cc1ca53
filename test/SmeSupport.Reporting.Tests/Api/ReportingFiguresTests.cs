using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.Domain;
using SmeSupport.Reporting.Contracts;
using SmeSupport.TestBase;
using SmeSupport.Timing;

namespace SmeSupport.Reporting.Tests.Api;

/// <summary>
/// Figures the reports and the dashboard show, on data the tests build themselves (so every expected value is counted by hand):
/// the pilot's e-invoice share, trial conversion without completed trials, localized labels, paging, outreach delivery figures,
/// agreement with the Cases module's own figures, and denied partner attempts in the access log.
/// </summary>
public sealed class ReportingFiguresTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private const int TanHoaWard = 4792;

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static string NewTaxCode()
    {
        while (true)
        {
            var nine = "25" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
            if (nine[2..] != "0000000" && TaxCode.ComputeCheckDigit(nine) is { } check)
            {
                return nine + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private static async Task<Guid> CreateEnterpriseAsync(HttpClient staff, string programmeStatus, string legalForm = "SingleMemberLlc")
    {
        var r = await staff.PostAsJsonAsync("/api/enterprises", new
        {
            taxCode = NewTaxCode(), name = "Công ty Thử nghiệm Báo cáo " + Guid.NewGuid().ToString("N")[..6], legalForm, industryCode = "4711",
            employees = 5, annualRevenueVnd = 2_000_000_000m, capitalVnd = 1_000_000_000m, wardCode = TanHoaWard, programmeStatus,
        });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await Body(r)).GetProperty("id").GetGuid();
    }

    private async Task StepsAsync(HttpClient staff, Guid enterprise, params string[] steps)
    {
        var date = VietnamTime.Today(app.Clock).AddDays(-30);
        foreach (var step in steps)
        {
            var r = await staff.PostAsJsonAsync($"/api/einvoicing/adoptions/{enterprise}/steps", new { step, date, source = "Officer" });
            Assert.True(r.IsSuccessStatusCode, step + ": " + await r.Content.ReadAsStringAsync());
            date = date.AddDays(3);
        }
    }

    [Fact]
    public async Task Dashboard_issuing_share_divides_by_the_pilot_enterprises_against_the_100_percent_target()
    {
        var admin = await app.CreateAdminClientAsync();
        var cohort = "Đợt kiểm tra " + Guid.NewGuid().ToString("N")[..6];

        // Three pilot enterprises (one issuing, one accepted, one not registered) and one prospect that issues.
        var pilotIssuing = await CreateEnterpriseAsync(admin, "Pilot");
        var pilotAccepted = await CreateEnterpriseAsync(admin, "Pilot");
        var pilotNothing = await CreateEnterpriseAsync(admin, "Pilot");
        var prospectIssuing = await CreateEnterpriseAsync(admin, "Prospect");
        foreach (var id in new[] { pilotIssuing, pilotAccepted, pilotNothing, prospectIssuing })
        {
            var r = await admin.PostAsJsonAsync($"/api/enterprises/{id}/cohorts", new { name = cohort, joinedOn = VietnamTime.Today(app.Clock).AddDays(-60) });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }

        await StepsAsync(admin, pilotIssuing, "RegistrationSubmitted", "Accepted", "FirstInvoiceIssued");
        await StepsAsync(admin, pilotAccepted, "RegistrationSubmitted", "Accepted");
        await StepsAsync(admin, prospectIssuing, "RegistrationSubmitted", "Accepted", "FirstInvoiceIssued");

        var d = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/dashboard/figures?cohort={Uri.EscapeDataString(cohort)}");
        Assert.Equal(4, d.GetProperty("enterprises").GetInt32());
        Assert.Equal(3, d.GetProperty("pilotEnterprises").GetInt32());
        // 1 issuing of 3 pilot enterprises = 0.3333 (all enterprises would have given 2 / 4 = 0.5).
        Assert.Equal(0.3333, d.GetProperty("issuingShare").GetDouble());
        var funnel = d.GetProperty("funnel").EnumerateArray().Select(p => (p.GetProperty("key").GetString(), p.GetProperty("value").GetInt32())).ToArray();
        Assert.Equal([("Enterprises", 3), ("RegistrationSubmitted", 2), ("Accepted", 2), ("FirstInvoiceIssued", 1), ("IssuingRegularly", 0)], funnel);
        var byStatus = d.GetProperty("byStatus").EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!, p => p);
        Assert.Equal(3, byStatus["Pilot"].GetProperty("value").GetInt32());
        Assert.Equal(1, byStatus["Prospect"].GetProperty("value").GetInt32());

        // Labels are Vietnamese by default, English with ?culture=en; keys stay.
        Assert.Equal("Thí điểm", byStatus["Pilot"].GetProperty("label").GetString());
        Assert.Equal("Doanh nghiệp thí điểm", d.GetProperty("funnel")[0].GetProperty("label").GetString());
        var en = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/dashboard/figures?cohort={Uri.EscapeDataString(cohort)}&culture=en&ui-culture=en");
        Assert.Equal("Pilot", en.GetProperty("byStatus").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "Pilot").GetProperty("label").GetString());
        Assert.Equal("Prospect", en.GetProperty("byStatus").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "Prospect").GetProperty("label").GetString());

        // The headline divides by the pilot enterprises too: the same ratio as the pilot counts in the registry.
        var headline = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard");
        var pilot = headline.GetProperty("pilotEnterprises").GetInt32();
        var issuing = headline.GetProperty("issuingEInvoices").GetInt32();
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM Enterprises WHERE IsDeleted = 0 AND ProgrammeStatus = 1"), pilot);
        Assert.Equal(Math.Round((double)issuing / pilot, 4), headline.GetProperty("issuingEInvoicesShare").GetDouble());
        // Totals, active trials and open cases count only enterprises that are not deleted (computed from the live facts).
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM Enterprises WHERE IsDeleted = 0"), headline.GetProperty("totalEnterprises").GetInt32());
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM Trials t JOIN Enterprises e ON e.Id = t.EnterpriseId WHERE e.IsDeleted = 0 AND t.Status = 1"),
            headline.GetProperty("activeTrials").GetInt32());
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM SupportCases c JOIN Enterprises e ON e.Id = c.EnterpriseId WHERE e.IsDeleted = 0 AND c.Status NOT IN (4, 5)"),
            headline.GetProperty("openCases").GetInt32());
    }

    [Fact]
    public async Task Trial_conversion_is_null_where_no_trial_completed_and_exact_where_some_did()
    {
        var admin = await app.CreateAdminClientAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        async Task<Guid> Platform(string name)
        {
            var r = await admin.PostAsJsonAsync("/api/trials/platforms", new
            {
                name, provider = "Nhà cung cấp thử", category = "Accounting", programme = "SMEdx", defaultTrialDays = 30, priceAfterTrialVnd = 0,
            });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            return (await Body(r)).GetProperty("id").GetGuid();
        }

        var none = await Platform("Kế toán chưa xong " + suffix);
        var some = await Platform("Kế toán đã xong " + suffix);
        var start = VietnamTime.Today(app.Clock).AddDays(-20);
        async Task<Guid> Trial(Guid platform)
        {
            var enterprise = await CreateEnterpriseAsync(admin, "Pilot");
            var r = await admin.PostAsJsonAsync("/api/trials", new { enterpriseId = enterprise, platformId = platform, startDate = start, endDate = start.AddDays(30) });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            var id = (await Body(r)).GetProperty("id").GetGuid();
            Assert.True((await admin.PostAsync($"/api/trials/{id}/start", null)).IsSuccessStatusCode);
            return id;
        }

        await Trial(none);
        var a = await Trial(some);
        var b = await Trial(some);
        var c = await Trial(some);
        Assert.True((await admin.PostAsJsonAsync($"/api/trials/{a}/complete", new { outcome = "Adopted" })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/trials/{b}/complete", new { outcome = "NotAdopted", reason = "Giá cao" })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/trials/{c}/complete", new { outcome = "Adopted" })).IsSuccessStatusCode);

        var rep = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/reports/trial-conversion?columns=platform,category,trials,completed,adopted,conversionRate");
        var rows = rep.GetProperty("rows").EnumerateArray().ToList();
        var noneRow = rows.Single(r => r[0].GetString() == "Kế toán chưa xong " + suffix);
        Assert.Equal("Kế toán", noneRow[1].GetString());
        Assert.Equal(1, noneRow[2].GetInt32());
        Assert.Equal(0, noneRow[3].GetInt32());
        Assert.Equal(JsonValueKind.Null, noneRow[5].ValueKind);
        var someRow = rows.Single(r => r[0].GetString() == "Kế toán đã xong " + suffix);
        Assert.Equal(3, someRow[3].GetInt32());
        Assert.Equal(2, someRow[4].GetInt32());
        Assert.Equal(0.6667, someRow[5].GetDouble());

        // In the CSV export the missing ratio is an empty cell, never 0.
        var csv = Encoding.UTF8.GetString((await admin.GetByteArrayAsync("/api/reporting/reports/trial-conversion/export.csv?columns=platform,conversionRate")).AsSpan(3));
        Assert.Contains($"Kế toán chưa xong {suffix},\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"Kế toán đã xong {suffix},0.6667\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labels_are_localized_in_reports_and_exports_never_enum_names()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var vi = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-legal-form");
        var single = vi.GetProperty("rows").EnumerateArray().Single(r => r[0].GetString() == "SingleMemberLlc");
        Assert.Equal("Công ty TNHH một thành viên", single[1].GetString());
        var en = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-by-legal-form?culture=en&ui-culture=en");
        Assert.Equal("Single-member limited liability company", en.GetProperty("rows").EnumerateArray().Single(r => r[0].GetString() == "SingleMemberLlc")[1].GetString());

        var list = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-not-issuing?columns=size,legalForm,step&pageSize=1000");
        var cells = list.GetProperty("rows").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(c => c.GetString())).ToHashSet();
        Assert.Contains("Chưa đăng ký", cells);
        Assert.DoesNotContain("NotRegistered", cells);
        Assert.DoesNotContain(cells, c => Enum.GetNames<SmeSupport.Enterprises.Contracts.LegalForm>().Contains(c));
        Assert.DoesNotContain(cells, c => Enum.GetNames<SmeSupport.Enterprises.Contracts.EnterpriseSize>().Contains(c));

        // Exports leave out the enum-name key column of the size and legal-form reports.
        var csv = Encoding.UTF8.GetString((await officer.GetByteArrayAsync("/api/reporting/reports/einvoice-by-legal-form/export.csv")).AsSpan(3));
        Assert.StartsWith("Loại hình,Số doanh nghiệp,", csv, StringComparison.Ordinal);
        Assert.Contains("Công ty TNHH một thành viên,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("SingleMemberLlc", csv, StringComparison.Ordinal);
        var csvEn = Encoding.UTF8.GetString((await officer.GetByteArrayAsync("/api/reporting/reports/einvoice-by-size/export.csv?culture=en&ui-culture=en")).AsSpan(3));
        Assert.StartsWith("Size,Enterprises,", csvEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_rows_are_paged_with_a_total_and_the_export_holds_every_row()
    {
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var csv = Encoding.UTF8.GetString((await officer.GetByteArrayAsync("/api/reporting/reports/einvoice-not-issuing/export.csv?columns=taxCode")).AsSpan(3));
        var all = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.True(all.Length > 10, "the seeded data has enterprises not yet issuing");

        var page2 = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-not-issuing?columns=taxCode&page=2&pageSize=4");
        Assert.Equal(all.Length, page2.GetProperty("totalRows").GetInt32());
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(4, page2.GetProperty("pageSize").GetInt32());
        Assert.Equal(all[4..8], page2.GetProperty("rows").EnumerateArray().Select(r => r[0].GetString()).ToArray());

        var first = await officer.GetFromJsonAsync<JsonElement>("/api/reporting/reports/einvoice-not-issuing?columns=taxCode");
        Assert.Equal(Math.Min(ReportPaging.DefaultPageSize, all.Length), first.GetProperty("rows").GetArrayLength());
        var beyond = await officer.GetFromJsonAsync<JsonElement>($"/api/reporting/reports/einvoice-not-issuing?page={all.Length + 1}&pageSize=1");
        Assert.Equal(0, beyond.GetProperty("rows").GetArrayLength());

        var bad = await officer.GetAsync("/api/reporting/reports/einvoice-not-issuing?page=0&pageSize=5000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Body(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("page", out _) && errors.TryGetProperty("pageSize", out _), errors.ToString());
    }

    [Fact]
    public async Task Case_service_levels_agree_with_the_cases_modules_own_figures()
    {
        var admin = await app.CreateAdminClientAsync();
        var today = VietnamTime.Today(app.Clock);
        var from = today.AddDays(-(5 * 366) + 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var figures = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/figures?from={from}&to={today:yyyy-MM-dd}&groupBy=Type");
        var report = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/reports/case-service-levels");
        var keys = report.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();
        int Col(string k) => keys.IndexOf(k);
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r[Col("groupKey")].GetString()!);
        var groups = figures.GetProperty("groups").EnumerateArray().ToList();
        Assert.NotEmpty(groups);
        Assert.Equal(groups.Select(g => g.GetProperty("key").GetString()!).Order(), rows.Keys.Order());
        foreach (var g in groups)
        {
            var r = rows[g.GetProperty("key").GetString()!];
            Assert.Equal(g.GetProperty("cases").GetInt32(), r[Col("cases")].GetInt32());
            Assert.Equal(g.GetProperty("open").GetInt32(), r[Col("open")].GetInt32());
            Assert.Equal(g.GetProperty("overdue").GetInt32(), r[Col("overdue")].GetInt32());
            Assert.Equal(g.GetProperty("firstResponseMeasured").GetInt32() - g.GetProperty("firstResponseMet").GetInt32(), r[Col("firstResponseBreached")].GetInt32());
            Assert.Equal(g.GetProperty("resolutionMeasured").GetInt32() - g.GetProperty("resolutionMet").GetInt32(), r[Col("resolutionBreached")].GetInt32());
            AssertSame(g.GetProperty("firstResponseCompliance"), r[Col("firstResponseCompliance")]);
            AssertSame(g.GetProperty("resolutionCompliance"), r[Col("resolutionCompliance")]);
        }

        static void AssertSame(JsonElement expected, JsonElement actual)
        {
            Assert.Equal(expected.ValueKind, actual.ValueKind);
            if (expected.ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(expected.GetDouble(), actual.GetDouble());
            }
        }
    }

    [Fact]
    public async Task Outreach_sent_delivered_and_opened_show_per_campaign_and_month_in_the_report_and_the_dashboard()
    {
        var admin = await app.CreateAdminClientAsync();
        var name = "Bản tin báo cáo " + Guid.NewGuid().ToString("N")[..6];
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
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard/figures");
        var sendResult = await admin.PostAsync($"/api/outreach/campaigns/{campaignId}/send", null);
        Assert.True(sendResult.IsSuccessStatusCode, await sendResult.Content.ReadAsStringAsync());

        // The provider's answers, as the dispatcher and the SendGrid event webhook would record them: 5 messages sent, 1 failed,
        // 3 of the sent reported delivered and 2 of those opened; every other message stays pending.
        var upper = campaignId.ToString().ToUpperInvariant();
        var total = app.Scalar($"SELECT COUNT(*) FROM OutboxMessages WHERE CampaignId = '{upper}'");
        var skipped = app.Scalar($"SELECT COUNT(*) FROM OutboxMessages WHERE CampaignId = '{upper}' AND Status = 4");
        Assert.True(total - skipped >= 6, $"the demo pilot contacts give at least 6 recipients ({total}, {skipped} skipped)");
        using (var db = app.OpenDatabase())
        {
            void Exec(string sql)
            {
                using var cmd = db.CreateCommand();
                cmd.CommandText = sql;
                cmd.ExecuteNonQuery();
            }

            var ids = new List<string>();
            using (var cmd = db.CreateCommand())
            {
                cmd.CommandText = $"SELECT Id FROM OutboxMessages WHERE CampaignId = '{upper}' AND Status = 0 ORDER BY Id LIMIT 6";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }
            }

            Exec($"UPDATE OutboxMessages SET Status = 2, SentAt = CreatedAt WHERE Id IN ('{string.Join("','", ids.Take(5))}')");
            Exec($"UPDATE OutboxMessages SET Status = 3 WHERE Id = '{ids[5]}'");
            Exec($"UPDATE OutboxMessages SET DeliveredAt = CreatedAt WHERE Id IN ('{string.Join("','", ids.Take(3))}')");
            Exec($"UPDATE OutboxMessages SET OpenedAt = CreatedAt WHERE Id IN ('{string.Join("','", ids.Take(2))}')");
        }

        var month = VietnamTime.Today(app.Clock).ToString("MM/yyyy", CultureInfo.InvariantCulture);
        var rep = await admin.GetFromJsonAsync<JsonElement>(
            "/api/reporting/reports/outreach-performance?columns=campaign,purpose,month,messages,sent,delivered,opened,failed,skipped,pending,openRate");
        var row = rep.GetProperty("rows").EnumerateArray().Single(r => r[0].GetString() == name);
        Assert.Equal("Thư dịch vụ", row[1].GetString());
        Assert.Equal(month, row[2].GetString());
        Assert.Equal(total, row[3].GetInt32());
        Assert.Equal(5, row[4].GetInt32());
        Assert.Equal(3, row[5].GetInt32());
        Assert.Equal(2, row[6].GetInt32());
        Assert.Equal(1, row[7].GetInt32());
        Assert.Equal(skipped, row[8].GetInt32());
        Assert.Equal(total - skipped - 6, row[9].GetInt32());
        Assert.Equal(0.6667, row[10].GetDouble());

        // The dashboard adds exactly these to the current month and to the totals.
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard/figures");
        var key = VietnamTime.Today(app.Clock).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        (int Sent, int Delivered, int Opened) Month(JsonElement d) => d.GetProperty("outreachByMonth").EnumerateArray()
            .Where(m => m.GetProperty("month").GetString() == key)
            .Select(m => (m.GetProperty("sent").GetInt32(), m.GetProperty("delivered").GetInt32(), m.GetProperty("opened").GetInt32()))
            .DefaultIfEmpty((0, 0, 0)).Single();
        var (s0, d0, o0) = Month(before);
        Assert.Equal((s0 + 5, d0 + 3, o0 + 2), Month(after));
        Assert.Equal(before.GetProperty("outreachDelivered").GetInt32() + 3, after.GetProperty("outreachDelivered").GetInt32());
        Assert.Equal(before.GetProperty("outreachOpened").GetInt32() + 2, after.GetProperty("outreachOpened").GetInt32());
        Assert.Equal(before.GetProperty("outreachFailed").GetInt32() + 1, after.GetProperty("outreachFailed").GetInt32());
    }

    [Fact]
    public async Task Denied_partner_attempts_are_logged_with_their_reason_and_admin_filters_them()
    {
        var admin = await app.CreateAdminClientAsync();
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        async Task<Guid> Org()
        {
            var code = "DEN-" + Guid.NewGuid().ToString("N")[..8];
            var r = await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "Đối tác " + code, code, contactEmail = "org@example.gov.vn" });
            return (await Body(r)).GetProperty("id").GetGuid();
        }

        async Task<Guid> Share(Guid org, object? filters = null, DateOnly? expiresOn = null)
        {
            var r = await officer.PostAsJsonAsync("/api/reporting/shares",
                new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "issuing" }, filters, expiresOn });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await Body(r)).GetProperty("id").GetGuid();
        }

        var org = await Org();
        var other = await Org();
        var mine = await Share(org, new { legalForm = "Cooperative" });
        var theirs = await Share(other);
        var revoked = await Share(org);
        var expiring = await Share(org, expiresOn: VietnamTime.Today(app.Clock));
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/reporting/shares/{revoked}/revoke", null)).StatusCode);
        using (var db = app.OpenDatabase())
        {
            using var cmd = db.CreateCommand();
            var yesterday = VietnamTime.Today(app.Clock).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            cmd.CommandText = $"UPDATE SharedReports SET ExpiresOn = '{yesterday}' WHERE lower(Id) = '{expiring}'";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);
        var partner = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var unknown = Guid.NewGuid();
        var future = VietnamTime.Today(app.Clock).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/partner/reports/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{unknown}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{revoked}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/partner/reports/{expiring}/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/partner/reports/{mine}?columns=group,accepted")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/partner/reports/{mine}?legalForm=SingleMemberLlc&commune=1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await partner.GetAsync($"/api/partner/reports/{mine}?period={future}")).StatusCode);

        var denied = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/access-log?partnerOrganizationId={org}&outcome=Denied");
        Assert.Equal(7, denied.GetProperty("totalCount").GetInt32());
        var items = denied.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i =>
        {
            Assert.Equal("Denied", i.GetProperty("outcome").GetString());
            Assert.Equal(email, i.GetProperty("userEmail").GetString());
            Assert.Equal(org, i.GetProperty("partnerOrganizationId").GetGuid());
        });
        var got = items.Select(i => (i.GetProperty("sharedReportId").GetGuid(), i.GetProperty("action").GetString(), i.GetProperty("reason").GetString())).Reverse().ToArray();
        Assert.Equal(
            [
                (theirs, "View", "OtherOrganization"), (unknown, "ExportXlsx", "NotFound"), (revoked, "View", "Revoked"), (expiring, "ExportCsv", "Expired"),
                (mine, "View", "OutsideShare: columns"), (mine, "View", "OutsideShare: commune, legalForm"), (mine, "View", "FuturePeriod"),
            ], got);
        Assert.Contains("\"columns\":\"group,accepted\"", items.Single(i => i.GetProperty("reason").GetString() == "OutsideShare: columns").GetProperty("filters").GetString(),
            StringComparison.Ordinal);

        var allowed = await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/access-log?partnerOrganizationId={org}&outcome=allowed");
        Assert.Equal(1, allowed.GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, allowed.GetProperty("items")[0].GetProperty("reason").ValueKind);
        Assert.Equal(8, (await admin.GetFromJsonAsync<JsonElement>($"/api/reporting/access-log?partnerOrganizationId={org}")).GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/reporting/access-log?outcome=Maybe")).StatusCode);

        // The Admin page filters by outcome.
        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/Reports/AccessLog?outcome=Denied"));
        Assert.Contains(">Báo cáo của tổ chức khác</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-outcome=\"Allowed\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_filters_outside_the_dropdowns_stay_400_field_errors()
    {
        var admin = await app.CreateAdminClientAsync();
        var cohort = await admin.GetAsync("/api/reporting/dashboard/figures?cohort=" + Uri.EscapeDataString("Đợt không có " + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal(HttpStatusCode.BadRequest, cohort.StatusCode);
        Assert.True((await Body(cohort)).GetProperty("errors").TryGetProperty("cohort", out _));
        var commune = await admin.GetAsync("/api/reporting/dashboard/figures?commune=Tan-Hoa");
        Assert.Equal(HttpStatusCode.BadRequest, commune.StatusCode);
        Assert.True((await Body(commune)).GetProperty("errors").TryGetProperty("commune", out _));
    }
}
