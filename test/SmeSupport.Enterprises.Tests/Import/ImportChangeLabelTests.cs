using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>
/// An import's "what would change" list as the timeline shows it: each field by its label in the reader's language, a legal form by its
/// label, amounts grouped with ₫, a commune/ward by its name; the field's API name and raw values stay.
/// </summary>
public sealed class ImportChangeLabelTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private const int VietTriWard = 7900;

    private static (string? Label, string? Old, string? New) Shown(JsonElement row, string field) =>
        row.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("field").GetString() == field)
            .Select(c => (c.GetProperty("label").GetString(), c.GetProperty("oldText").GetString(), c.GetProperty("newText").GetString()))
            .Single();

    private static async Task<(byte[] File, string TaxCode)> UpdateFileAsync(HttpClient admin)
    {
        var taxCode = TestData.NewTaxCode();
        await TestData.CreateEnterpriseAsync(admin, taxCode, "Công ty TNHH Nhãn Trường");
        var file = ImportTestSupport.Csv(
        [
            ["Mã số thuế", "Tên doanh nghiệp", "Loại hình doanh nghiệp", "Xã/phường", "Số lao động", "Doanh thu (VND)"],
            [taxCode, "Công ty TNHH Nhãn Trường", "CTCP", VietTriWard.ToString(System.Globalization.CultureInfo.InvariantCulture), "1200", "5.000.000.000"],
        ]);
        return (file, taxCode);
    }

    private static void AssertVietnamese(JsonElement row)
    {
        Assert.Equal(("Số lao động", "5", "1.200"), Shown(row, "employees"));
        Assert.Equal(("Loại hình doanh nghiệp", "Công ty TNHH một thành viên", "Công ty cổ phần"), Shown(row, "legalForm"));
        Assert.Equal(("Doanh thu năm", "2.000.000.000 ₫", "5.000.000.000 ₫"), Shown(row, "annualRevenueVnd"));
        var ward = Shown(row, "wardCode");
        Assert.Equal("Xã/phường", ward.Label);
        Assert.DoesNotContain(ward.New!, VietTriWard.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Việt Trì", ward.New);

        // The API name and the raw value stay.
        Assert.Equal(("5", "1200"), row.Change("employees"));
        Assert.Equal(("SingleMemberLlc", "JointStockCompany"), row.Change("legalForm"));
    }

    private static void AssertEnglish(JsonElement row)
    {
        Assert.Equal(("Employees", "5", "1,200"), Shown(row, "employees"));
        Assert.Equal(("Legal form", "Single-member limited liability company", "Joint-stock company"), Shown(row, "legalForm"));
        Assert.Equal(("Annual revenue", "2,000,000,000 ₫", "5,000,000,000 ₫"), Shown(row, "annualRevenueVnd"));
        Assert.Equal("Commune/ward", Shown(row, "wardCode").Label);
    }

    [Fact]
    public async Task Dry_run_changes_carry_labels_and_values_as_shown_in_vietnamese_and_english()
    {
        var admin = await app.CreateAdminClientAsync();
        var (file, _) = await UpdateFileAsync(admin);

        var vi = await (await admin.PostFileAsync("/api/enterprises/imports/dry-run", file, "nhan.csv")).Json();
        var row = vi.GetProperty("rows").RowNumbered(2);
        Assert.Equal("Update", row.GetProperty("outcome").GetString());
        AssertVietnamese(row);

        var en = await (await admin.PostFileAsync("/api/enterprises/imports/dry-run?culture=en", file, "nhan.csv")).Json();
        AssertEnglish(en.GetProperty("rows").RowNumbered(2));
    }

    [Fact]
    public async Task Import_rows_carry_labels_and_values_as_shown_in_the_readers_language()
    {
        var admin = await app.CreateAdminClientAsync();
        var (file, _) = await UpdateFileAsync(admin);
        var batch = await app.ImportAsync(admin, file, "nhan.csv");
        var id = batch.GetProperty("id").GetGuid();

        var vi = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}/rows");
        AssertVietnamese(vi.GetProperty("items").RowNumbered(2));
        var en = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}/rows?culture=en");
        AssertEnglish(en.GetProperty("items").RowNumbered(2));
    }
}
