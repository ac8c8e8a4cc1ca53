using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SmeSupport.Domain;

/// <summary>What kind of taxpayer a <see cref="TaxCode"/> identifies, read from its shape.</summary>
public enum TaxCodeKind
{
    /// <summary>
    /// A 10-digit code with a check digit: an enterprise or other organisation (and, before 1 July 2025,
    /// also the personal tax codes of individuals and household businesses, which had the same shape).
    /// </summary>
    Enterprise,

    /// <summary>A 13-digit code, canonically <c>NNNNNNNNNN-BBB</c>: a dependent unit (branch, representative office) of the 10-digit parent.</summary>
    Branch,

    /// <summary>
    /// A 12-digit personal identification number (số định danh cá nhân, the CCCD number), used as the tax code of
    /// individuals, households and household businesses since 1 July 2025 (Circular 86/2024/TT-BTC). It has no check digit.
    /// </summary>
    Individual,
}

/// <summary>Why a text is not a valid <see cref="TaxCode"/>; stable values, suitable for error codes and localization.</summary>
public enum TaxCodeError
{
    /// <summary>The text is valid (no error).</summary>
    None,

    /// <summary>Null, empty, or only separators.</summary>
    Empty,

    /// <summary>Contains a letter or another character that is neither an ASCII digit nor a separator (space, dot, dash).</summary>
    InvalidCharacters,

    /// <summary>Not 10, 12 or 13 digits.</summary>
    WrongLength,

    /// <summary>Digits 1–2 (the province of first registration) are <c>00</c>.</summary>
    InvalidProvincePrefix,

    /// <summary>Digits 3–9 (the sequence number) are <c>0000000</c>.</summary>
    ZeroSequence,

    /// <summary>The 10th digit does not match the check digit computed from digits 1–9, or no check digit exists for them.</summary>
    BadCheckDigit,

    /// <summary>A 13-digit code whose branch suffix (digits 11–13) is <c>000</c>.</summary>
    BranchSuffixZero,

    /// <summary>
    /// A 12-digit personal number whose digits 1–3 are not a province code of birth registration (<c>001</c>–<c>096</c>) or whose
    /// 4th digit (century and sex) names a century after the 21st (only <c>0</c>–<c>3</c>: 1900s or 2000s, male or female).
    /// </summary>
    InvalidPersonalNumber,
}

/// <summary>
/// A Vietnamese tax code (mã số thuế, MST), validated and kept in one canonical form.
/// </summary>
/// <remarks>
/// <para>Accepted shapes (Circular 105/2020/TT-BTC, replaced by Circular 86/2024/TT-BTC in force 6 Feb 2025):</para>
/// <list type="bullet">
/// <item><description><b>10 digits</b> (<see cref="TaxCodeKind.Enterprise"/>): digits 1–2 the province of first
/// registration (never <c>00</c>), digits 3–9 a sequence (not <c>0000000</c>), digit 10 a check digit.</description></item>
/// <item><description><b>13 digits</b> (<see cref="TaxCodeKind.Branch"/>): the parent's valid 10 digits, then a branch
/// number <c>001</c>–<c>999</c>; canonical form <c>0100109106-001</c>.</description></item>
/// <item><description><b>12 digits</b> (<see cref="TaxCodeKind.Individual"/>): the personal identification number used as
/// tax code since 1 July 2025; it has no check digit, so its shape is checked: digits 1–3 a province code of birth registration
/// (<c>001</c>–<c>096</c>), digit 4 the century and sex (<c>0</c>–<c>3</c>), digits 5–6 the year of birth.</description></item>
/// </list>
/// <para>Check digit: multiply digits 1–9 by 31, 29, 23, 19, 17, 13, 7, 5, 3 and sum; the check digit is
/// 10 − (sum mod 11). When sum mod 11 is 0 that gives 10, so no valid code starts with those nine digits.
/// This is the rule python-stdnum implements in <c>stdnum/vn/mst.py</c>.</para>
/// <para>Input may contain white space, dots and dashes anywhere (users type <c>0100.109.106</c>, <c>0100109106 001</c>,
/// or a 13-digit branch code without its dash); they are removed before validation. "Dash" means the ASCII hyphen-minus
/// and the Unicode dashes a word processor substitutes for it (U+2010–U+2014, U+2212). Nothing else is removed: letters,
/// full-width digits and other symbols are rejected.</para>
/// <para>Instances are immutable and compare equal when their canonical <see cref="Value"/>s are equal (ordinal).</para>
/// </remarks>
public sealed class TaxCode : IEquatable<TaxCode>, IParsable<TaxCode>
{
    private static readonly int[] Weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    private TaxCode(string value, TaxCodeKind kind)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>
    /// The canonical form: 10 digits (<c>0100109106</c>), 10 digits, a dash and 3 digits (<c>0100109106-001</c>),
    /// or 12 digits (<c>001085012345</c>). This is the form to store and to show.
    /// </summary>
    public string Value { get; }

