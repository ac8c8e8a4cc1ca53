using System.Globalization;
using Microsoft.Extensions.Localization;

namespace SmeSupport.Enterprises.Import;

/// <summary>One row of the official conversion table (seeded for the new Phú Thọ): an old commune and the current one it went to.</summary>
internal sealed record OldWardRow(int OldProvinceCode, string OldProvinceName, string OldDistrictName, int OldWardCode, string OldWardName,
    int NewProvinceCode, int NewWardCode);

/// <summary>How an address written in pre-2025 units resolves.</summary>
/// <param name="OldWardCode">The old commune's code (kept on the enterprise) when one old commune was found.</param>
/// <param name="NewWardCode">The current commune/ward, when there is exactly one.</param>
/// <param name="NewProvinceCode">Its province.</param>
/// <param name="Error">Why the address cannot be converted (split, ambiguous, unknown), localized; null when resolved.</param>
internal sealed record OldAddressResolution(int? OldWardCode, int? NewWardCode, int? NewProvinceCode, string? Error);

/// <summary>
/// Looks up addresses in pre-1 July 2025 units (old province, old commune) in the official conversion table, the same table
/// <see cref="Application.EnterpriseAppService"/> uses for <c>oldWardCode</c> on create/edit. Names match without diacritics and
/// with or without "Tỉnh"/"Phường"/"Xã". Messages come from <see cref="EnterprisesText"/> (keys <c>Import.OldAddress.*</c>).
/// </summary>
internal sealed class OldAddressTable(IReadOnlyList<OldWardRow> rows, IStringLocalizer<EnterprisesText> text,
    IReadOnlyDictionary<int, (int ProvinceCode, string Name)> currentWards)
{
    private static readonly string[] ProvincePrefixes = ["tinh ", "thanh pho ", "tp "];
    private static readonly string[] WardPrefixes = ["phuong ", "xa ", "thi tran "];

    private readonly Dictionary<string, int> _provinces = rows
        .SelectMany(r => new[] { (Key: ImportColumns.FoldHeader(r.OldProvinceName), r.OldProvinceCode), (Key: Strip(ImportColumns.FoldHeader(r.OldProvinceName), ProvincePrefixes), r.OldProvinceCode) })
        .DistinctBy(p => p.Key).ToDictionary(p => p.Key, p => p.OldProvinceCode, StringComparer.Ordinal);

    private static string Strip(string folded, string[] prefixes)
    {
        foreach (var p in prefixes)
        {
            if (folded.StartsWith(p, StringComparison.Ordinal) && folded.Length > p.Length)
            {
                return folded[p.Length..].Trim();
            }
        }

        return folded;
    }

    /// <summary>The old province named <paramref name="name"/> (e.g. "Vĩnh Phúc", "Tỉnh Hoà Bình"), or null.</summary>
    public int? FindOldProvince(string name)
    {
        var f = ImportColumns.FoldHeader(name);
        return _provinces.TryGetValue(f, out var c) || _provinces.TryGetValue(Strip(f, ProvincePrefixes), out c) ? c : null;
    }

    /// <summary>The current provinces the old province's communes went to.</summary>
    public IReadOnlySet<int> NewProvincesOf(int oldProvinceCode) => rows.Where(r => r.OldProvinceCode == oldProvinceCode).Select(r => r.NewProvinceCode).ToHashSet();

    /// <summary>
    /// Resolves the old commune named <paramref name="wardText"/> in old province <paramref name="oldProvinceCode"/> (or, when null,
    /// any old commune now in <paramref name="newProvinceCode"/>). Null when no old commune has that name. Where the old commune split,
    /// the text naming one of the candidate current wards picks it (staff choose by writing the current ward).
    /// </summary>
    public OldAddressResolution? Resolve(int? oldProvinceCode, int? newProvinceCode, string wardText)
    {
        var f = ImportColumns.FoldHeader(wardText);
        var s = Strip(f, WardPrefixes);
        var matches = rows.Where(r => (oldProvinceCode is null || r.OldProvinceCode == oldProvinceCode)
                                      && (newProvinceCode is null || r.NewProvinceCode == newProvinceCode)
                                      && Strip(ImportColumns.FoldHeader(r.OldWardName), WardPrefixes) is var name
                                      && (name == f || name == s)).ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        var olds = matches.GroupBy(r => r.OldWardCode).ToList();
        if (olds.Count > 1)
        {
            var list = string.Join("; ", olds.Select(g => $"{g.First().OldWardName} ({g.First().OldDistrictName}, {g.First().OldProvinceName})"));
            return new OldAddressResolution(null, null, null, text["Import.OldAddress.Ambiguous", wardText, list].Value);
        }

        var old = olds[0].First();
        var targets = olds[0].Select(r => r.NewWardCode).Distinct().Order().ToList();
        if (targets.Count == 1)
        {
            return new OldAddressResolution(old.OldWardCode, targets[0], old.NewProvinceCode, null);
        }

        var candidates = string.Join(", ", targets.Select(c => currentWards.TryGetValue(c, out var w) ? $"{c} {w.Name}" : c.ToString(CultureInfo.InvariantCulture)));
        return new OldAddressResolution(old.OldWardCode, null, old.NewProvinceCode,
            text["Import.OldAddress.Split", old.OldWardName, $"{old.OldDistrictName}, {old.OldProvinceName}", candidates].Value);
    }

    /// <summary>"An old province needs the commune/ward" for the row's error.</summary>
    public string WardRequired(string provinceText) => text["Import.OldAddress.WardRequired", provinceText].Value;

    /// <summary>"Not an old commune of {province}" for the row's error.</summary>
    public string NotFound(string wardText, string provinceText) => text["Import.OldAddress.NotFound", wardText, provinceText].Value;
}
