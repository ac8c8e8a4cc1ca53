using System.Globalization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;

namespace SmeSupport.Enterprises.Import;

/// <summary>
/// An import row's changes as the reader sees them (current UI culture), as the timeline shows an enterprise's changes: the field's
/// label (<c>TimelineField.*</c>), a legal form by its label, amounts grouped with ₫, a province or commune/ward code by its name.
/// The field's API name and the raw values stay as they are (and are stored so); the label and texts are added when answered.
/// </summary>
internal static class ImportChangeText
{
    /// <summary>The label key of each API field name (<c>TimelineField.{key}</c>).</summary>
    private static readonly Dictionary<string, string> LabelKeys = new(StringComparer.Ordinal)
    {
        ["name"] = "Name",
        ["shortName"] = "ShortName",
        ["legalForm"] = "LegalForm",
        ["industryCode"] = "IndustryCode",
        ["employees"] = "Employees",
        ["annualRevenueVnd"] = "AnnualRevenueVnd",
        ["capitalVnd"] = "CapitalVnd",
        ["provinceCode"] = "ProvinceCode",
        ["wardCode"] = "WardCode",
        ["oldWardCode"] = "OldWardCode",
        ["street"] = "Street",
        ["website"] = "Website",
        ["addressAsWritten"] = "AddressAsWritten",
        ["contact"] = "Contact",
    };

    /// <summary>The changes with their labels and values as shown; <paramref name="provinces"/> and <paramref name="wards"/> name the codes (when known).</summary>
    public static IReadOnlyList<ImportFieldChangeDto> Show(IEnumerable<ImportFieldChangeDto> changes,
        Func<int, string?>? provinces = null, Func<int, string?>? wards = null) =>
        changes.Select(c => Show(c, provinces, wards)).ToList();

    public static ImportFieldChangeDto Show(ImportFieldChangeDto change, Func<int, string?>? provinces,
        Func<int, string?>? wards)
    {
        var culture = CultureInfo.CurrentUICulture;
        var label = LabelKeys.TryGetValue(change.Field, out var key) ? EnterprisesText.GetIn("TimelineField." + key, culture) : null;
        return change with
        {
            Label = label,
            OldText = Value(change.Field, change.Old, provinces, wards),
            NewText = Value(change.Field, change.New, provinces, wards),
        };
    }

    /// <summary>The codes of provinces (<c>provinceCode</c>) and communes/wards (<c>wardCode</c>) the changes refer to.</summary>
    public static (HashSet<int> Provinces, HashSet<int> Wards) Codes(IEnumerable<ImportFieldChangeDto> changes)
    {
        var provinces = new HashSet<int>();
        var wards = new HashSet<int>();
        foreach (var c in changes)
        {
            var set = c.Field switch { "provinceCode" => provinces, "wardCode" => wards, _ => null };
            foreach (var v in new[] { c.Old, c.New })
            {
                if (set is not null && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                {
                    set.Add(code);
                }
            }
        }

        return (provinces, wards);
    }

    private static string? Value(string field, string? value, Func<int, string?>? provinces, Func<int, string?>? wards)
    {
        if (value is null)
        {
            return null;
        }

        var culture = CultureInfo.CurrentCulture;
        switch (field)
        {
            case "legalForm" when Enum.TryParse<LegalForm>(value, ignoreCase: false, out var form) && Enum.IsDefined(form):
                return EnterprisesText.GetIn("LegalForm." + form, CultureInfo.CurrentUICulture) ?? value;
            case "annualRevenueVnd" or "capitalVnd"
                when decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount):
                return decimal.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("#,0", culture) + " ₫";
            case "employees" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count):
                return count.ToString("#,0", culture);
            case "provinceCode" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                                     && provinces?.Invoke(p) is { } province:
                return province;
            case "wardCode" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                                 && wards?.Invoke(w) is { } ward:
                return ward;
            default:
                return value;
        }
    }
}
