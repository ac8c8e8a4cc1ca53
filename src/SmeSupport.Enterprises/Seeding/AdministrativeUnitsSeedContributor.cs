using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Seeding;

/// <summary>
/// Seeds the 34 provinces, every commune/ward after 1 July 2025, and the official old→new conversion
/// rows of new Phú Thọ (province 25), from CSV files embedded in this assembly (see
/// <c>Seeding/Data/SOURCE.md</c>). Inserts only what is missing, so it is idempotent.
/// </summary>
internal sealed class AdministrativeUnitsSeedContributor(EnterprisesDb db) : IDataSeedContributor
{
    /// <summary>New Phú Thọ (Vĩnh Phúc and Hòa Bình merged into it).</summary>
    public const int PhuThoProvinceCode = 25;

    public int Order => 100;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        var provinces = await db.Provinces.Select(p => p.Code).ToHashSetAsync(cancellationToken);
        foreach (var row in Read("provinces-2025.csv"))
        {
            var code = int.Parse(row["code"], CultureInfo.InvariantCulture);
            if (provinces.Add(code))
            {
                db.Provinces.Add(new Province
                {
                    Code = code,
                    Name = VietnameseText.Normalize(row["name"]),
                    DivisionType = VietnameseText.Normalize(row["division_type"]),
                    PhoneCode = Empty(row["phone_code"]),
                });
            }
        }

        var wards = await db.Wards.Select(w => w.Code).ToHashSetAsync(cancellationToken);
        foreach (var row in Read("wards-2025.csv"))
        {
            var code = int.Parse(row["code"], CultureInfo.InvariantCulture);
            if (wards.Add(code))
            {
                var name = VietnameseText.Normalize(row["name"]);
                db.Wards.Add(new Ward
                {
                    Code = code,
                    Name = name,
                    NameSortKey = VietnameseText.SortKey(name),
                    DivisionType = VietnameseText.Normalize(row["division_type"]),
                    ProvinceCode = int.Parse(row["province_code"], CultureInfo.InvariantCulture),
                });
            }
        }

        if (!await db.WardConversions.AnyAsync(cancellationToken))
        {
            foreach (var row in Read("ward-conversion-2025.csv"))
            {
                var newProvince = int.Parse(row["new_province_code"], CultureInfo.InvariantCulture);
                if (newProvince != PhuThoProvinceCode)
                {
                    continue;
                }

                db.WardConversions.Add(new WardConversion
                {
                    NewProvinceCode = newProvince,
                    NewWardCode = int.Parse(row["new_ward_code"], CultureInfo.InvariantCulture),
                    OldWardCode = int.Parse(row["old_ward_code"], CultureInfo.InvariantCulture),
                    OldWardName = VietnameseText.Normalize(row["old_ward_name"]),
                    OldDistrictCode = int.Parse(row["old_district_code"], CultureInfo.InvariantCulture),
                    OldDistrictName = VietnameseText.Normalize(row["old_district_name"]),
                    OldProvinceCode = int.Parse(row["old_province_code"], CultureInfo.InvariantCulture),
                    OldProvinceName = VietnameseText.Normalize(row["old_province_name"]),
                    Note = Empty(row["note"]),
                });
            }
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : VietnameseText.Normalize(s);

    /// <summary>Reads an embedded CSV as header → value rows.</summary>
    internal static IEnumerable<IReadOnlyDictionary<string, string>> Read(string fileName)
    {
        var assembly = typeof(AdministrativeUnitsSeedContributor).Assembly;
        using var stream = assembly.GetManifestResourceStream($"SmeSupport.Enterprises.Data.{fileName}")
                           ?? throw new InvalidOperationException($"Embedded reference data {fileName} is missing from the build.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var h in header)
            {
                row[h] = csv.GetField(h) ?? "";
            }

            yield return row;
        }
    }
}
