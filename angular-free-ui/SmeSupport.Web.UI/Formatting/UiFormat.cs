using System.Globalization;
using SmeSupport.Timing;

namespace SmeSupport.Web.UI.Formatting;

/// <summary>
/// Display formats of the UI (DOMAIN.md, "Vietnamese text"): money in VND with "." thousands
/// separators whatever the UI language, dates dd/MM/yyyy in Asia/Ho_Chi_Minh, counts and
/// percentages in the current UI culture.
/// </summary>
public static class UiFormat
{
    private static readonly NumberFormatInfo VndNumbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
    };

    /// <summary>A VND amount grouped with dots and the đồng sign, e.g. <c>1.500.000 ₫</c>. Fractions of a đồng are rounded away.</summary>
    public static string Vnd(decimal amount) => VndDigits(amount) + " ₫";

    /// <summary>A VND amount grouped with dots, without a currency sign (for form inputs), e.g. <c>1.500.000</c>.</summary>
    public static string VndDigits(decimal amount) =>
        decimal.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("#,##0", VndNumbers);

    /// <summary>
    /// Reads a VND amount typed by a person: digits with optional ".", ",", spaces, "₫", "đ" or "VND"
    /// as decoration (VND has no minor unit in practice, so separators are thousands separators).
    /// </summary>
    /// <returns>The amount, or null when the text holds anything else or is empty.</returns>
    public static decimal? ParseVnd(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = text.Trim()
            .Replace("VND", "", StringComparison.OrdinalIgnoreCase)
            .Replace("₫", "", StringComparison.Ordinal)
            .Replace("đ", "", StringComparison.OrdinalIgnoreCase);
        var digits = new System.Text.StringBuilder(cleaned.Length);
        foreach (var c in cleaned)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is not ('.' or ',' or ' ' or '\u00A0'))
            {
                return null;
            }
        }

        return digits.Length is > 0 and <= 20 ? decimal.Parse(digits.ToString(), CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A count in the current UI culture (vi: <c>1.234</c>, en: <c>1,234</c>).</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A share 0–1 as a percentage with at most one decimal, e.g. <c>45,3%</c> (vi) or <c>45.3%</c> (en).</summary>
    public static string Percent(double share) =>
        (Math.Round(share * 100, 1, MidpointRounding.AwayFromZero)).ToString("0.#", CultureInfo.CurrentCulture) + "%";

    /// <summary>The date of an instant in Vietnam, dd/MM/yyyy.</summary>
    public static string Date(DateTimeOffset instant) =>
        VietnamTime.FormatDate(DateOnly.FromDateTime(VietnamTime.ToLocal(instant).DateTime));

    /// <summary>An instant in Vietnam time, dd/MM/yyyy HH:mm.</summary>
    public static string DateTime(DateTimeOffset instant) => VietnamTime.FormatDateTime(instant);
}