    /// <summary>The kind of taxpayer, read from the shape of the code.</summary>
    public TaxCodeKind Kind { get; }

    /// <summary>For a <see cref="TaxCodeKind.Branch"/> code, the parent's 10-digit code; otherwise <see langword="null"/>.</summary>
    public TaxCode? Parent => Kind == TaxCodeKind.Branch ? new TaxCode(Value[..10], TaxCodeKind.Enterprise) : null;

    /// <summary>
    /// Parses a tax code, accepting spaces, dots and dashes anywhere in <paramref name="input"/>.
    /// </summary>
    /// <param name="input">The text as typed; may be <see langword="null"/>.</param>
    /// <param name="code">The parsed code when the result is <see langword="true"/>; otherwise <see langword="null"/>.</param>
    /// <param name="error">
    /// When the result is <see langword="false"/>, an English message that says which rule failed (empty, invalid
    /// characters, wrong length, province prefix 00, zero sequence, bad check digit, branch suffix 000);
    /// otherwise <see langword="null"/>. Use <see cref="TryParse(string?, out TaxCode?, out TaxCodeError)"/> for a stable code.
    /// </param>
    /// <returns><see langword="true"/> when <paramref name="input"/> is a valid tax code.</returns>
    public static bool TryParse(
        [NotNullWhen(true)] string? input,
        [NotNullWhen(true)] out TaxCode? code,
        [NotNullWhen(false)] out string? error)
    {
        var result = ParseCore(input, out code, out var message);
        error = result == TaxCodeError.None ? null : message;
        return result == TaxCodeError.None;
    }

    /// <summary>
    /// Parses a tax code as <see cref="TryParse(string?, out TaxCode?, out string?)"/> does, but reports the failed rule
    /// as a stable <see cref="TaxCodeError"/> (for error codes and localized messages).
    /// </summary>
    /// <param name="input">The text as typed; may be <see langword="null"/>.</param>
    /// <param name="code">The parsed code when the result is <see langword="true"/>; otherwise <see langword="null"/>.</param>
    /// <param name="error"><see cref="TaxCodeError.None"/> on success; otherwise the first rule that failed.</param>
    /// <returns><see langword="true"/> when <paramref name="input"/> is a valid tax code.</returns>
    public static bool TryParse(
        [NotNullWhen(true)] string? input,
        [NotNullWhen(true)] out TaxCode? code,
        out TaxCodeError error)
    {
        error = ParseCore(input, out code, out _);
        return error == TaxCodeError.None;
    }

