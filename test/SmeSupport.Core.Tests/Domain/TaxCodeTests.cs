using SmeSupport.Domain;

namespace SmeSupport.Core.Tests.Domain;

public class TaxCodeTests
{
    // Check digits below were computed by hand with weights 31, 29, 23, 19, 17, 13, 7, 5, 3:
    // 0100109106 (Viettel): 0+29+0+0+17+0+63+5+0 = 114; 114 mod 11 = 4; 10 - 4 = 6.
    // 0100233488: 0+29+0+0+34+39+21+20+24 = 167; 167 mod 11 = 2; 10 - 2 = 8.
    // 2000102580: 62+0+0+0+17+0+14+25+24 = 142; 142 mod 11 = 10; 10 - 10 = 0.
    // 011000001x: 0+29+23+0+0+0+0+0+3 = 55; 55 mod 11 = 0: no valid check digit.

    [Theory]
    [InlineData("0100109106", "0100109106")]
    [InlineData("0100233488", "0100233488")]
    [InlineData("0314409058", "0314409058")]
    [InlineData("0100112437", "0100112437")]
    [InlineData("2000102580", "2000102580")]
    [InlineData("8463763902", "8463763902")]
    [InlineData("01.00.112.437", "0100112437")]
    [InlineData("0100.109.106", "0100109106")]
    [InlineData(" 0100 109 106 ", "0100109106")]
    [InlineData("0311 916 028", "0311916028")]
    [InlineData("0-1-0-0-1-0-9-1-0-6", "0100109106")]
    public void Parses_enterprise_codes_to_canonical_ten_digits(string input, string expected)
    {
        Assert.True(TaxCode.TryParse(input, out var code, out string? error));
        Assert.Null(error);
        Assert.Equal(expected, code.Value);
        Assert.Equal(expected, code.ToString());
        Assert.Equal(TaxCodeKind.Enterprise, code.Kind);
        Assert.Null(code.Parent);
    }

    [Theory]
    [InlineData("0100109106-001", "0100109106-001")]
    [InlineData("0100109106 001", "0100109106-001")]
    [InlineData("0100.109.106-001", "0100109106-001")]
    [InlineData("0100109106001", "0100109106-001")]
    [InlineData("0100109106\u2013001", "0100109106-001")] // en dash, as word processors write it
    [InlineData("0100109106\u00A0-\u00A0001", "0100109106-001")] // non-breaking spaces
    [InlineData("0312 68 78 78 - 001", "0312687878-001")]
    [InlineData("0314409058-002", "0314409058-002")]
    [InlineData("0102641429-066", "0102641429-066")]
    [InlineData("2000102580-005", "2000102580-005")]
    [InlineData("0100109106-999", "0100109106-999")]
    public void Parses_branch_codes_to_canonical_form_with_dash(string input, string expected)
    {
        Assert.True(TaxCode.TryParse(input, out var code, out string? error));
        Assert.Null(error);
        Assert.Equal(expected, code.Value);
        Assert.Equal(TaxCodeKind.Branch, code.Kind);
        Assert.NotNull(code.Parent);
        Assert.Equal(expected[..10], code.Parent.Value);
        Assert.Equal(TaxCodeKind.Enterprise, code.Parent.Kind);
        Assert.Null(code.Parent.Parent);
    }

    [Theory]
    [InlineData("001085012345", "001085012345")]
    [InlineData("025 190 000 123", "025190000123")]
    [InlineData("025.190.000.123", "025190000123")]
    [InlineData("096300000001", "096300000001")] // last province code, born in the 2000s (female)
    [InlineData("079095123456", "079095123456")]
    public void Parses_twelve_digit_personal_numbers_by_shape_only(string input, string expected)
    {
        Assert.True(TaxCode.TryParse(input, out var code, out string? error));
        Assert.Null(error);
        Assert.Equal(expected, code.Value);
        Assert.Equal(TaxCodeKind.Individual, code.Kind);
        Assert.Null(code.Parent);
    }

