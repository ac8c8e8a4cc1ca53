using SmeSupport.Text;

namespace SmeSupport.Core.Tests.Text;

public class VietnamesePhoneNumberTests
{
    [Theory]
    [InlineData("0912345678", "+84912345678")]
    [InlineData("0912 345 678", "+84912345678")]
    [InlineData("0912.345.678", "+84912345678")]
    [InlineData("0912-345-678", "+84912345678")]
    [InlineData("(091) 234-5678", "+84912345678")]
    [InlineData("  0912 345 678  ", "+84912345678")]
    [InlineData("+84912345678", "+84912345678")]
    [InlineData("+84 912 345 678", "+84912345678")]
    [InlineData("+84-912-345-678", "+84912345678")]
    [InlineData("(+84) 912 345 678", "+84912345678")]
    [InlineData("+84 (0) 912 345 678", "+84912345678")]
    [InlineData("84912345678", "+84912345678")]
    [InlineData("84 912 345 678", "+84912345678")]
    [InlineData("840912345678", "+84912345678")]
    [InlineData("0084912345678", "+84912345678")]
    [InlineData("00 84 912 345 678", "+84912345678")]
    [InlineData("912345678", "+84912345678")] // a spreadsheet dropped the leading zero
    [InlineData("0321234567", "+84321234567")]
    [InlineData("0523456789", "+84523456789")]
    [InlineData("0701234567", "+84701234567")]
    [InlineData("0812345678", "+84812345678")]
    [InlineData("0987654321", "+84987654321")]
    [InlineData("0849123456", "+84849123456")] // 084 is a mobile prefix, not the country code
    [InlineData("+84849123456", "+84849123456")]
    public void Normalizes_mobile_numbers_to_e164(string input, string expected)
    {
        Assert.True(VietnamesePhoneNumber.TryNormalizeMobile(input, out var e164, out var error));
        Assert.Null(error);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("( ) - .", "empty")]
    [InlineData("abc", "letter 'a'")]
    [InlineData("0912abc678", "letter 'a'")]
    [InlineData("0912 345 678 ext 12", "letter 'e'")]
    [InlineData("0912+345678", "found '+'")]
    [InlineData("0912/345/678", "found '/'")]
    [InlineData("++84912345678", "found '+'")]
    [InlineData("+1 212 555 0100", "country code must be +84")]
    [InlineData("+0912345678", "country code must be +84")]
    [InlineData("0065 9123 4567", "country code must be 84")]
    [InlineData("091234567", "found 9 digits")]
    [InlineData("09123456789", "found 11 digits")]
    [InlineData("+8491234567", "found 10 digits")]
    [InlineData("+849123456789", "found 12 digits")]
    [InlineData("12345", "found 5 digits")]
    [InlineData("0912345678901234567890123456789012", "found 34 digits")]
    [InlineData("02103812345", "landline")] // Phú Thọ landline, area code 210
    [InlineData("+84 210 3812 345", "landline")]
    [InlineData("0212345678", "landline")]
    [InlineData("0112345678", "start with 03, 05, 07, 08 or 09")]
    [InlineData("0412345678", "start with 03, 05, 07, 08 or 09")]
    [InlineData("0612345678", "start with 03, 05, 07, 08 or 09")]
    [InlineData("+84 612 345 678", "start with 03, 05, 07, 08 or 09")]
    [InlineData("112345678", "start with 03, 05, 07, 08 or 09")]
    public void Rejects_what_is_not_a_vietnamese_mobile_number(string? input, string expectedFragment)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en"); // the messages follow the UI culture
        try
        {
            Assert.False(VietnamesePhoneNumber.TryNormalizeMobile(input, out var e164, out var error));
            Assert.Equal(string.Empty, e164);
            Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void The_message_is_vietnamese_in_the_vietnamese_ui_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("vi");
        try
        {
            Assert.False(VietnamesePhoneNumber.TryNormalizeMobile("091234567", out _, out var error));
            Assert.Equal("Số di động Việt Nam có 10 chữ số (0 và 9 chữ số nữa) hoặc +84 và 9 chữ số; số đã nhập có 9 chữ số.", error);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Theory]
    [InlineData("+84912345678", "0912 345 678")]
    [InlineData("0987654321", "0987 654 321")]
    [InlineData("84 35 123 4567", "0351 234 567")]
    [InlineData("+84 (0) 70 123 4567", "0701 234 567")]
    public void Formats_for_display_in_national_form(string input, string expected)
    {
        Assert.Equal(expected, VietnamesePhoneNumber.FormatForDisplay(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("02103812345")]
    [InlineData("+1 212 555 0100")]
    public void FormatForDisplay_throws_FormatException_for_a_non_mobile(string input)
    {
        var exception = Assert.Throws<FormatException>(() => VietnamesePhoneNumber.FormatForDisplay(input));
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
    }

    [Fact]
    public void FormatForDisplay_throws_ArgumentNullException_for_null()
    {
        Assert.Throws<ArgumentNullException>(() => VietnamesePhoneNumber.FormatForDisplay(null!));
    }

    [Fact]
    public void Normalizing_the_canonical_form_gives_it_back()
    {
        Assert.True(VietnamesePhoneNumber.TryNormalizeMobile("0912 345 678", out var once, out _));
        Assert.True(VietnamesePhoneNumber.TryNormalizeMobile(once, out var twice, out _));
        Assert.True(VietnamesePhoneNumber.TryNormalizeMobile(VietnamesePhoneNumber.FormatForDisplay(once), out var fromDisplay, out _));

        Assert.Equal(once, twice);
        Assert.Equal(once, fromDisplay);
    }
}