    /// <summary>Parses a tax code, accepting spaces, dots and dashes anywhere.</summary>
    /// <param name="input">The text as typed.</param>
    /// <returns>The validated code in canonical form.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a valid tax code; the message says which rule failed.</exception>
    public static TaxCode Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ParseCore(input, out var code, out var message) != TaxCodeError.None)
        {
            throw new FormatException(message);
        }

        return code!;
    }

    /// <summary>Parses a tax code (<see cref="IParsable{TSelf}"/>, used by minimal-API binding); the provider is ignored.</summary>
    /// <param name="s">The text as typed.</param>
    /// <param name="provider">Ignored: tax codes do not depend on culture.</param>
    /// <returns>The validated code in canonical form.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a valid tax code.</exception>
    static TaxCode IParsable<TaxCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Tries to parse a tax code (<see cref="IParsable{TSelf}"/>); the provider is ignored.</summary>
    /// <param name="s">The text as typed.</param>
    /// <param name="provider">Ignored: tax codes do not depend on culture.</param>
    /// <param name="result">The parsed code, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid tax code.</returns>
    static bool IParsable<TaxCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out TaxCode result) =>
        TryParse(s, out result, out TaxCodeError _);

    /// <summary>
    /// Computes the check digit (the 10th digit) for the first nine digits of a 10-digit tax code.
    /// </summary>
    /// <param name="firstNineDigits">Exactly nine ASCII digits.</param>
    /// <returns>The check digit 0–9, or <see langword="null"/> when sum mod 11 is 0 (no valid code has these nine digits).</returns>
    /// <exception cref="ArgumentException"><paramref name="firstNineDigits"/> is not nine ASCII digits.</exception>
    public static int? ComputeCheckDigit(string firstNineDigits)
    {
        ArgumentNullException.ThrowIfNull(firstNineDigits);
        if (firstNineDigits.Length != 9 || !firstNineDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Exactly nine ASCII digits are required.", nameof(firstNineDigits));
        }

        return CheckDigit(firstNineDigits);
    }

    /// <summary>Returns the canonical form, <see cref="Value"/>.</summary>
    /// <returns>The canonical form.</returns>
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(TaxCode? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TaxCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>True when both are null or both have the same canonical value.</summary>
    /// <param name="left">A code or null.</param>
    /// <param name="right">A code or null.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TaxCode? left, TaxCode? right) => left is null ? right is null : left.Equals(right);

    /// <summary>True when they differ.</summary>
    /// <param name="left">A code or null.</param>
    /// <param name="right">A code or null.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TaxCode? left, TaxCode? right) => !(left == right);

    private static TaxCodeError ParseCore(string? input, out TaxCode? code, out string message)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            message = "Tax code is empty.";
            return TaxCodeError.Empty;
        }

        Span<char> digits = stackalloc char[16];
        var count = 0;
        foreach (var c in input)
        {
            if (IsSeparator(c))
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                message = char.IsLetter(c)
                    ? $"Tax code must contain only digits; found the letter '{c}'."
                    : $"Tax code must contain only digits, spaces, dots and dashes; found '{c}' (U+{(int)c:X4}).";
                return TaxCodeError.InvalidCharacters;
            }

            if (count < digits.Length)
            {
                digits[count] = c;
            }

            count++;
        }

        if (count == 0)
        {
            message = "Tax code is empty.";
            return TaxCodeError.Empty;
        }

        if (count is not (10 or 12 or 13))
        {
            message = string.Create(CultureInfo.InvariantCulture,
                $"Tax code must have 10 digits (enterprise), 13 digits (branch: 10 + 3) or 12 digits (individual); found {count} digits.");
            return TaxCodeError.WrongLength;
        }

        var text = new string(digits[..count]);
        if (count == 12)
        {
            // Circular 59/2021/TT-BCA: digits 1–3 the province (or city) of birth registration, 001–096; digit 4 century and sex
            // (0/1 the 1900s, 2/3 the 2000s; 4–9 are later centuries, so nobody alive has them); digits 5–6 the year of birth.
            var province = (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
            if (province is < 1 or > 96)
            {
                message = $"A 12-digit personal number must start with a province code of birth registration, 001–096; found {text[..3]}.";
                return TaxCodeError.InvalidPersonalNumber;
            }

            if (text[3] > '3')
            {
                message = $"The 4th digit of a 12-digit personal number (century and sex) must be 0–3 (born in the 1900s or 2000s); found {text[3]}.";
                return TaxCodeError.InvalidPersonalNumber;
            }

            code = new TaxCode(text, TaxCodeKind.Individual);
            message = string.Empty;
            return TaxCodeError.None;
        }

        var error = ValidateTenDigits(text.AsSpan(0, 10), out message);
        if (error != TaxCodeError.None)
        {
            return error;
        }

        if (count == 13)
        {
            if (text.AsSpan(10, 3).SequenceEqual("000"))
            {
                message = "Branch number (the last 3 digits) must be 001–999, not 000.";
                return TaxCodeError.BranchSuffixZero;
            }

            code = new TaxCode(string.Concat(text.AsSpan(0, 10), "-", text.AsSpan(10, 3)), TaxCodeKind.Branch);
        }
        else
        {
            code = new TaxCode(text, TaxCodeKind.Enterprise);
        }

        message = string.Empty;
        return TaxCodeError.None;
    }

    private static TaxCodeError ValidateTenDigits(ReadOnlySpan<char> ten, out string message)
    {
        if (ten[..2].SequenceEqual("00"))
        {
            message = "Tax code cannot start with 00: the first two digits are the province code.";
            return TaxCodeError.InvalidProvincePrefix;
        }

        if (ten[2..9].SequenceEqual("0000000"))
        {
            message = "Tax code digits 3–9 (the sequence number) cannot all be 0.";
            return TaxCodeError.ZeroSequence;
        }

        var check = CheckDigit(ten[..9]);
        if (check is null)
        {
            message = "Tax code is not valid: no valid check digit exists for its first nine digits; check for a typing error.";
            return TaxCodeError.BadCheckDigit;
        }

        if (ten[9] - '0' != check.Value)
        {
            message = "Tax code check digit (the 10th digit) does not match the first nine digits; check for a typing error.";
            return TaxCodeError.BadCheckDigit;
        }

        message = string.Empty;
        return TaxCodeError.None;
    }

    private static int? CheckDigit(ReadOnlySpan<char> nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += Weights[i] * (nine[i] - '0');
        }

        var remainder = sum % 11;
        return remainder == 0 ? null : 10 - remainder;
    }

    private static bool IsSeparator(char c) =>
        c is '.' or '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' || char.IsWhiteSpace(c);
}