    [Theory]
    [InlineData("000000000000", "000")] // no province 000
    [InlineData("000085012345", "000")]
    [InlineData("097085012345", "097")] // province codes end at 096
    [InlineData("999185012345", "999")]
    [InlineData("001485012345", "4")] // century digit 4 = born in the 2100s
    [InlineData("001985012345", "9")]
    public void Refuses_twelve_digit_numbers_with_an_impossible_province_or_century(string input, string named)
    {
        Assert.False(TaxCode.TryParse(input, out var code, out TaxCodeError error));
        Assert.Null(code);
        Assert.Equal(TaxCodeError.InvalidPersonalNumber, error);
        Assert.False(TaxCode.TryParse(input, out _, out string? message));
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, TaxCodeError.Empty)]
    [InlineData("", TaxCodeError.Empty)]
    [InlineData("   ", TaxCodeError.Empty)]
    [InlineData(" - . - ", TaxCodeError.Empty)]
    [InlineData("VV34567890", TaxCodeError.InvalidCharacters)]
    [InlineData("01001O9106", TaxCodeError.InvalidCharacters)] // letter O typed for zero
    [InlineData("0100109106/001", TaxCodeError.InvalidCharacters)]
    [InlineData("０１００１０９１０６", TaxCodeError.InvalidCharacters)] // full-width digits
    [InlineData("MST: 0100109106", TaxCodeError.InvalidCharacters)]
    [InlineData("12345", TaxCodeError.WrongLength)]
    [InlineData("010010910", TaxCodeError.WrongLength)]
    [InlineData("01001091060", TaxCodeError.WrongLength)]
    [InlineData("0100109106-0011", TaxCodeError.WrongLength)]
    [InlineData("0012345678", TaxCodeError.InvalidProvincePrefix)]
    [InlineData("0000000000", TaxCodeError.InvalidProvincePrefix)]
    [InlineData("0100000008", TaxCodeError.ZeroSequence)]
    [InlineData("3700000000", TaxCodeError.ZeroSequence)]
    [InlineData("0100109107", TaxCodeError.BadCheckDigit)]
    [InlineData("0100109100", TaxCodeError.BadCheckDigit)]
    [InlineData("0100233480", TaxCodeError.BadCheckDigit)]
    [InlineData("0110000010", TaxCodeError.BadCheckDigit)] // sum mod 11 == 0: no valid check digit
    [InlineData("0110000019", TaxCodeError.BadCheckDigit)]
    [InlineData("0100109107-001", TaxCodeError.BadCheckDigit)] // a branch of an invalid parent
    [InlineData("0314409058-000", TaxCodeError.BranchSuffixZero)]
    [InlineData("0100109106000", TaxCodeError.BranchSuffixZero)]
    public void Rejects_invalid_codes_with_the_rule_that_failed(string? input, TaxCodeError expected)
    {
        Assert.False(TaxCode.TryParse(input, out var code, out TaxCodeError error));
        Assert.Null(code);
        Assert.Equal(expected, error);

        Assert.False(TaxCode.TryParse(input, out code, out string? message));
        Assert.Null(code);
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public void Error_messages_tell_the_failed_rules_apart()
    {
        var samples = new Dictionary<TaxCodeError, string>
        {
            [TaxCodeError.Empty] = "",
            [TaxCodeError.InvalidCharacters] = "VV34567890",
            [TaxCodeError.WrongLength] = "12345",
            [TaxCodeError.InvalidProvincePrefix] = "0012345678",
            [TaxCodeError.ZeroSequence] = "0100000008",
            [TaxCodeError.BadCheckDigit] = "0100109107",
            [TaxCodeError.BranchSuffixZero] = "0314409058-000",
        };

        var messages = samples.ToDictionary(pair => pair.Key, pair =>
        {
            Assert.False(TaxCode.TryParse(pair.Value, out _, out string? message));
            return message!;
        });

        Assert.Equal(messages.Count, messages.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("empty", messages[TaxCodeError.Empty], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("letter 'V'", messages[TaxCodeError.InvalidCharacters], StringComparison.Ordinal);
        Assert.Contains("found 5 digits", messages[TaxCodeError.WrongLength], StringComparison.Ordinal);
        Assert.Contains("00", messages[TaxCodeError.InvalidProvincePrefix], StringComparison.Ordinal);
        Assert.Contains("sequence", messages[TaxCodeError.ZeroSequence], StringComparison.Ordinal);
        Assert.Contains("check digit", messages[TaxCodeError.BadCheckDigit], StringComparison.Ordinal);
        Assert.Contains("000", messages[TaxCodeError.BranchSuffixZero], StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_character_message_names_a_symbol_by_code_point()
    {
        Assert.False(TaxCode.TryParse("0100109106/001", out _, out string? message));
        Assert.Contains("'/' (U+002F)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_check_digit_message_differs_from_wrong_check_digit_message()
    {
        Assert.False(TaxCode.TryParse("0110000015", out _, out string? noDigit));
        Assert.False(TaxCode.TryParse("0100109107", out _, out string? wrongDigit));
        Assert.Contains("no valid check digit", noDigit, StringComparison.Ordinal);
        Assert.NotEqual(noDigit, wrongDigit);
    }

    [Theory]
    [InlineData("0100109106")]
    [InlineData("0100109106 001")]
    [InlineData("001085012345")]
    public void Parse_returns_the_same_code_as_TryParse(string input)
    {
        Assert.True(TaxCode.TryParse(input, out var expected, out string? _));
        Assert.Equal(expected, TaxCode.Parse(input));
    }

    [Theory]
    [InlineData("0100109107", "check digit")]
    [InlineData("0012345678", "00")]
    [InlineData("", "empty")]
    [InlineData("0314409058-000", "000")]
    public void Parse_throws_FormatException_with_the_reason(string input, string expectedFragment)
    {
        var exception = Assert.Throws<FormatException>(() => TaxCode.Parse(input));
        Assert.Contains(expectedFragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_null_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => TaxCode.Parse(null!));
    }

    [Fact]
    public void IParsable_parses_for_minimal_api_binding()
    {
        Assert.Equal("0100109106-001", ParseVia<TaxCode>("0100109106001").Value);
        Assert.True(TryParseVia<TaxCode>("0100.109.106", out var code));
        Assert.Equal("0100109106", code!.Value);
        Assert.False(TryParseVia<TaxCode>("0100109107", out var invalid));
        Assert.Null(invalid);
    }

    [Fact]
    public void Equal_codes_written_differently_are_equal()
    {
        var a = TaxCode.Parse("0100.109.106-001");
        var b = TaxCode.Parse("0100109106001");
        var c = TaxCode.Parse("0100109106-002");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a != c);
        Assert.Equal(a.Parent, c.Parent);
        Assert.False(a.Equals(null));
        Assert.False(a == null);
        Assert.Single(new HashSet<TaxCode> { a, b });
    }

    [Theory]
    [InlineData("010010910", 6)]
    [InlineData("010023348", 8)]
    [InlineData("200010258", 0)]
    [InlineData("031440905", 8)]
    [InlineData("010011243", 7)]
    public void ComputeCheckDigit_matches_hand_computed_values(string firstNine, int expected)
    {
        Assert.Equal(expected, TaxCode.ComputeCheckDigit(firstNine));
    }

    [Fact]
    public void ComputeCheckDigit_is_null_when_the_sum_is_a_multiple_of_eleven()
    {
        Assert.Null(TaxCode.ComputeCheckDigit("011000001"));
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("1234567890")]
    [InlineData("01001091a")]
    public void ComputeCheckDigit_rejects_anything_but_nine_digits(string firstNine)
    {
        Assert.Throws<ArgumentException>(() => TaxCode.ComputeCheckDigit(firstNine));
    }

    [Theory]
    [InlineData("010010910", '6')]
    [InlineData("200010258", '0')]
    [InlineData("011000001", null)]
    public void Exactly_one_last_digit_is_valid_or_none_when_no_check_digit_exists(string firstNine, char? validLast)
    {
        var valid = Enumerable.Range(0, 10)
            .Select(d => firstNine + d)
            .Where(candidate => TaxCode.TryParse(candidate, out _, out TaxCodeError _))
            .ToList();

        if (validLast is null)
        {
            Assert.Empty(valid);
        }
        else
        {
            Assert.Equal([firstNine + validLast], valid);
        }
    }

    [Fact]
    public void Accepts_published_valid_codes()
    {
        // Real codes collected as valid by python-stdnum's tests (tests/test_vn_mst.doctest).
        string[] codes =
        [
            "0100112437011", "0101245486", "0102182292", "0102721191-001", "0105022466", "0200747399",
            "0300533351", "0305000124", "0312273838", "0400129230", "0700790272", "0900283167", "1201480559",
            "1300440846-008", "1600255033-006", "1801314923", "2000102580-001", "2100624710", "2500291713",
            "3100104093-009", "3500748818", "3700635642", "3900260711", "4001100318", "4200919944",
            "4900224296", "5200327611", "5701424091", "5800199577-002", "5900705097", "8037630690",
        ];

        foreach (var input in codes)
        {
            Assert.True(TaxCode.TryParse(input, out var code, out string? error), $"{input}: {error}");
            Assert.Equal(input.Replace("-", "", StringComparison.Ordinal).Length == 13 ? TaxCodeKind.Branch : TaxCodeKind.Enterprise, code.Kind);
        }
    }

    private static T ParseVia<T>(string s) where T : IParsable<T> => T.Parse(s, null);

    private static bool TryParseVia<T>(string s, out T? result) where T : IParsable<T> => T.TryParse(s, null, out result);
}
