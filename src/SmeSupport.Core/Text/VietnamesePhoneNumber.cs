using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SmeSupport.Text;

/// <summary>
/// Vietnamese mobile numbers: validation, the canonical E.164 form (<c>+84xxxxxxxxx</c>) to store, and the national
/// form to show (<c>0912 345 678</c>).
/// </summary>
/// <remarks>
/// <para>A mobile number has 10 digits nationally: the trunk prefix 0, then 9 digits starting with 3, 5, 7, 8 or 9
/// (03x, 05x, 07x, 08x, 09x; DOMAIN.md, "Where enterprises are"). Internationally it is +84 followed by those 9 digits.
/// Only these leading digits are checked, not the carrier blocks allocated inside them, which change over time.
/// Landlines (02x) are not mobile numbers.</para>
/// <para>Accepted input: white space, dots, dashes and round brackets anywhere; a leading <c>+</c>; the forms
/// <c>0912345678</c>, <c>+84912345678</c>, <c>84912345678</c>, <c>0084912345678</c>, <c>+84 (0) 912 345 678</c>
/// (a trunk 0 kept after the country code), and <c>912345678</c> (nine digits, as left when a spreadsheet drops the
/// leading zero).</para>
/// </remarks>
public static class VietnamesePhoneNumber
{
    private const string CountryCode = "84";

    /// <summary>
    /// Validates a Vietnamese mobile number and converts it to E.164, <c>+84</c> followed by 9 digits.
    /// </summary>
    /// <param name="input">The number as typed; may be <see langword="null"/>.</param>
    /// <param name="e164">The canonical form (e.g. <c>+84912345678</c>) on success; <see cref="string.Empty"/> otherwise.</param>
    /// <param name="error">
    /// <see langword="null"/> on success; otherwise an English message saying which rule failed: empty, invalid
    /// characters, a country code other than +84, wrong number of digits, or not a mobile prefix.
    /// </param>
    /// <returns><see langword="true"/> when <paramref name="input"/> is a Vietnamese mobile number.</returns>
    public static bool TryNormalizeMobile(string? input, out string e164, [NotNullWhen(false)] out string? error)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = Text("Phone.Empty");
            return false;
        }

        Span<char> buffer = stackalloc char[32];
        var count = 0;
        var plus = false;
        foreach (var c in input)
        {
            if (IsSeparator(c))
            {
                continue;
            }

            if (c == '+' && count == 0 && !plus)
            {
                plus = true;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                error = char.IsLetter(c)
                    ? Text("Phone.Letter", c)
                    : Text("Phone.Character", c);
                return false;
            }

            if (count < buffer.Length)
            {
                buffer[count] = c;
            }

            count++;
        }

        if (count == 0)
        {
            error = Text("Phone.Empty");
            return false;
        }

        if (count > buffer.Length)
        {
            error = WrongLength(count);
            return false;
        }

        ReadOnlySpan<char> digits = buffer[..count];
        scoped ReadOnlySpan<char> national;
        if (plus)
        {
            if (!digits.StartsWith(CountryCode))
            {
                error = Text("Phone.CountryCodePlus");
                return false;
            }

            national = StripTrunkZero(digits[2..]);
        }
        else if (digits.StartsWith("00"))
        {
            if (!digits[2..].StartsWith(CountryCode))
            {
                error = Text("Phone.CountryCode");
                return false;
            }

            national = StripTrunkZero(digits[4..]);
        }
        else if (digits.StartsWith(CountryCode) && (count == 11 || (count == 12 && digits[2] == '0')))
        {
            national = StripTrunkZero(digits[2..]);
        }
        else if (digits[0] == '0')
        {
            national = digits[1..];
        }
        else
        {
            national = digits;
        }

        if (!national.IsEmpty && national[0] == '2')
        {
            error = Text("Phone.Landline");
            return false;
        }

        if (national.Length != 9)
        {
            error = WrongLength(count);
            return false;
        }

        if (national[0] is not ('3' or '5' or '7' or '8' or '9'))
        {
            error = Text("Phone.NotMobile");
            return false;
        }

        e164 = string.Concat("+", CountryCode, national);
        error = null;
        return true;
    }

    /// <summary>
    /// Formats a mobile number in the national form people read: <c>0912 345 678</c> (4, 3 and 3 digits).
    /// </summary>
    /// <param name="mobile">A mobile number in any form <see cref="TryNormalizeMobile"/> accepts (usually the stored E.164 form).</param>
    /// <returns>The national form with two spaces.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mobile"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="mobile"/> is not a Vietnamese mobile number.</exception>
    public static string FormatForDisplay(string mobile)
    {
        ArgumentNullException.ThrowIfNull(mobile);
        if (!TryNormalizeMobile(mobile, out var e164, out var error))
        {
            throw new FormatException(error);
        }

        var national = e164.AsSpan(3);
        return string.Create(CultureInfo.InvariantCulture, $"0{national[..3]} {national[3..6]} {national[6..]}");
    }

    private static ReadOnlySpan<char> StripTrunkZero(ReadOnlySpan<char> afterCountryCode) =>
        afterCountryCode.Length == 10 && afterCountryCode[0] == '0' ? afterCountryCode[1..] : afterCountryCode;

    private static string WrongLength(int count) => Text("Phone.WrongLength", count);

    private static readonly System.Resources.ResourceManager Messages = new(typeof(SmeSupport.Errors.CoreErrorMessages));

    /// <summary>The message <paramref name="key"/> (<c>Phone.*</c> in CoreErrorMessages.resx) in the current UI culture (the request's).</summary>
    private static string Text(string key, params object[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = Messages.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }

    private static bool IsSeparator(char c) =>
        c is '.' or '-' or '(' or ')' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' || char.IsWhiteSpace(c);
}
