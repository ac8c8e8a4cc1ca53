using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>What a fresh database holds after start-up, and the health and OpenAPI endpoints.</summary>
public sealed class SeedAndHealthTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task Reference_data_has_34_provinces_148_phu_tho_units_and_the_conversion_table()
    {
        var client = await app.CreateAdminClientAsync();
        var provinces = await client.GetFromJsonAsync<JsonElement>("/api/administrative-units/provinces");
        Assert.Equal(34, provinces.GetArrayLength());
        Assert.Contains(provinces.EnumerateArray(), p => p.GetProperty("code").GetInt32() == 25 && p.GetProperty("name").GetString() == "Tỉnh Phú Thọ");

        var wards = await client.GetFromJsonAsync<JsonElement>("/api/administrative-units/provinces/25/wards");
        Assert.Equal(148, wards.GetArrayLength());
        Assert.Equal(15, wards.EnumerateArray().Count(w => w.GetProperty("divisionType").GetString() == "phường"));

        // Old units of Phú Thọ, Vĩnh Phúc (26) and Hòa Bình (17) all map into new Phú Thọ.
        Assert.Equal(3, app.Scalar("SELECT COUNT(DISTINCT OldProvinceCode) FROM WardConversions"));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM WardConversions WHERE NewWardCode NOT IN (SELECT Code FROM Wards WHERE ProvinceCode = 25)"));
    }

    [Fact]
    public void Demo_data_is_150_valid_pilots_of_every_form_and_size_in_real_phu_tho_communes()
    {
        Assert.Equal(150, app.Scalar("SELECT COUNT(*) FROM Enterprises WHERE ProgrammeStatus = 1"));
        Assert.Equal(7, app.Scalar("SELECT COUNT(DISTINCT LegalForm) FROM Enterprises"));
        Assert.Equal(4, app.Scalar("SELECT COUNT(DISTINCT Size) FROM Enterprises"));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM Enterprises WHERE WardCode NOT IN (SELECT Code FROM Wards WHERE ProvinceCode = 25)"));
        Assert.True(app.Scalar("SELECT COUNT(DISTINCT WardCode) FROM Enterprises") > 50);
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM Contacts WHERE Email NOT LIKE '%@%.example.com'"));

        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT TaxCode FROM Enterprises";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            Assert.True(SmeSupport.Domain.TaxCode.TryParse(reader.GetString(0), out _, out string? error), error);
        }
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var counts = new[] { "Enterprises", "Contacts", "Wards", "WardConversions", "AspNetRoles", "AspNetRoleClaims", "AspNetUsers" }
            .ToDictionary(t => t, t => app.Scalar($"SELECT COUNT(*) FROM {t}"));

        await app.WithScopeAsync(async sp =>
        {
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SmeSupport.Data.DataSeeder>(sp)
                .SeedAsync(new SmeSupport.Data.DataSeedContext { DemoData = true, AdminEmail = SmeSupportAppFactory.AdminEmail, AdminPassword = "x" });
            return 0;
        });

        foreach (var (table, count) in counts)
        {
            Assert.Equal(count, app.Scalar($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task Health_is_200_and_openapi_document_lists_the_enterprise_api()
    {
        var client = app.CreateAnonymousClient();
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/enterprises", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/enterprises/{id}", out _));
    }

    [Fact]
    public async Task Dashboard_shows_the_programme_headline_figures()
    {
        var client = await app.CreateAdminClientAsync();
        var d = await client.GetFromJsonAsync<JsonElement>("/api/reporting/dashboard");
        Assert.Equal(150, d.GetProperty("pilotEnterprises").GetInt32());
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM Trials WHERE Status = 1"), d.GetProperty("activeTrials").GetInt32());
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM SupportCases WHERE Status NOT IN (4, 5)"), d.GetProperty("openCases").GetInt32());
        Assert.InRange(d.GetProperty("issuingEInvoicesShare").GetDouble(), 0.0, 1.0);
    }
}
