using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Trials.Tests.Api;

/// <summary>The platform catalogue's field messages and the module's paging messages: Vietnamese by default, English with <c>?culture=en</c>.</summary>
public sealed class PlatformFieldMessagesApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("errors");
    }

    private static string Field(JsonElement errors, string field) => errors.GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task A_bad_platform_is_refused_field_by_field_in_vietnamese_and_in_english_and_nothing_is_stored()
    {
        var admin = await app.CreateAdminClientAsync();
        var before = app.Scalar("SELECT COUNT(*) FROM Platforms");
        var body = new { name = "", provider = new string('x', 101), priceAfterTrialVnd = 12.5m, defaultTrialDays = 400 };

        var vi = await ErrorsAsync(await admin.PostAsJsonAsync("/api/trials/platforms", body));
        Assert.Equal("Cần nhập tên nền tảng.", Field(vi, "name"));
        Assert.Equal("Nhà cung cấp tối đa 100 ký tự.", Field(vi, "provider"));
        Assert.Equal("Cần chọn nhóm nền tảng.", Field(vi, "category"));
        Assert.Equal("Cần chọn chương trình.", Field(vi, "programme"));
        Assert.Equal("Thời gian dùng thử mặc định phải từ 1 đến 365 ngày.", Field(vi, "defaultTrialDays"));
        Assert.Equal("Giá phải là số đồng nguyên.", Field(vi, "priceAfterTrialVnd"));

        var en = await ErrorsAsync(await admin.PostAsJsonAsync("/api/trials/platforms?culture=en", body));
        Assert.Equal("Name is required.", Field(en, "name"));
        Assert.Equal("Provider must be at most 100 characters.", Field(en, "provider"));
        Assert.Equal("Category is required.", Field(en, "category"));
        Assert.Equal("Programme is required.", Field(en, "programme"));
        Assert.Equal("Default trial length must be between 1 and 365 days.", Field(en, "defaultTrialDays"));
        Assert.Equal("Price is in whole VND.", Field(en, "priceAfterTrialVnd"));
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Platforms"));
    }

    [Fact]
    public async Task A_page_size_out_of_range_is_told_in_vietnamese_and_in_english()
    {
        var admin = await app.CreateAdminClientAsync();
        Assert.Equal("Số dòng mỗi trang phải từ 1 đến 200.", Field(await ErrorsAsync(await admin.GetAsync("/api/trials?pageSize=500")), "pageSize"));
        Assert.Equal("Page size must be between 1 and 200.", Field(await ErrorsAsync(await admin.GetAsync("/api/trials?pageSize=500&culture=en")), "pageSize"));
        Assert.Equal("Số trang phải từ 1 trở lên.", Field(await ErrorsAsync(await admin.GetAsync("/api/trials?page=0")), "page"));
        Assert.Equal("Page must be 1 or more.", Field(await ErrorsAsync(await admin.GetAsync("/api/trials?page=0&culture=en")), "page"));
    }
}
