using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Enterprises.Import;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>Row-level and field messages of the import (and the module's paging) in Vietnamese by default and in English on request.</summary>
public sealed class ImportRowMessagesTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public void A_row_refused_by_a_concurrent_change_is_kept_in_both_languages_without_database_internals()
    {
        var error = StoredCellError.InEveryCulture("Mã số thuế", "Import.RowConflict");
        Assert.Equal(("Mã số thuế", "Không ghi được dòng này: dòng xung đột với một thay đổi được thực hiện trong lúc nhập (ví dụ cùng mã số thuế vừa được đăng ký). "
                                   + "Hãy kiểm tra và nhập lại dòng này."), (error.For(CultureInfo.GetCultureInfo("vi")).Column, error.For(CultureInfo.GetCultureInfo("vi")).Message));
        Assert.Equal("The row could not be written: it conflicts with a change made meanwhile (for example the same tax code registered at the same time). "
                     + "Check it and import the row again.", error.For(CultureInfo.GetCultureInfo("en")).Message);
        Assert.Equal(error.For(CultureInfo.GetCultureInfo("vi")).Message, error.Message);

        // As stored (JSON) and read back.
        var stored = JsonSerializer.Deserialize<List<StoredCellError>>(JsonSerializer.Serialize(new[] { error }, EnterpriseImportProcessor.Json),
            EnterpriseImportProcessor.Json)!;
        Assert.Equal(error.For(CultureInfo.GetCultureInfo("en")), Assert.Single(stored).For(CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public async Task An_unknown_outcome_filter_and_a_bad_page_size_are_told_in_both_languages()
    {
        var admin = await app.CreateAdminClientAsync();
        var batch = await app.ImportAsync(admin, ImportTestSupport.Csv([["Tax code", "Name"], [TestData.NewTaxCode(), "Công ty TNHH Lọc Dòng"]]), "a.csv");
        var id = batch.GetProperty("id").GetGuid();

        async Task<(string? Vi, string? En)> FieldAsync(string url, string field)
        {
            var vi = await admin.GetAsync(url);
            var en = await admin.GetAsync(url + "&culture=en");
            Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (vi.StatusCode, en.StatusCode));
            return ((await vi.Json()).GetProperty("errors").GetProperty(field)[0].GetString(),
                (await en.Json()).GetProperty("errors").GetProperty(field)[0].GetString());
        }

        Assert.Equal(("Kết quả không thuộc các giá trị đã biết (Create, Update, Unchanged, Error).", "Outcome is not one of the known values (Create, Update, Unchanged, Error)."),
            await FieldAsync($"/api/enterprises/imports/{id}/rows?outcome=99", "outcome"));
        Assert.Equal(("Số dòng mỗi trang phải từ 1 đến 200.", "Page size must be between 1 and 200."),
            await FieldAsync($"/api/enterprises/imports/{id}/rows?pageSize=500", "pageSize"));
        Assert.Equal(("Số trang phải từ 1 trở lên.", "Page must be 1 or more."), await FieldAsync("/api/enterprises?page=0", "page"));
        Assert.Equal(("Số dòng mỗi trang phải từ 1 đến 200.", "Page size must be between 1 and 200."), await FieldAsync("/api/enterprises?pageSize=0", "pageSize"));
    }
}
