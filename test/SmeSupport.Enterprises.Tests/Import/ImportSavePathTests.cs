using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>
/// How the import job writes the enterprises it updates: the same record, audit entry and change stamps as an update saved through the unit
/// of work, and a record changed meanwhile is never overwritten.
/// </summary>
public sealed class ImportSavePathTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly string[] Header =
    [
        "Mã số thuế", "Tên doanh nghiệp", "Loại hình doanh nghiệp", "Xã/phường", "Số lao động", "Doanh thu (VND)", "Vốn (VND)",
        "Ngành nghề chính (VSIC)",
    ];

    private const string OriginalName = "Công ty TNHH Thử nghiệm Hòa Bình";

    private List<string[]> Rows(string sql, int columns)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var list = new List<string[]>();
        while (reader.Read())
        {
            list.Add(Enumerable.Range(0, columns).Select(i => reader.IsDBNull(i) ? "<null>" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        }

        return list;
    }

    /// <summary>A time as the SQLite database stores it.</summary>
    private static string Stored(DateTimeOffset at) =>
        Convert.ToString(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(at),
            System.Globalization.CultureInfo.InvariantCulture)!;

    private static string Upper(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>The enterprise's "Updated" audit entries, oldest first: action, user name, user id, when, changes.</summary>
    private List<string[]> Updates(Guid id) =>
        Rows($"SELECT Action, ifnull(UserName, ''), ifnull(UserId, ''), At, Changes FROM AuditLog WHERE EntityType = 'Enterprise' "
             + $"AND Action = 'Updated' AND upper(EntityId) = '{Upper(id)}' ORDER BY At, Id", 5);

    /// <summary>Every column of the enterprise's row, by name.</summary>
    private Dictionary<string, string> Record(Guid id)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT * FROM Enterprises WHERE upper(Id) = '{Upper(id)}'";
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName,
            i => reader.IsDBNull(i) ? "<null>" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!);
    }

    [Fact]
    public async Task Imported_update_leaves_the_same_record_and_audit_entry_as_the_same_update_through_the_api()
    {
        var admin = await app.CreateAdminClientAsync();
        var officerEmail = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var officer = await app.CreateClientAsync(officerEmail, SmeSupportAppFactory.UserPassword);
        var officerId = Rows($"SELECT Id FROM AspNetUsers WHERE Email = '{officerEmail}'", 1).Single()[0];

        // Twins: the same profile under two tax codes. One is updated by the import, the other through the API with the values the import wrote.
        var (code1, code2) = (TestData.NewTaxCode(), TestData.NewTaxCode());
        var byImport = await TestData.CreateEnterpriseAsync(admin, code1);
        var byApi = await TestData.CreateEnterpriseAsync(admin, code2);

        var start = long.Parse(Stored(DateTimeOffset.UtcNow), System.Globalization.CultureInfo.InvariantCulture);
        var batch = await app.ImportAsync(officer, ImportTestSupport.Csv(
        [
            Header,
            [code1, "Công ty Cổ phần Sau Nhập", "CTCP", "Phường Việt Trì", "40", "3.000.000.000", null, "4690"],
        ]), "update.csv");
        Assert.Equal("Completed", batch.GetProperty("status").GetString());
        Assert.Equal(1, batch.GetProperty("updatedCount").GetInt32());

        var p = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{byImport}");
        var twin = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{byApi}");
        string? S(string name) => p.GetProperty(name).ValueKind == JsonValueKind.Null ? null : p.GetProperty(name).ToString();
        var put = await officer.PutAsJsonAsync($"/api/enterprises/{byApi}", new
        {
            taxCode = code2,
            name = S("name"),
            shortName = S("shortName"),
            legalForm = S("legalForm"),
            industryCode = S("industryCode"),
            employees = p.GetProperty("employees").GetInt32(),
            annualRevenueVnd = 3_000_000_000m, // as the file gives it (a decimal keeps its scale in the audit text)
            capitalVnd = p.GetProperty("capitalVnd").GetDecimal(),
            wardCode = p.GetProperty("wardCode").GetInt32(),
            street = S("street"),
            website = S("website"),
            programmeStatus = S("programmeStatus"),
            concurrencyStamp = twin.GetProperty("concurrencyStamp").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var end = long.Parse(Stored(DateTimeOffset.UtcNow), System.Globalization.CultureInfo.InvariantCulture);

        // The audit entry: who (the submitter), when, what (old → new), exactly as the unit of work's interceptor writes it.
        var fromImport = Assert.Single(Updates(byImport));
        var fromApi = Assert.Single(Updates(byApi));
        Assert.Equal(["Updated", officerEmail, officerId.ToUpperInvariant()], [fromImport[0], fromImport[1], fromImport[2].ToUpperInvariant()]);
        Assert.Equal(fromApi[..3], fromImport[..3]);
        Assert.InRange(long.Parse(fromImport[3], System.Globalization.CultureInfo.InvariantCulture), start, end);
        Assert.Equal(fromApi[4].Replace(code2, code1, StringComparison.Ordinal), fromImport[4]);
        using var changes = JsonDocument.Parse(fromImport[4]);
        Assert.Equal(OriginalName, changes.RootElement.GetProperty("Name").GetProperty("old").GetString());
        Assert.Equal("Công ty Cổ phần Sau Nhập", changes.RootElement.GetProperty("Name").GetProperty("new").GetString());
        Assert.Equal(5, changes.RootElement.GetProperty("Employees").GetProperty("old").GetInt32());
        Assert.Equal(40, changes.RootElement.GetProperty("Employees").GetProperty("new").GetInt32());
        Assert.Equal(7900, changes.RootElement.GetProperty("WardCode").GetProperty("new").GetInt32());
        Assert.False(changes.RootElement.TryGetProperty("ModifiedAt", out _));
        Assert.False(changes.RootElement.TryGetProperty("ConcurrencyStamp", out _));

        // The record itself: the same columns (last change time and user included), a new stamp, the one the import row recorded.
        var r1 = Record(byImport);
        var r2 = Record(byApi);
        foreach (var column in r1.Keys.Where(k => k is not ("Id" or "TaxCode" or "ConcurrencyStamp" or "SearchText" or "ModifiedAt" or "CreatedAt")))
        {
            Assert.True(r2[column] == r1[column], $"{column}: import wrote '{r1[column]}', the API '{r2[column]}'");
        }

        Assert.Equal(r2["SearchText"].Replace(code2, code1, StringComparison.Ordinal), r1["SearchText"]);
        Assert.Equal(officerId, r1["ModifiedBy"], ignoreCase: true);
        Assert.Equal(fromImport[3], r1["ModifiedAt"]);
        Assert.Equal(fromApi[3], r2["ModifiedAt"]);
        Assert.Equal(r1["ConcurrencyStamp"], Rows($"SELECT StampAfterImport FROM EnterpriseImportRows WHERE upper(EnterpriseId) = '{Upper(byImport)}'", 1).Single()[0]);

        // The timeline shows both changes alike.
        var t1 = (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{byImport}/timeline")).GetProperty("items").EnumerateArray()
            .First(e => e.GetProperty("kind").GetString() == "Audit.Updated");
        var t2 = (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{byApi}/timeline")).GetProperty("items").EnumerateArray()
            .First(e => e.GetProperty("kind").GetString() == "Audit.Updated");
        string Shown(JsonElement item) => string.Join("\n", item.EnumerateObject().Where(p => p.Name is not ("at" or "referenceId"))
            .Select(p => $"{p.Name}={p.Value.GetRawText()}"));
        Assert.Equal(Shown(t2).Replace(code2, code1, StringComparison.Ordinal), Shown(t1));
        Assert.Contains(t1.GetProperty("changes").EnumerateArray(), c => c.EnumerateObject()
            .Any(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Contains("Sau Nhập", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Imported_updates_move_the_change_stamp_and_the_search_sees_them()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        var id = await TestData.CreateEnterpriseAsync(admin, code);

        // The reporting caches key on the registry's change stamp; the search keeps an in-memory index: both are read before the import.
        string stampBefore;
        using (var scope = app.Services.CreateScope())
        {
            stampBefore = await scope.ServiceProvider.GetRequiredService<IEnterpriseLookup>().GetChangeStampAsync();
        }

        var before = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?q=Ngoc%20Lan%20Sau");
        Assert.Equal(0, before.GetProperty("totalCount").GetInt32());

        var batch = await app.ImportAsync(admin, ImportTestSupport.Csv(
        [
            Header,
            [code, "Công ty Ngọc Lan Sau Nhập", null, null, "9", null, null, null],
        ]), "stamp.csv");
        Assert.Equal(1, batch.GetProperty("updatedCount").GetInt32());
        Assert.Equal(0, batch.GetProperty("createdCount").GetInt32());

        using (var scope = app.Services.CreateScope())
        {
            Assert.NotEqual(stampBefore, await scope.ServiceProvider.GetRequiredService<IEnterpriseLookup>().GetChangeStampAsync());
        }

        var after = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?q=Ngoc%20Lan%20Sau");
        Assert.Equal([id], after.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToArray());
    }
}
