using System.Globalization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Import;

/// <summary>The enterprise values an import may change: compared for the dry run, kept per row for revert.</summary>
internal sealed record Snapshot(string Name, string? ShortName, LegalForm LegalForm, string? IndustryCode, int Employees, decimal AnnualRevenueVnd,
    decimal CapitalVnd, int ProvinceCode, int WardCode, int? OldWardCode, string? Street, string? Website)
{
    public static Snapshot Of(Enterprise e) => new(e.Name, e.ShortName, e.LegalForm, e.IndustryCode, e.Employees, e.AnnualRevenueVnd, e.CapitalVnd,
        e.ProvinceCode, e.WardCode, e.OldWardCode, e.Street, e.Website);

    /// <summary>The values <see cref="Application.EnterpriseAppService.Apply"/> would store for <paramref name="input"/>.</summary>
    public static Snapshot Preview(CreateEnterpriseDto input, int provinceCode, int wardCode) => new(
        VietnameseText.Normalize(input.Name),
        string.IsNullOrWhiteSpace(input.ShortName) ? null : VietnameseText.Normalize(input.ShortName),
        input.LegalForm!.Value,
        string.IsNullOrWhiteSpace(input.IndustryCode) ? null : input.IndustryCode.Trim().ToUpperInvariant(),
        input.Employees, input.AnnualRevenueVnd, input.CapitalVnd, provinceCode, wardCode, input.OldWardCode,
        string.IsNullOrWhiteSpace(input.Street) ? null : VietnameseText.Normalize(input.Street),
        string.IsNullOrWhiteSpace(input.Website) ? null : input.Website.Trim());

    /// <summary>Fields that differ (all non-empty fields of <paramref name="after"/> when <paramref name="before"/> is null), shown as text.</summary>
    public static IEnumerable<(string Field, string? Old, string? New)> Diff(Snapshot? before, Snapshot after)
    {
        static string Num(decimal d) => d.ToString("0", CultureInfo.InvariantCulture);
        var pairs = new (string, string?, string?)[]
        {
            ("name", before?.Name, after.Name),
            ("shortName", before?.ShortName, after.ShortName),
            ("legalForm", before?.LegalForm.ToString(), after.LegalForm.ToString()),
            ("industryCode", before?.IndustryCode, after.IndustryCode),
            ("employees", before?.Employees.ToString(CultureInfo.InvariantCulture), after.Employees.ToString(CultureInfo.InvariantCulture)),
            ("annualRevenueVnd", before is null ? null : Num(before.AnnualRevenueVnd), Num(after.AnnualRevenueVnd)),
            ("capitalVnd", before is null ? null : Num(before.CapitalVnd), Num(after.CapitalVnd)),
            ("provinceCode", before?.ProvinceCode.ToString(CultureInfo.InvariantCulture), after.ProvinceCode.ToString(CultureInfo.InvariantCulture)),
            ("wardCode", before?.WardCode.ToString(CultureInfo.InvariantCulture), after.WardCode.ToString(CultureInfo.InvariantCulture)),
            ("street", before?.Street, after.Street),
            ("website", before?.Website, after.Website),
        };
        return pairs.Where(p => !string.Equals(p.Item2, p.Item3, StringComparison.Ordinal) && (before is not null || p.Item3 is not null));
    }

    /// <summary>Puts these values back on <paramref name="e"/> (revert), keeping the derived keys and size in step.</summary>
    public void ApplyTo(Enterprise e)
    {
        e.LegalForm = LegalForm;
        e.IndustryCode = IndustryCode;
        e.IndustrySection = EnterpriseSizeClassifier.SectionOf(IndustryCode);
        e.ProvinceCode = ProvinceCode;
        e.WardCode = WardCode;
        e.OldWardCode = OldWardCode;
        e.Street = Street;
        e.Website = Website;
        e.SetNames(Name, ShortName);
        e.SetFigures(Employees, AnnualRevenueVnd, CapitalVnd);
    }
}
