using System.Net;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>Import rows with addresses in pre-2025 units, converted through the official table (the same one create/edit uses).</summary>
public sealed class ImportOldAddressTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task Dry_run_converts_an_old_address_keeps_it_as_written_and_reports_a_split_commune_with_its_candidates()
    {
        var admin = await app.CreateAdminClientAsync();
        string[] header = ["Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Tỉnh/thành phố", "Xã/phường"];
        var (a, b, c, d) = (TestData.NewTaxCode(), TestData.NewTaxCode(), TestData.NewTaxCode(), TestData.NewTaxCode());
        var file = ImportTestSupport.Csv([
            header,
            [a, "Công ty TNHH Tích Sơn", "Công ty TNHH một thành viên", "Vĩnh Phúc", "Phường Tích Sơn"],
            [b, "Công ty TNHH Vầy Nưa", "Công ty TNHH một thành viên", "Tỉnh Hoà Bình", "Xã Vầy Nưa"],
            [c, "Công ty TNHH Tiền Phong", "Công ty TNHH một thành viên", "Hòa Bình", "4891"],
            [d, "Công ty TNHH Tích Sơn Hai", "Công ty TNHH một thành viên", "Phú Thọ", "Phường Tích Sơn"],
        ]);

        var response = await admin.PostFileAsync("/api/enterprises/imports/dry-run", file, "dia-chi-cu.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Json()).GetProperty("rows");

        // Old Vĩnh Phúc, Phường Tích Sơn (old code 8707, merged whole) → current Phường Vĩnh Yên (8707) of Phú Thọ (25).
        var converted = rows.RowNumbered(2);
        Assert.Equal("Create", converted.GetProperty("outcome").GetString());
        Assert.Empty(converted.GetProperty("errors").EnumerateArray());
        Assert.Equal((null, "8707"), converted.Change("wardCode"));
        Assert.Equal((null, "25"), converted.Change("provinceCode"));
        Assert.Equal((null, "Phường Tích Sơn, Vĩnh Phúc"), converted.Change("addressAsWritten"));

        // Old Xã Vầy Nưa split between two current communes: one error on the ward cell naming both; no "required" noise.
        var split = rows.RowNumbered(3);
        Assert.Equal("Error", split.GetProperty("outcome").GetString());
        var error = split.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("Xã/phường", error.GetProperty("column").GetString());
        Assert.Equal("Xã/phường cũ 'Xã Vầy Nưa' (Huyện Đà Bắc, Tỉnh Hoà Bình) đã được chia cho nhiều xã/phường mới: 4828 Phường Thống Nhất, 4891 Xã Tiền Phong. Ghi mã xã/phường mới đã chọn vào cột xã/phường.",
            error.GetProperty("message").GetString());

        // Staff choose: the old province with the chosen current ward's code.
        var chosen = rows.RowNumbered(4);
        Assert.Equal("Create", chosen.GetProperty("outcome").GetString());
        Assert.Equal((null, "4891"), chosen.Change("wardCode"));

        // An old commune's name under the current province converts too.
        var underNew = rows.RowNumbered(5);
        Assert.Equal("Create", underNew.GetProperty("outcome").GetString());
        Assert.Equal((null, "8707"), underNew.Change("wardCode"));
    }

    [Fact]
    public async Task Import_stores_the_current_ward_and_the_old_commune_as_written()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        var file = ImportTestSupport.Csv([
            ["Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Tỉnh/thành phố", "Xã/phường"],
            [code, "Công ty TNHH Địa Chỉ Cũ", "Công ty TNHH một thành viên", "Vĩnh Phúc", "Tích Sơn"],
        ]);
        var batch = await app.ImportAsync(admin, file, "dia-chi-cu.csv");
        Assert.Equal(1, batch.GetProperty("createdCount").GetInt32());
        Assert.Equal(8707L, app.Scalar($"SELECT WardCode FROM Enterprises WHERE TaxCode = '{code}'"));
        Assert.Equal(8707L, app.Scalar($"SELECT OldWardCode FROM Enterprises WHERE TaxCode = '{code}'"));
        Assert.Equal(25L, app.Scalar($"SELECT ProvinceCode FROM Enterprises WHERE TaxCode = '{code}'"));
    }

    [Fact]
    public async Task The_progress_fragment_of_a_finished_import_refreshes_the_history_with_its_real_status_and_counts()
    {
        var admin = await app.CreateAdminClientAsync();
        var file = ImportTestSupport.Csv([
            ["Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Xã/phường"],
            [TestData.NewTaxCode(), "Công ty TNHH Lịch Sử", "Công ty TNHH một thành viên", "Phường Việt Trì"],
            ["123", "Sai mã", "Công ty TNHH một thành viên", "Phường Việt Trì"],
        ]);
        var batch = await app.ImportAsync(admin, file, "lich-su.csv");
        var id = batch.GetProperty("id").GetGuid();

        var html = await admin.GetStringAsync($"/Enterprises/Import?handler=Progress&id={id}");
        var history = html[html.IndexOf("id=\"import-history-section\"", StringComparison.Ordinal)..];
        Assert.Contains("hx-swap-oob=\"true\"", history[..80], StringComparison.Ordinal);
        var row = history[history.IndexOf($"id={id}", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<td>Hoàn tất</td>", System.Net.WebUtility.HtmlDecode(row), StringComparison.Ordinal);
        Assert.Contains("<td>1 / 0 / 1</td>", row, StringComparison.Ordinal);
    }
}
