using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Domain;

namespace SmeSupport.Enterprises.Tests.Support;

/// <summary>Helpers shared by the API tests: valid random tax codes, JSON reading, enterprise creation.</summary>
internal static class TestData
{
    /// <summary>Phường Tân Hòa (Phú Thọ), a current ward.</summary>
    public const int TanHoaWard = 4792;

    /// <summary>A valid, random 10-digit tax code (province prefix 25, correct check digit).</summary>
    public static string NewTaxCode()
    {
        while (true)
        {
            var nine = "25" + Random.Shared.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            if (nine[2..] != "0000000" && TaxCode.ComputeCheckDigit(nine) is { } check)
            {
                return nine + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The same code with the check digit changed (so it is wrong).</summary>
    public static string WithWrongCheckDigit(string code) => code[..9] + (char)('0' + ((code[9] - '0' + 1) % 10));

    public static async Task<JsonElement> Json(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string? Code(this JsonElement problem) => problem.TryGetProperty("code", out var c) ? c.GetString() : null;

    public static object Enterprise(string taxCode, string name = "Công ty TNHH Thử nghiệm Hòa Bình", int? wardCode = TanHoaWard) => new
    {
        taxCode,
        name,
        legalForm = "SingleMemberLlc",
        industryCode = "4711",
        employees = 5,
        annualRevenueVnd = 2_000_000_000m,
        capitalVnd = 1_000_000_000m,
        wardCode,
        street = "Số 5, đường Trần Phú",
    };

    public static async Task<Guid> CreateEnterpriseAsync(HttpClient staff, string? taxCode = null, string name = "Công ty TNHH Thử nghiệm Hòa Bình", int wardCode = TanHoaWard)
    {
        var response = await staff.PostAsJsonAsync("/api/enterprises", Enterprise(taxCode ?? NewTaxCode(), name, wardCode));
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Json()).GetProperty("id").GetGuid();
    }
}
