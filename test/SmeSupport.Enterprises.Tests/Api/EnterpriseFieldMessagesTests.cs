using System.Net;
using System.Net.Http.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>A duplicate tax code through the staff API: the detail and the field message in Vietnamese by default, English on request.</summary>
public sealed class EnterpriseFieldMessagesTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task A_duplicate_tax_code_is_told_in_the_detail_and_on_the_field_in_both_languages()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = TestData.NewTaxCode();
        await TestData.CreateEnterpriseAsync(admin, code, "Công ty TNHH Trùng Mã");
        var before = app.Scalar("SELECT COUNT(*) FROM Enterprises");

        var vi = await admin.PostAsJsonAsync("/api/enterprises", TestData.Enterprise(code, "Công ty TNHH Trùng Mã Hai"));
        var en = await admin.PostAsJsonAsync("/api/enterprises?culture=en", TestData.Enterprise(code, "Công ty TNHH Trùng Mã Hai"));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (vi.StatusCode, en.StatusCode));
        var viProblem = await vi.Json();
        var enProblem = await en.Json();
        Assert.Equal("SmeSupport:Enterprises:DuplicateTaxCode", viProblem.Code());
        Assert.Equal($"Mã số thuế {code} đã được đăng ký cho một doanh nghiệp khác.", viProblem.GetProperty("detail").GetString());
        Assert.Equal($"An enterprise with tax code {code} is already registered.", enProblem.GetProperty("detail").GetString());
        Assert.Equal($"Mã số thuế {code} đã được đăng ký với văn phòng.", viProblem.GetProperty("errors").GetProperty("taxCode")[0].GetString());
        Assert.Equal($"Tax code {code} is already registered.", enProblem.GetProperty("errors").GetProperty("taxCode")[0].GetString());
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Enterprises"));
    }
}
