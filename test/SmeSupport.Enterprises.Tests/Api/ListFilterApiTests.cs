using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary><c>GET /api/enterprises</c> filters (commune/ward, legal form, size, cohort, VSIC section) with the search, in Vietnamese order.</summary>
public sealed class ListFilterApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private const int HoaBinhWard = 4795;

    [Fact]
    public async Task Filters_combine_with_the_search_and_sort_in_Vietnamese_order()
    {
        var admin = await app.CreateAdminClientAsync();
        var token = "zq" + Guid.NewGuid().ToString("N")[..6];

        async Task<Guid> Create(string name, int ward, string legalForm, string industry, int employees)
        {
            var response = await admin.PostAsJsonAsync("/api/enterprises", new
            {
                taxCode = TestData.NewTaxCode(), name = $"{name} {token}", legalForm, industryCode = industry, employees,
                annualRevenueVnd = 1_000_000_000m, capitalVnd = 1_000_000_000m, wardCode = ward,
            });
            return (await response.Json()).GetProperty("id").GetGuid();
        }

        var dong = await Create("Đông Á", HoaBinhWard, "JointStockCompany", "C1010", 5);
        var dung = await Create("Dung Hòa", HoaBinhWard, "SingleMemberLlc", "G4711", 60);
        var anh = await Create("Ánh Sao", HoaBinhWard, "JointStockCompany", "G4711", 5);
        var elsewhere = await Create("Bắc Hà", TestData.TanHoaWard, "JointStockCompany", "C1010", 5);
        await admin.PostAsJsonAsync($"/api/enterprises/{dong}/cohorts", new { name = $"Đợt thí điểm {token}", joinedOn = "2026-01-15" });

        async Task<List<string>> Names(string query)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises?q={token}&{query}");
            var names = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()![..^(token.Length + 1)]).ToList();
            Assert.Equal(names.Count, page.GetProperty("totalCount").GetInt32());
            return names;
        }

        // A < Ă < Â < B < C < D < Đ: "Ánh" before "Bắc", "Dung" before "Đông".
        Assert.Equal(["Ánh Sao", "Bắc Hà", "Dung Hòa", "Đông Á"], await Names("pageSize=50"));
        Assert.Equal(["Ánh Sao", "Dung Hòa", "Đông Á"], await Names($"wardCode={HoaBinhWard}"));
        Assert.Equal(["Ánh Sao", "Đông Á"], await Names($"wardCode={HoaBinhWard}&legalForm=JointStockCompany"));
        Assert.Equal(["Đông Á"], await Names($"wardCode={HoaBinhWard}&section=C"));
        Assert.Equal(["Bắc Hà", "Đông Á"], await Names("section=c"));
        // 60 employees in trade: medium (Decree 80/2021/NĐ-CP, Art. 5); the others are micro.
        Assert.Equal(["Dung Hòa"], await Names("size=Medium"));
        Assert.Equal(["Ánh Sao", "Bắc Hà", "Đông Á"], await Names("size=Micro"));
        Assert.Equal(["Đông Á"], await Names($"cohort={Uri.EscapeDataString($"dot thi diem {token}")}"));
        Assert.Empty(await Names($"wardCode={HoaBinhWard}&section=F"));

        // Paging keeps the order.
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises?q={token}&wardCode={HoaBinhWard}&page=2&pageSize=1");
        Assert.Equal(3, second.GetProperty("totalCount").GetInt32());
        Assert.Equal($"Dung Hòa {token}", second.GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString());
        _ = (anh, elsewhere, dung);
    }
}
