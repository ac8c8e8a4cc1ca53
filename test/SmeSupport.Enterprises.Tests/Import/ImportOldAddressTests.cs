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
}
