using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Import;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>Field messages of the enterprise rules: Vietnamese by default, English with culture en; in Problem Details and the import report.</summary>
public sealed class ValidationMessageTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static object BadEnterprise(string taxCode) => new
    {
        taxCode = TestData.WithWrongCheckDigit(taxCode),
        name = "   ",
        legalForm = "SingleMemberLlc",
        employees = -1,
        annualRevenueVnd = 0m,
        capitalVnd = 0m,
        wardCode = TestData.TanHoaWard,
        website = "ftp://example.vn",
    };

    private static Dictionary<string, string> FirstErrors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString()!);

    [Fact]
    public async Task Create_field_errors_are_vietnamese_by_default_and_english_with_culture_en_and_nothing_is_written()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        var before = app.Scalar("SELECT COUNT(*) FROM Enterprises");

        var vi = await admin.PostAsJsonAsync("/api/enterprises", BadEnterprise(code));
        Assert.Equal(HttpStatusCode.BadRequest, vi.StatusCode);
        var viErrors = FirstErrors(await vi.Json());
        Assert.Equal("Chữ số kiểm tra (chữ số thứ 10) của mã số thuế không đúng.", viErrors["taxCode"]);
        Assert.Equal("Tên doanh nghiệp là bắt buộc.", viErrors["name"]);
        Assert.Equal("Số lao động phải từ 0 đến 1.000.000.", viErrors["employees"]);
        Assert.Equal("Trang web phải là địa chỉ http hoặc https.", viErrors["website"]);

        var en = await admin.PostAsJsonAsync("/api/enterprises?culture=en", BadEnterprise(code));
        Assert.Equal(HttpStatusCode.BadRequest, en.StatusCode);
        var enErrors = FirstErrors(await en.Json());
        Assert.Equal("The check digit (10th digit) of the tax code is wrong.", enErrors["taxCode"]);
        Assert.Equal("Name is required.", enErrors["name"]);
        Assert.Equal("Employees must be between 0 and 1,000,000.", enErrors["employees"]);
        Assert.Equal("Website must be an http or https address.", enErrors["website"]);

        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Enterprises"));
    }

    [Fact]
    public async Task Contact_field_errors_are_vietnamese_by_default_and_english_with_culture_en()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin);
        var bad = new { fullName = " ", email = "khong-phai-email", position = new string('x', 101) };

        var vi = await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts", bad);
        Assert.Equal(HttpStatusCode.BadRequest, vi.StatusCode);
        var viErrors = FirstErrors(await vi.Json());
        Assert.Equal("Họ tên người liên hệ là bắt buộc.", viErrors["fullName"]);
        Assert.Equal("Địa chỉ email không hợp lệ.", viErrors["email"]);
        Assert.Equal("Chức vụ tối đa 100 ký tự.", viErrors["position"]);

        var en = await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts?culture=en", bad);
        var enErrors = FirstErrors(await en.Json());
        Assert.Equal("Full name is required.", enErrors["fullName"]);
        Assert.Equal("E-mail is not a valid address.", enErrors["email"]);
        Assert.Equal("Position must be at most 100 characters.", enErrors["position"]);
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM Contacts WHERE EnterpriseId = '{id.ToString().ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task Import_dry_run_reports_the_rule_messages_in_the_request_culture()
    {
        var admin = await app.CreateAdminClientAsync();
        var file = ImportTestSupport.Csv(
        [
            ["Mã số thuế", "Tên doanh nghiệp", "Loại hình doanh nghiệp", "Xã/phường", "Trang web"],
            [TestData.NewTaxCode(), "Công ty Trang Web Sai", "CTCP", "Phường Việt Trì", "ftp://example.vn"],
        ]);

        async Task<string> MessageAsync(string url)
        {
            var response = await admin.PostFileAsync(url, file, "web.csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var row = (await response.Json()).GetProperty("rows")[0];
            Assert.Equal("Error", row.GetProperty("outcome").GetString());
            return row.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("column").GetString() == "Trang web").GetProperty("message").GetString()!;
        }

        Assert.Equal("Trang web phải là địa chỉ http hoặc https.", await MessageAsync("/api/enterprises/imports/dry-run"));
        Assert.Equal("Website must be an http or https address.", await MessageAsync("/api/enterprises/imports/dry-run?culture=en"));
    }
    [Fact]
    public async Task Consent_cohort_and_mobile_messages_follow_the_request_culture()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await TestData.CreateEnterpriseAsync(admin);
        var contactId = (await (await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts",
            new { fullName = "Trần Thị Ngôn", email = $"ngon-{Guid.NewGuid():N}@example.vn" })).Json()).GetProperty("id").GetGuid();

        // The request culture comes from ?culture= (or the culture cookie); Accept-Language is deliberately not a culture source here.
        async Task<Dictionary<string, string>> ErrorsAsync(string url, object body, string language)
        {
            var response = await admin.PostAsJsonAsync($"{url}?culture={language}", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return FirstErrors(await response.Json());
        }

        var consents = $"/api/enterprises/{id}/contacts/{contactId}/consents";
        var badConsent = new { via = "Pigeon", grantedAt = DateTimeOffset.UtcNow.AddDays(2) };
        var vi = await ErrorsAsync(consents, badConsent, "vi");
        Assert.Equal("Cần chọn mục đích: tin dịch vụ (Service) hoặc tin chương trình/quảng cáo (Advertising).", vi["purpose"]);
        Assert.Equal("Thời điểm đồng ý không được ở tương lai.", vi["grantedAt"]);
        Assert.StartsWith("Cần cho biết sự đồng ý được đưa ra hoặc rút lại bằng cách nào: một trong ", vi["via"], StringComparison.Ordinal);
        var en = await ErrorsAsync(consents, badConsent, "en");
        Assert.Equal("Purpose is required: Service or Advertising.", en["purpose"]);
        Assert.Equal("The time of consent cannot be in the future.", en["grantedAt"]);
        Assert.StartsWith("How the consent was given or withdrawn is required: one of ", en["via"], StringComparison.Ordinal);
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM ContactConsents WHERE ContactId = '{contactId.ToString().ToUpperInvariant()}'"));

        var contacts = $"/api/enterprises/{id}/contacts";
        var landline = new { fullName = "Trần Văn Bàn", mobile = "0210 3845 678" };
        Assert.Equal("Không phải số di động: đây là số cố định (02x); số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09.",
            (await ErrorsAsync(contacts, landline, "vi"))["mobile"]);
        Assert.Equal("Not a mobile number: this is a landline number (02x); mobile numbers start with 03, 05, 07, 08 or 09.",
            (await ErrorsAsync(contacts, landline, "en"))["mobile"]);

        var cohorts = $"/api/enterprises/{id}/cohorts";
        Assert.Equal("Cần nhập tên nhóm thí điểm.", (await ErrorsAsync(cohorts, new { name = " ", joinedOn = "2026-01-05" }, "vi"))["name"]);
        Assert.Equal("Cohort name is required.", (await ErrorsAsync(cohorts, new { name = " ", joinedOn = "2026-01-05" }, "en"))["name"]);
    }
    [Fact]
    public async Task Import_row_messages_kept_by_the_job_are_shown_in_the_readers_culture()
    {
        var admin = await app.CreateAdminClientAsync();
        var taxCode = TestData.NewTaxCode();
        var file = ImportTestSupport.Csv(
        [
            ["Mã số thuế", "Tên doanh nghiệp", "Loại hình doanh nghiệp", "Xã/phường", "Số lao động"],
            [taxCode, "=CMD()", "CTCP", "Phường Việt Trì", "mười"],
        ]);
        var batch = await app.ImportAsync(admin, file, "ngon-ngu.csv");
        var id = batch.GetProperty("id").GetGuid();

        async Task<Dictionary<string, string>> MessagesAsync(string culture)
        {
            var rows = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}/rows?culture={culture}");
            var row = rows.GetProperty("items")[0];
            Assert.Equal("Error", row.GetProperty("outcome").GetString());
            return row.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("column").GetString()!, e => e.GetProperty("message").GetString()!);
        }

        var vi = await MessagesAsync("vi");
        Assert.Equal("Ô bắt đầu bằng '=', bảng tính sẽ chạy nó như một công thức; hãy bỏ ký tự đầu.", vi["Tên doanh nghiệp"]);
        Assert.Equal("'mười' không phải là một số nguyên lao động.", vi["Số lao động"]);
        var en = await MessagesAsync("en");
        Assert.Equal("The cell starts with '=', which a spreadsheet would run as a formula; remove the leading character.", en["Tên doanh nghiệp"]);
        Assert.Equal("'mười' is not a whole number of employees.", en["Số lao động"]);
    }

    [Fact]
    public async Task Import_tax_code_check_digit_message_is_kept_in_vietnamese_and_english_and_the_dry_run_follows_the_request_culture()
    {
        var admin = await app.CreateAdminClientAsync();
        var wrong = TestData.WithWrongCheckDigit(TestData.NewTaxCode());
        var file = ImportTestSupport.Csv(
        [
            ["Mã số thuế", "Tên doanh nghiệp", "Loại hình doanh nghiệp", "Xã/phường"],
            [wrong, "Công ty Sai Chữ Số Kiểm Tra", "CTCP", "Phường Việt Trì"],
            ["12A4567890", "Công ty Có Chữ", "CTCP", "Phường Việt Trì"],
        ]);
        const string viCheck = "Chữ số kiểm tra (chữ số thứ 10) của mã số thuế không đúng.";
        const string enCheck = "The check digit (10th digit) of the tax code is wrong.";

        // Kept by the job in both languages, shown in the reader's.
        var batch = await app.ImportAsync(admin, file, "chu-so-kiem-tra.csv");
        var id = batch.GetProperty("id").GetGuid();
        async Task<List<string>> MessagesAsync(string culture)
        {
            var rows = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}/rows?culture={culture}");
            return rows.GetProperty("items").EnumerateArray()
                .Select(r => r.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("column").GetString() == "Mã số thuế")
                    .GetProperty("message").GetString()!).ToList();
        }

        Assert.Equal([viCheck, "Mã số thuế chỉ gồm chữ số (có thể cách bằng dấu cách, dấu chấm hoặc gạch ngang)."], await MessagesAsync("vi"));
        Assert.Equal([enCheck, "Tax code may contain only digits (spaces, dots or a dash may separate them)."], await MessagesAsync("en"));

        // The dry run answers in the request's culture.
        foreach (var (culture, expected) in new[] { ("vi", viCheck), ("en", enCheck) })
        {
            var response = await admin.PostFileAsync($"/api/enterprises/imports/dry-run?culture={culture}", file, "chu-so-kiem-tra.csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var row = (await response.Json()).GetProperty("rows")[0];
            Assert.Equal(expected, row.GetProperty("errors")[0].GetProperty("message").GetString());
        }
    }
}
