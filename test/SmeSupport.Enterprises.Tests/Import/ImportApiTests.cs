using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>Import through HTTP on a real SQLite database: template, dry run, background import, revert.</summary>
public sealed class ImportApiTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private const int VietTriWard = 7900;

    private static readonly string[] VietnameseHeader =
    [
        "Mã số thuế", "Tên doanh nghiệp", "Loại hình doanh nghiệp", "Xã/phường", "Số lao động", "Doanh thu (VND)", "Vốn (VND)",
        "Ngành nghề chính (VSIC)", "Người liên hệ", "Email người liên hệ", "Điện thoại di động",
    ];

    private long CountEnterprises() => app.Scalar("SELECT COUNT(*) FROM Enterprises");

    private async Task<JsonElement> FindByTaxCodeAsync(HttpClient client, string taxCode)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/enterprises?q={taxCode}");
        return list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("taxCode").GetString() == taxCode);
    }

    /// <summary>A file with good and bad rows: two creates (one typed with dots and spaces), one update, and one row of each error kind.</summary>
    private async Task<(byte[] File, string New1, string New2, string Existing, Guid ExistingId, string Bad)> MixedFileAsync(HttpClient admin)
    {
        var existing = TestData.NewTaxCode();
        var existingId = await TestData.CreateEnterpriseAsync(admin, existing, "Công ty TNHH Cũ");
        var new1 = TestData.NewTaxCode();
        var new2 = TestData.NewTaxCode();
        var dup = TestData.NewTaxCode();
        var bad = TestData.WithWrongCheckDigit(TestData.NewTaxCode());
        var spaced = $"{new1[..4]} {new1[4..7]}.{new1[7..]}";
        var file = ImportTestSupport.Csv(
        [
            VietnameseHeader,
            [spaced, "Công ty TNHH Nhập Một", "TNHH MTV", "Phường Việt Trì", "12", "5.000.000.000", "2.000.000.000", "4690", "Nguyễn Văn An", "an@example.vn", "0912 345 678"],
            [existing, "Công ty Đổi Tên", null, null, "30", null, null, null, null, null, null],
            [bad, "Công ty Sai Số", "Công ty cổ phần", "Phường Việt Trì", "3", "0", "0", null, null, null, null],
            [dup, "Công ty Trùng A", "CTCP", "Phường Việt Trì", "3", "0", "0", null, null, null, null],
            [dup, "Công ty Trùng B", "CTCP", "Phường Việt Trì", "3", "0", "0", null, null, null, null],
            [new2, "<b>Nhập</b> & <script>alert(1)</script>", "Công ty cổ phần", TestData.TanHoaWard.ToString(), "2", "0", "0", null, null, null, null],
            [TestData.NewTaxCode(), "=HYPERLINK(\"http://evil.example\")", "CTCP", "Phường Việt Trì", "1", "0", "0", null, null, null, null],
            [TestData.NewTaxCode(), "Công ty Xã Lạ", "CTCP", "Xã Không Có Thật", "1", "0", "0", null, null, null, null],
            [TestData.NewTaxCode(), "Công ty Số Sai", "CTCP", "Phường Việt Trì", "mười", "1,5", "0", null, null, null, null],
        ], delimiter: ';', bom: true);
        return (file, new1, new2, existing, existingId, bad);
    }

    [Fact]
    public async Task Dry_run_reports_each_row_and_writes_nothing()
    {
        var admin = await app.CreateAdminClientAsync();
        var (file, new1, new2, existing, existingId, bad) = await MixedFileAsync(admin);
        var enterprisesBefore = CountEnterprises();
        var importsBefore = app.Scalar("SELECT COUNT(*) FROM EnterpriseImports");

        var response = await admin.PostFileAsync("/api/enterprises/imports/dry-run", file, "danh-sach.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Json();
        Assert.Equal("Csv", report.GetProperty("format").GetString());
        Assert.Equal(9, report.GetProperty("totalRows").GetInt32());
        Assert.Equal(2, report.GetProperty("createCount").GetInt32());
        Assert.Equal(1, report.GetProperty("updateCount").GetInt32());
        Assert.Equal(6, report.GetProperty("errorCount").GetInt32());
        var rows = report.GetProperty("rows");

        // Row 2 (the header is row 1): a create, tax code canonical although typed with a space and a dot.
        var r2 = rows.RowNumbered(2);
        Assert.Equal("Create", r2.GetProperty("outcome").GetString());
        Assert.Equal(new1, r2.GetProperty("taxCode").GetString());
        Assert.Equal((null, "5000000000"), r2.Change("annualRevenueVnd"));
        Assert.Equal((null, VietTriWard.ToString()), r2.Change("wardCode"));
        Assert.Equal((null, "Nguyễn Văn An <an@example.vn> +84912345678"), r2.Change("contact"));

        // Row 3: an update of the existing enterprise, old → new; empty cells leave the other fields alone.
        var r3 = rows.RowNumbered(3);
        Assert.Equal("Update", r3.GetProperty("outcome").GetString());
        Assert.Equal(existingId, r3.GetProperty("enterpriseId").GetGuid());
        Assert.Equal(("Công ty TNHH Cũ", "Công ty Đổi Tên"), r3.Change("name"));
        Assert.Equal(("5", "30"), r3.Change("employees"));
        Assert.Null(r3.Change("wardCode"));
        Assert.Null(r3.Change("legalForm"));

        // Row 4: wrong check digit.
        var r4 = rows.RowNumbered(4);
        Assert.Equal("Error", r4.GetProperty("outcome").GetString());
        Assert.Equal(["Mã số thuế"], r4.ErrorColumns());
        Assert.Equal("Chữ số kiểm tra (chữ số thứ 10) của mã số thuế không đúng.", r4.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(bad, r4.GetProperty("taxCode").GetString());

        // Rows 5 and 6: the same tax code twice: both refused, each naming the other.
        foreach (var n in new[] { 5, 6 })
        {
            var r = rows.RowNumbered(n);
            Assert.Equal("Error", r.GetProperty("outcome").GetString());
            Assert.Contains("(các dòng 5, 6)", r.GetProperty("errors")[0].GetProperty("message").GetString());
        }

        // Row 7: markup in the name is accepted as text (the UI encodes it).
        var r7 = rows.RowNumbered(7);
        Assert.Equal("Create", r7.GetProperty("outcome").GetString());
        Assert.Equal(new2, r7.GetProperty("taxCode").GetString());
        Assert.Equal((null, "<b>Nhập</b> & <script>alert(1)</script>"), r7.Change("name"));

        // Row 8: a formula in a text cell is refused.
        var r8 = rows.RowNumbered(8);
        Assert.Equal("Error", r8.GetProperty("outcome").GetString());
        Assert.Equal(["Tên doanh nghiệp"], r8.ErrorColumns());
        Assert.Contains("công thức", r8.GetProperty("errors")[0].GetProperty("message").GetString());

        // Row 9: unknown commune; row 10: bad numbers (employees and revenue).
        Assert.Equal(["Xã/phường"], rows.RowNumbered(9).ErrorColumns());
        Assert.Equal(["Số lao động", "Doanh thu (VND)"], rows.RowNumbered(10).ErrorColumns());

        Assert.Equal(enterprisesBefore, CountEnterprises());
        Assert.Equal(importsBefore, app.Scalar("SELECT COUNT(*) FROM EnterpriseImports"));
        var unchanged = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{existingId}");
        Assert.Equal("Công ty TNHH Cũ", unchanged.GetProperty("name").GetString());
        _ = existing;
    }

    [Fact]
    public async Task Import_runs_in_the_background_skips_bad_rows_and_can_be_reverted()
    {
        var admin = await app.CreateAdminClientAsync();
        var (file, new1, new2, existing, existingId, _) = await MixedFileAsync(admin);

        // Submitted: kept as a queued batch, nothing written yet; progress visible.
        var submitted = await admin.PostFileAsync("/api/enterprises/imports", file, "danh-sach.csv");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var queued = await submitted.Json();
        var id = queued.GetProperty("id").GetGuid();
        Assert.Equal($"/api/enterprises/imports/{id}", submitted.Headers.Location!.AbsolutePath);
        Assert.Equal("Queued", queued.GetProperty("status").GetString());
        Assert.Equal(9, queued.GetProperty("totalRows").GetInt32());
        Assert.Equal(0, queued.GetProperty("processedRows").GetInt32());
        Assert.Equal(SmeSupportAppFactory.AdminEmail, queued.GetProperty("submittedByEmail").GetString());

        // The job (as Hangfire runs it); a second run of the same job does nothing.
        Assert.True(await SmeSupport.Enterprises.Contracts.EnterpriseImportJob.RunOnceAsync(app.Services, id));
        Assert.False(await SmeSupport.Enterprises.Contracts.EnterpriseImportJob.RunOnceAsync(app.Services, id));
        var done = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}");
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(9, done.GetProperty("processedRows").GetInt32());
        Assert.Equal(2, done.GetProperty("createdCount").GetInt32());
        Assert.Equal(1, done.GetProperty("updatedCount").GetInt32());
        Assert.Equal(6, done.GetProperty("errorCount").GetInt32());

        var created = await FindByTaxCodeAsync(admin, new1);
        Assert.Equal("Công ty TNHH Nhập Một", created.GetProperty("name").GetString());
        Assert.Equal("SingleMemberLlc", created.GetProperty("legalForm").GetString());
        Assert.Equal(VietTriWard, created.GetProperty("wardCode").GetInt32());
        Assert.Equal(5_000_000_000m, created.GetProperty("annualRevenueVnd").GetDecimal());
        Assert.Equal("G", created.GetProperty("industrySection").GetString());
        var createdId = created.GetProperty("id").GetGuid();
        var contacts = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{createdId}/contacts");
        Assert.Equal("+84912345678", contacts.EnumerateArray().Single().GetProperty("mobile").GetString());
        var markup = await FindByTaxCodeAsync(admin, new2);
        Assert.Equal("<b>Nhập</b> & <script>alert(1)</script>", markup.GetProperty("name").GetString());
        var updated = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{existingId}");
        Assert.Equal("Công ty Đổi Tên", updated.GetProperty("name").GetString());
        Assert.Equal(30, updated.GetProperty("employees").GetInt32());
        Assert.Equal("Số 5, đường Trần Phú", updated.GetProperty("street").GetString());

        // Row results kept with the batch.
        var errors = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}/rows?outcome=Error");
        Assert.Equal(6, errors.GetProperty("totalCount").GetInt32());
        Assert.Equal([4, 5, 6, 8, 9, 10], errors.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("rowNumber").GetInt32()));
        var history = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises/imports");
        Assert.Contains(history.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);

        // Revert: what it created is deleted, what it changed restored.
        var reverted = await admin.PostAsync($"/api/enterprises/imports/{id}/revert", null);
        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        Assert.Equal("Reverted", (await reverted.Json()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/enterprises/{createdId}")).StatusCode);
        Assert.Equal(1, app.Scalar($"SELECT IsDeleted FROM Enterprises WHERE TaxCode = '{new1}'"));
        Assert.Equal(1, app.Scalar($"SELECT IsDeleted FROM Contacts WHERE EnterpriseId = '{createdId.ToString().ToUpperInvariant()}'"));
        var restored = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{existingId}");
        Assert.Equal("Công ty TNHH Cũ", restored.GetProperty("name").GetString());
        Assert.Equal(5, restored.GetProperty("employees").GetInt32());
        Assert.Equal(existing, restored.GetProperty("taxCode").GetString());

        var again = await admin.PostAsync($"/api/enterprises/imports/{id}/revert", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:ImportNotRevertible", (await again.Json()).Code());
    }

    [Fact]
    public async Task Audit_trail_names_the_submitter_for_imported_changes_and_the_reverter_for_the_revert()
    {
        var admin = await app.CreateAdminClientAsync();
        var officerEmail = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var officer = await app.CreateClientAsync(officerEmail, SmeSupportAppFactory.UserPassword);
        var existing = TestData.NewTaxCode();
        var existingId = await TestData.CreateEnterpriseAsync(admin, existing, "Công ty TNHH Trước Nhập");
        var fresh = TestData.NewTaxCode();
        var file = ImportTestSupport.Csv(
        [
            VietnameseHeader,
            [fresh, "Công ty Nhập Bởi Cán Bộ", "CTCP", "Phường Việt Trì", "4", "0", "0", null, "Trần Thị Bình", "binh@example.vn", null],
            [existing, "Công ty Sau Nhập", null, null, "40", null, null, null, null, null, null],
        ]);

        // The job runs with no HTTP user (as in Hangfire): the audit rows name the officer who submitted the batch.
        var batch = await app.ImportAsync(officer, file, "can-bo.csv");
        Assert.Equal("Completed", batch.GetProperty("status").GetString());
        var createdId = (await FindByTaxCodeAsync(admin, fresh)).GetProperty("id").GetGuid();
        var officerId = Scalars($"SELECT Id FROM AspNetUsers WHERE Email = '{officerEmail}'").Single();
        var adminId = Scalars($"SELECT Id FROM AspNetUsers WHERE Email = '{SmeSupportAppFactory.AdminEmail}'").Single();

        string Upper(Guid g) => g.ToString().ToUpperInvariant();
        var createdRows = AuditRows(createdId);
        Assert.Equal([("Created", officerEmail, officerId)], createdRows);
        var contactRows = Scalars($"SELECT a.UserName || '|' || a.Action FROM AuditLog a JOIN Contacts c ON upper(a.EntityId) = upper(c.Id) "
                                  + $"WHERE a.EntityType = 'Contact' AND c.EnterpriseId = '{Upper(createdId)}'");
        Assert.Equal([$"{officerEmail}|Created"], contactRows);
        var updateRows = AuditRows(existingId);
        Assert.Equal([("Created", SmeSupportAppFactory.AdminEmail, adminId), ("Updated", officerEmail, officerId)], updateRows);

        // The timeline shows who.
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{existingId}/timeline");
        var change = timeline.GetProperty("items").EnumerateArray().First(e => e.GetProperty("kind").GetString() == "Audit.Updated");
        Assert.Equal(officerEmail, change.GetProperty("actorName").GetString());

        // The revert is made through HTTP by the admin: its audit rows name the admin, not the submitter.
        var id = batch.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/enterprises/imports/{id}/revert", null)).StatusCode);
        Assert.Equal(("Deleted", SmeSupportAppFactory.AdminEmail, adminId), AuditRows(createdId)[^1]);
        Assert.Equal(("Updated", SmeSupportAppFactory.AdminEmail, adminId), AuditRows(existingId)[^1]);

        // Outside the job nothing is left over: a save made afterwards by the officer names the officer, by the admin the admin.
        Assert.Null(SmeSupport.Security.AuditActor.Current);
    }

    [Fact]
    public async Task Enterprises_and_contacts_created_by_the_job_have_the_same_audit_record_as_ones_created_through_the_api()
    {
        var admin = await app.CreateAdminClientAsync();
        var adminId = Scalars($"SELECT Id FROM AspNetUsers WHERE Email = '{SmeSupportAppFactory.AdminEmail}'").Single();
        var byApi = await TestData.CreateEnterpriseAsync(admin, TestData.NewTaxCode(), "Công ty TNHH Tạo Tay", VietTriWard);
        var fresh = TestData.NewTaxCode();
        var batch = await app.ImportAsync(admin, ImportTestSupport.Csv(
        [
            VietnameseHeader,
            [fresh, "Công ty TNHH Tạo Bằng Tệp", "TNHH MTV", "Phường Việt Trì", "7", "5.000.000.000", "1.000.000.000", "4690", "Lê Minh Anh", "anh@example.vn", null],
        ]), "audit.csv");
        Assert.Equal(1, batch.GetProperty("createdCount").GetInt32());
        var imported = (await FindByTaxCodeAsync(admin, fresh)).GetProperty("id").GetGuid();

        JsonElement Changes(string type, Guid id) => JsonDocument.Parse(Scalars(
            $"SELECT Changes FROM AuditLog WHERE EntityType = '{type}' AND Action = 'Created' AND upper(EntityId) = '{id.ToString().ToUpperInvariant()}'").Single()).RootElement;
        var fromApi = Changes("Enterprise", byApi);
        var fromJob = Changes("Enterprise", imported);

        // The same fields, in the same form ({"Field":{"new":value}}), with the row's values.
        // (The API's record has a street, which the file leaves empty.)
        Assert.Subset(fromJob.EnumerateObject().Select(p => p.Name).ToHashSet(),
            fromApi.EnumerateObject().Select(p => p.Name).Where(n => n != "Street").ToHashSet());
        Assert.All(fromJob.EnumerateObject(), p => Assert.True(p.Value.TryGetProperty("new", out _)));
        Assert.Equal("Công ty TNHH Tạo Bằng Tệp", fromJob.GetProperty("Name").GetProperty("new").GetString());
        Assert.Equal(fresh, fromJob.GetProperty("TaxCode").GetProperty("new").GetString());
        Assert.Equal(5_000_000_000m, fromJob.GetProperty("AnnualRevenueVnd").GetProperty("new").GetDecimal());
        Assert.Equal(VietTriWard, fromJob.GetProperty("WardCode").GetProperty("new").GetInt32());
        Assert.Equal(fromApi.GetProperty("LegalForm").GetProperty("new").ValueKind, fromJob.GetProperty("LegalForm").GetProperty("new").ValueKind);

        // The record's own audit fields name the submitter and the time of the job; its stamp is the one the row recorded.
        Assert.Equal(adminId, Scalars($"SELECT CreatedBy FROM Enterprises WHERE upper(Id) = '{imported.ToString().ToUpperInvariant()}'").Single(), ignoreCase: true);
        Assert.Equal(Scalars($"SELECT ConcurrencyStamp FROM Enterprises WHERE upper(Id) = '{imported.ToString().ToUpperInvariant()}'").Single(),
            Scalars($"SELECT StampAfterImport FROM EnterpriseImportRows WHERE upper(EnterpriseId) = '{imported.ToString().ToUpperInvariant()}'").Single());

        // The contact: created with its audit record, read back through the API.
        var contactId = Guid.Parse(Scalars($"SELECT Id FROM Contacts WHERE upper(EnterpriseId) = '{imported.ToString().ToUpperInvariant()}'").Single());
        Assert.Equal("anh@example.vn", Changes("Contact", contactId).GetProperty("Email").GetProperty("new").GetString());
        var profile = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{imported}");
        Assert.Equal("Công ty TNHH Tạo Bằng Tệp", profile.GetProperty("name").GetString());
    }

    private List<string> Scalars(string sql)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString()!);
        }

        return list;
    }

    /// <summary>The enterprise's audit rows, oldest first: action, user name, user id (as stored).</summary>
    private List<(string Action, string UserName, string UserId)> AuditRows(Guid enterpriseId) =>
        Scalars($"SELECT Action || '|' || ifnull(UserName, '') || '|' || ifnull(UserId, '') FROM AuditLog WHERE EntityType = 'Enterprise' "
                + $"AND upper(EntityId) = '{enterpriseId.ToString().ToUpperInvariant()}' ORDER BY At, Id")
            .Select(s => s.Split('|')).Select(p => (p[0], p[1], p[2])).ToList();

    [Fact]
    public async Task Revert_is_refused_when_a_record_was_changed_after_the_import()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        var id = await TestData.CreateEnterpriseAsync(admin, code, "Công ty TNHH Trước Nhập");
        var created = TestData.NewTaxCode();
        var batch = await app.ImportAsync(admin, ImportTestSupport.Csv(
        [
            ["Tax code", "Name", "Legal form", "Commune/ward"],
            [code, "Công ty TNHH Sau Nhập", null, null],
            [created, "Công ty TNHH Mới Nhập", "Joint stock company", VietTriWard.ToString()],
        ]), "update.csv");
        Assert.Equal(1, batch.GetProperty("updatedCount").GetInt32());
        var batchId = batch.GetProperty("id").GetGuid();

        // Someone edits the record afterwards.
        var current = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        var put = await admin.PutAsJsonAsync($"/api/enterprises/{id}", new
        {
            taxCode = code, name = "Công ty TNHH Sửa Tay", legalForm = "SingleMemberLlc", wardCode = TestData.TanHoaWard,
            concurrencyStamp = current.GetProperty("concurrencyStamp").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var revert = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert", null);
        Assert.Equal(HttpStatusCode.Conflict, revert.StatusCode);
        var problem = await revert.Json();
        Assert.Equal("SmeSupport:Enterprises:ImportChangedSince", problem.Code());
        Assert.Equal(2, problem.GetProperty("rows")[0].GetProperty("rowNumber").GetInt32());

        // Nothing reverted: the hand edit stays, the created enterprise stays, the batch is still completed.
        Assert.Equal("Công ty TNHH Sửa Tay", (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}")).GetProperty("name").GetString());
        Assert.Equal("Công ty TNHH Mới Nhập", (await FindByTaxCodeAsync(admin, created)).GetProperty("name").GetString());
        Assert.Equal("Completed", (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{batchId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Revert_is_refused_when_an_enterprise_it_created_has_a_trial_since_and_nothing_changes()
    {
        var admin = await app.CreateAdminClientAsync();
        var created = TestData.NewTaxCode();
        var quiet = TestData.NewTaxCode();
        var batch = await app.ImportAsync(admin, ImportTestSupport.Csv(
        [
            ["Tax code", "Name", "Legal form", "Commune/ward"],
            [created, "Công ty TNHH Có Dùng Thử", "Joint stock company", VietTriWard.ToString()],
            [quiet, "Công ty TNHH Im Lặng", "Joint stock company", VietTriWard.ToString()],
        ]), "activity.csv");
        Assert.Equal(2, batch.GetProperty("createdCount").GetInt32());
        var batchId = batch.GetProperty("id").GetGuid();
        var createdId = (await FindByTaxCodeAsync(admin, created)).GetProperty("id").GetGuid();

        // Later, a trial is assigned to the enterprise the import created.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var platforms = await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms?includeInactive=true");
        var platformId = platforms.EnumerateArray().First().GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(7).DateTime).ToString("yyyy-MM-dd");
        var trial = await admin.PostAsJsonAsync("/api/trials", new { enterpriseId = createdId, platformId, startDate = today });
        Assert.Equal(HttpStatusCode.Created, trial.StatusCode);
        var trialsBefore = app.Scalar("SELECT COUNT(*) FROM Trials");

        var revert = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert?culture=en", null);
        Assert.Equal(HttpStatusCode.Conflict, revert.StatusCode);
        var problem = await revert.Json();
        Assert.Equal("SmeSupport:Enterprises:ImportChangedSince", problem.Code());
        var named = Assert.Single(problem.GetProperty("enterprises").EnumerateArray());
        Assert.Equal(createdId, named.GetProperty("enterpriseId").GetGuid());
        Assert.Equal(created, named.GetProperty("taxCode").GetString());
        Assert.Equal("Công ty TNHH Có Dùng Thử", named.GetProperty("name").GetString());
        Assert.Equal(2, Assert.Single(problem.GetProperty("rows").EnumerateArray()).GetProperty("rowNumber").GetInt32());
        Assert.Contains(created, problem.GetProperty("detail").GetString());

        // Nothing changed: both enterprises still there, the trial too, the batch still completed.
        Assert.Equal(0, app.Scalar($"SELECT IsDeleted FROM Enterprises WHERE TaxCode = '{created}'"));
        Assert.Equal(0, app.Scalar($"SELECT IsDeleted FROM Enterprises WHERE TaxCode = '{quiet}'"));
        Assert.Equal(trialsBefore, app.Scalar("SELECT COUNT(*) FROM Trials"));
        Assert.Equal("Completed", (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{batchId}")).GetProperty("status").GetString());
    }

    /// <summary>Edits an enterprise's name through the API (a hand edit after the import).</summary>
    private static async Task EditNameAsync(HttpClient admin, Guid id, string name)
    {
        var current = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        var put = await admin.PutAsJsonAsync($"/api/enterprises/{id}", new
        {
            taxCode = current.GetProperty("taxCode").GetString(), name, legalForm = "JointStockCompany", wardCode = VietTriWard,
            concurrencyStamp = current.GetProperty("concurrencyStamp").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task Revert_refused_because_a_created_enterprise_was_edited_says_it_was_changed_not_that_it_has_activity()
    {
        var admin = await app.CreateAdminClientAsync();
        var (file, codes) = ManyNewEnterprises(2, "Công ty TNHH Sửa Sau");
        var batch = await app.ImportAsync(admin, file, "edited.csv");
        var batchId = batch.GetProperty("id").GetGuid();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await EditNameAsync(admin, (await FindByTaxCodeAsync(admin, codes[0])).GetProperty("id").GetGuid(), "Công ty TNHH Đã Sửa Tay");

        var vi = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert", null);
        Assert.Equal(HttpStatusCode.Conflict, vi.StatusCode);
        var problem = await vi.Json();
        Assert.Equal("SmeSupport:Enterprises:ImportChangedSince", problem.Code());
        Assert.Equal("Không hoàn tác gì cả: 1 doanh nghiệp do lần nhập này ghi đã được sửa hoặc xóa sau đó (dòng 2). "
                     + "Hãy tự hoàn tác các thay đổi đó, hoặc sửa trực tiếp hồ sơ.", problem.GetProperty("detail").GetString());
        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(2, row.GetProperty("rowNumber").GetInt32());
        Assert.Equal(["changed"], row.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(problem.GetProperty("enterprises").EnumerateArray());
        Assert.Equal(1, problem.GetProperty("totalRows").GetInt32());
        Assert.False(problem.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Revert_refused_for_an_edit_and_for_activity_tells_both()
    {
        var admin = await app.CreateAdminClientAsync();
        var (file, codes) = ManyNewEnterprises(2, "Công ty TNHH Hai Lý Do");
        var batch = await app.ImportAsync(admin, file, "both.csv");
        var batchId = batch.GetProperty("id").GetGuid();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await EditNameAsync(admin, (await FindByTaxCodeAsync(admin, codes[0])).GetProperty("id").GetGuid(), "Công ty TNHH Đã Sửa Tay Hai");
        var activeId = (await FindByTaxCodeAsync(admin, codes[1])).GetProperty("id").GetGuid();
        var platforms = await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms?includeInactive=true");
        var platformId = platforms.EnumerateArray().First().GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(7).DateTime).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/trials", new { enterpriseId = activeId, platformId, startDate = today })).StatusCode);

        var en = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert?culture=en", null);
        Assert.Equal(HttpStatusCode.Conflict, en.StatusCode);
        var problem = await en.Json();
        Assert.Equal("Nothing was reverted: 1 enterprise(s) written by this import were changed or deleted afterwards (rows 2). "
                     + "Undo those changes by hand, or edit the records directly. 1 enterprise(s) created by this import have activity since it "
                     + $"finished (trials, e-invoice steps, contacts, cases…): {codes[1]} Công ty TNHH Hai Lý Do 2. Reverting would delete them; "
                     + "delete them one by one if that is really meant.", problem.GetProperty("detail").GetString());
        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 3], rows.Select(r => r.GetProperty("rowNumber").GetInt32()));
        Assert.Equal(["changed"], rows[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["activity"], rows[1].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(activeId, Assert.Single(problem.GetProperty("enterprises").EnumerateArray()).GetProperty("enterpriseId").GetGuid());
    }

    [Fact]
    public async Task Revert_refusal_lists_at_most_100_rows_with_the_total()
    {
        var admin = await app.CreateAdminClientAsync();
        var name = "Công ty TNHH Sửa Hàng Loạt " + Guid.NewGuid().ToString("N")[..6];
        var (file, _) = ManyNewEnterprises(110, name);
        var batch = await app.ImportAsync(admin, file, "many-edited.csv");
        var batchId = batch.GetProperty("id").GetGuid();
        Assert.Equal(110, app.Scalar($"UPDATE Enterprises SET ConcurrencyStamp = 'edited-later' WHERE Name LIKE '{name} %'; SELECT changes();"));

        var revert = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert", null);
        Assert.Equal(HttpStatusCode.Conflict, revert.StatusCode);
        var body = await revert.Content.ReadAsStringAsync();
        Assert.True(body.Length < 30_000, $"body of {body.Length} characters");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(100, problem.GetProperty("rows").GetArrayLength());
        Assert.Equal(2, problem.GetProperty("rows")[0].GetProperty("rowNumber").GetInt32());
        Assert.Equal(110, problem.GetProperty("totalRows").GetInt32());
        Assert.True(problem.GetProperty("truncated").GetBoolean());
        Assert.StartsWith("Không hoàn tác gì cả: 110 doanh nghiệp do lần nhập này ghi đã được sửa hoặc xóa sau đó (dòng 2, 3,", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("hoạt động", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(110, app.Scalar($"SELECT COUNT(*) FROM Enterprises WHERE IsDeleted = 0 AND Name LIKE '{name} %'"));
    }

    /// <summary>An import file creating <paramref name="count"/> enterprises with distinct new tax codes (row n+2 is the n-th code).</summary>
    private static (byte[] File, List<string> TaxCodes) ManyNewEnterprises(int count, string name)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            codes.Add(TestData.NewTaxCode());
        }

        var list = codes.ToList();
        var rows = new List<string?[]> { new[] { "Tax code", "Name", "Legal form", "Commune/ward" } };
        rows.AddRange(list.Select((c, i) => new[] { c, $"{name} {i + 1}", "Joint stock company", VietTriWard.ToString() }));
        return (ImportTestSupport.Csv(rows), list);
    }

    [Fact]
    public async Task Revert_of_an_import_that_created_2000_enterprises_is_refused_naming_exactly_the_one_with_a_case_since()
    {
        var admin = await app.CreateAdminClientAsync();
        var (file, codes) = ManyNewEnterprises(2000, "Công ty TNHH Lô Lớn");
        var batch = await app.ImportAsync(admin, file, "many-active.csv");
        Assert.Equal(2000, batch.GetProperty("createdCount").GetInt32());
        var batchId = batch.GetProperty("id").GetGuid();

        // Later, a support case is opened for the 1,501st of them (row 1,502; in the fourth chunk of 500).
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var active = await FindByTaxCodeAsync(admin, codes[1500]);
        var activeId = active.GetProperty("id").GetGuid();
        var opened = await admin.PostAsJsonAsync("/api/cases", new
        {
            enterpriseId = activeId, subject = "Hỏi về hóa đơn điện tử", type = "EInvoiceHelp", channel = "Phone", priority = "Normal",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var openedAt = app.Clock.GetUtcNow();

        var revert = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert?culture=en", null);
        Assert.Equal(HttpStatusCode.Conflict, revert.StatusCode);
        var problem = await revert.Json();
        Assert.Equal("SmeSupport:Enterprises:ImportChangedSince", problem.Code());
        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(1502, row.GetProperty("rowNumber").GetInt32());
        Assert.Equal(codes[1500], row.GetProperty("taxCode").GetString());
        Assert.Equal(activeId, row.GetProperty("enterpriseId").GetGuid());
        var named = Assert.Single(problem.GetProperty("enterprises").EnumerateArray());
        Assert.Equal("Công ty TNHH Lô Lớn 1501", named.GetProperty("name").GetString());
        // The case's opening: after the import finished, not later than now.
        Assert.InRange(named.GetProperty("lastActivityAt").GetDateTimeOffset(), batch.GetProperty("completedAt").GetDateTimeOffset().AddTicks(1), openedAt);
        Assert.Contains(codes[1500], problem.GetProperty("detail").GetString());

        // Nothing reverted.
        Assert.Equal(2000, app.Scalar($"SELECT COUNT(*) FROM Enterprises WHERE IsDeleted = 0 AND Name LIKE 'Công ty TNHH Lô Lớn %'"));
        Assert.Equal("Completed", (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{batchId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Revert_of_an_import_that_created_2000_enterprises_without_activity_since_removes_them_all()
    {
        var admin = await app.CreateAdminClientAsync();
        var (file, _) = ManyNewEnterprises(2000, "Công ty TNHH Lô Yên");
        var batch = await app.ImportAsync(admin, file, "many-quiet.csv");
        Assert.Equal(2000, batch.GetProperty("createdCount").GetInt32());
        var batchId = batch.GetProperty("id").GetGuid();

        var revert = await admin.PostAsync($"/api/enterprises/imports/{batchId}/revert", null);
        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        Assert.Equal("Reverted", (await revert.Json()).GetProperty("status").GetString());
        Assert.Equal(2000, app.Scalar($"SELECT COUNT(*) FROM Enterprises WHERE IsDeleted = 1 AND Name LIKE 'Công ty TNHH Lô Yên %'"));
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM Enterprises WHERE IsDeleted = 0 AND Name LIKE 'Công ty TNHH Lô Yên %'"));
    }

    [Fact]
    public void Every_module_with_a_timeline_source_also_answers_the_batch_activity_probe()
    {
        using var scope = app.Services.CreateScope();
        var sources = scope.ServiceProvider.GetServices<IEnterpriseTimelineSource>().Select(s => s.GetType()).OrderBy(t => t.FullName).ToList();
        var probes = scope.ServiceProvider.GetServices<IEnterpriseActivityProbe>().Select(s => s.GetType()).OrderBy(t => t.FullName).ToList();
        Assert.Equal(5, sources.Count); // Enterprises, Trials, EInvoicing, Cases, Outreach
        Assert.Equal(sources, probes);
    }

    [Fact]
    public async Task Five_parallel_reverts_revert_once_and_the_others_hear_already_reverted()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        var existingId = await TestData.CreateEnterpriseAsync(admin, code, "Công ty TNHH Song Song");
        var created = TestData.NewTaxCode();
        var batch = await app.ImportAsync(admin, ImportTestSupport.Csv(
        [
            ["Tax code", "Name", "Legal form", "Commune/ward"],
            [code, "Công ty TNHH Song Song Sau Nhập", null, null],
            [created, "Công ty TNHH Mới Song Song", "Joint stock company", VietTriWard.ToString()],
        ]), "parallel.csv");
        var batchId = batch.GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => admin.PostAsync($"/api/enterprises/imports/{batchId}/revert", null)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Equal("SmeSupport:Enterprises:ImportNotRevertible", (await loser.Json()).Code());
        }

        Assert.Equal("Công ty TNHH Song Song", (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{existingId}")).GetProperty("name").GetString());
        Assert.Equal(1, app.Scalar($"SELECT IsDeleted FROM Enterprises WHERE TaxCode = '{created}'"));
        Assert.Equal("Reverted", (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{batchId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Xlsx_with_english_headers_and_numeric_cells_is_read()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        var file = ImportTestSupport.Xlsx(["TAX CODE", "name", "Legal Form", "Province", "Commune / Ward", "Employees", "Revenue (VND)", "Website"],
        [
            [code, "Hợp tác xã Chè Xanh", "HTX", "Phú Thọ", "Việt Trì", 7, 1_500_000_000d, "https://chexanh.example.vn"],
        ]);
        var response = await admin.PostFileAsync("/api/enterprises/imports/dry-run", file, "list.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Json();
        Assert.Equal("Xlsx", report.GetProperty("format").GetString());
        var row = report.GetProperty("rows")[0];
        Assert.Equal("Create", row.GetProperty("outcome").GetString());
        Assert.Equal((null, "Cooperative"), row.Change("legalForm"));
        Assert.Equal((null, "1500000000"), row.Change("annualRevenueVnd"));
        Assert.Equal((null, "7"), row.Change("employees"));
        Assert.Equal((null, VietTriWard.ToString()), row.Change("wardCode"));
        Assert.Equal("legalForm", report.GetProperty("columns").GetProperty("Legal Form").GetString());
    }

    [Fact]
    public async Task Xlsx_number_cell_that_lost_the_leading_zero_of_a_tax_code_is_read_back()
    {
        var admin = await app.CreateAdminClientAsync();
        var file = ImportTestSupport.Xlsx(["Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Mã xã"], [[100109106d, "Công ty Số Không", "DNTN", 7900d]]);
        var report = await (await admin.PostFileAsync("/api/enterprises/imports/dry-run", file, "x.xlsx")).Json();
        var row = report.GetProperty("rows")[0];
        Assert.Equal("0100109106", row.GetProperty("taxCode").GetString());
        Assert.NotEqual("Error", row.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Comma_csv_without_bom_and_unchanged_rows()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        await TestData.CreateEnterpriseAsync(admin, code, "Công ty TNHH Giữ Nguyên");
        var file = ImportTestSupport.Csv([["MST", "Tên", "Xã, phường"], [code, "Công ty TNHH Giữ Nguyên", TestData.TanHoaWard.ToString()]]);
        Assert.NotEqual(0xEF, file[0]);
        var report = await (await admin.PostFileAsync("/api/enterprises/imports/dry-run", file, "same.csv")).Json();
        Assert.Equal(1, report.GetProperty("unchangedCount").GetInt32());
        Assert.Equal("Unchanged", report.GetProperty("rows")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Template_has_the_headers_and_an_example_row_that_imports_cleanly()
    {
        var admin = await app.CreateAdminClientAsync();
        var csv = await admin.GetAsync("/api/enterprises/imports/template?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(ImportTestSupport.Bom, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Mã số thuế,Tên doanh nghiệp,Tên viết tắt,Loại hình doanh nghiệp", lines[0]);
        Assert.StartsWith("0100109106,Công ty TNHH Chè Phú Thọ", lines[1]);

        var english = await admin.GetByteArrayAsync("/api/enterprises/imports/template?format=csv&lang=en");
        Assert.StartsWith("Tax code,Name,Short name,Legal form", Encoding.UTF8.GetString(english[3..]));

        var xlsx = await admin.GetAsync("/api/enterprises/imports/template");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var workbook = await xlsx.Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(workbook))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("0100109106", rows.Single()["Mã số thuế"]?.ToString());
        }

        // Both templates pass a dry run without errors.
        foreach (var (content, name) in new[] { (bytes, "mau.csv"), (workbook, "mau.xlsx") })
        {
            var report = await (await admin.PostFileAsync("/api/enterprises/imports/dry-run", content, name)).Json();
            Assert.Equal(0, report.GetProperty("errorCount").GetInt32());
            Assert.Equal(1, report.GetProperty("totalRows").GetInt32());
        }
    }

    [Fact]
    public async Task Import_needs_the_import_permission()
    {
        var user = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser);
        var file = ImportTestSupport.Csv([["Mã số thuế", "Tên doanh nghiệp"], [TestData.NewTaxCode(), "X"]]);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostFileAsync("/api/enterprises/imports/dry-run", file, "a.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostFileAsync("/api/enterprises/imports", file, "a.csv")).StatusCode);
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostFileAsync("/api/enterprises/imports/dry-run", file, "a.csv")).StatusCode);
    }
}
