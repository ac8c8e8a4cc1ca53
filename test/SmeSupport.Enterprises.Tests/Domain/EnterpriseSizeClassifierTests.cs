using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;

namespace SmeSupport.Enterprises.Tests.Domain;

public class EnterpriseSizeClassifierTests
{
    private const SectorGroup Aic = SectorGroup.AgricultureIndustryConstruction;
    private const SectorGroup Ts = SectorGroup.TradeServices;

    // Figures in VND; 1 billion = 1_000_000_000. "+1" is one đồng over the limit.
    // Decree 80/2021/NĐ-CP, Art. 5: employees ≤ limit AND (revenue ≤ limit OR capital ≤ limit); micro, then small, then medium.
    [Theory]
    // Agriculture, industry, construction — micro: ≤10 staff; revenue ≤3 bn or capital ≤3 bn.
    [InlineData(Aic, 0, 0L, 0L, EnterpriseSize.Micro)]
    [InlineData(Aic, 10, 3_000_000_000L, 3_000_000_000L, EnterpriseSize.Micro)]
    [InlineData(Aic, 10, 3_000_000_000L, 3_000_000_001L, EnterpriseSize.Micro)] // revenue meets the limit
    [InlineData(Aic, 10, 3_000_000_001L, 3_000_000_000L, EnterpriseSize.Micro)] // capital meets the limit
    [InlineData(Aic, 10, 3_000_000_001L, 3_000_000_001L, EnterpriseSize.Small)]
    [InlineData(Aic, 10, 900_000_000_000L, 2_000_000_000L, EnterpriseSize.Micro)]
    [InlineData(Aic, 11, 0L, 0L, EnterpriseSize.Small)]
    // small: ≤100 staff; revenue ≤50 bn or capital ≤20 bn.
    [InlineData(Aic, 100, 50_000_000_000L, 20_000_000_000L, EnterpriseSize.Small)]
    [InlineData(Aic, 100, 50_000_000_001L, 20_000_000_000L, EnterpriseSize.Small)]
    [InlineData(Aic, 100, 50_000_000_000L, 20_000_000_001L, EnterpriseSize.Small)]
    [InlineData(Aic, 100, 50_000_000_001L, 20_000_000_001L, EnterpriseSize.Medium)]
    [InlineData(Aic, 5, 4_000_000_000L, 25_000_000_000L, EnterpriseSize.Small)]
    [InlineData(Aic, 101, 0L, 0L, EnterpriseSize.Medium)]
    // medium: ≤200 staff; revenue ≤200 bn or capital ≤100 bn.
    [InlineData(Aic, 200, 200_000_000_000L, 100_000_000_000L, EnterpriseSize.Medium)]
    [InlineData(Aic, 200, 200_000_000_001L, 100_000_000_000L, EnterpriseSize.Medium)]
    [InlineData(Aic, 200, 200_000_000_000L, 100_000_000_001L, EnterpriseSize.Medium)]
    [InlineData(Aic, 200, 200_000_000_001L, 100_000_000_001L, EnterpriseSize.Large)]
    [InlineData(Aic, 150, 250_000_000_000L, 90_000_000_000L, EnterpriseSize.Medium)]
    [InlineData(Aic, 150, 201_000_000_000L, 101_000_000_000L, EnterpriseSize.Large)]
    [InlineData(Aic, 201, 0L, 0L, EnterpriseSize.Large)]
    // Trade and services — micro: ≤10 staff; revenue ≤10 bn or capital ≤3 bn.
    [InlineData(Ts, 0, 0L, 0L, EnterpriseSize.Micro)]
    [InlineData(Ts, 10, 10_000_000_000L, 3_000_000_000L, EnterpriseSize.Micro)]
    [InlineData(Ts, 10, 10_000_000_001L, 3_000_000_000L, EnterpriseSize.Micro)]
    [InlineData(Ts, 10, 10_000_000_000L, 3_000_000_001L, EnterpriseSize.Micro)]
    [InlineData(Ts, 10, 10_000_000_001L, 3_000_000_001L, EnterpriseSize.Small)]
    [InlineData(Ts, 11, 0L, 0L, EnterpriseSize.Small)]
    // small: ≤50 staff; revenue ≤100 bn or capital ≤50 bn.
    [InlineData(Ts, 50, 100_000_000_000L, 50_000_000_000L, EnterpriseSize.Small)]
    [InlineData(Ts, 50, 100_000_000_001L, 50_000_000_000L, EnterpriseSize.Small)]
    [InlineData(Ts, 50, 100_000_000_000L, 50_000_000_001L, EnterpriseSize.Small)]
    [InlineData(Ts, 50, 100_000_000_001L, 50_000_000_001L, EnterpriseSize.Medium)]
    [InlineData(Ts, 51, 0L, 0L, EnterpriseSize.Medium)]
    // medium: ≤100 staff; revenue ≤300 bn or capital ≤100 bn.
    [InlineData(Ts, 100, 300_000_000_000L, 100_000_000_000L, EnterpriseSize.Medium)]
    [InlineData(Ts, 100, 300_000_000_001L, 100_000_000_000L, EnterpriseSize.Medium)]
    [InlineData(Ts, 100, 300_000_000_000L, 100_000_000_001L, EnterpriseSize.Medium)]
    [InlineData(Ts, 100, 300_000_000_001L, 100_000_000_001L, EnterpriseSize.Large)]
    [InlineData(Ts, 101, 0L, 0L, EnterpriseSize.Large)]
    [InlineData(Ts, 5_000, 10_000_000_000_000L, 5_000_000_000_000L, EnterpriseSize.Large)]
    public void Classifies_at_and_just_over_each_limit(SectorGroup group, int employees, long revenueVnd, long capitalVnd, EnterpriseSize expected)
    {
        Assert.Equal(expected, EnterpriseSizeClassifier.Classify(group, employees, revenueVnd, capitalVnd));
    }

    [Theory]
    // The same figures fall in different sizes depending on the sector group.
    [InlineData(10, 5_000_000_000L, 5_000_000_000L, EnterpriseSize.Small, EnterpriseSize.Micro)]
    [InlineData(60, 10_000_000_000L, 10_000_000_000L, EnterpriseSize.Small, EnterpriseSize.Medium)]
    [InlineData(150, 10_000_000_000L, 10_000_000_000L, EnterpriseSize.Medium, EnterpriseSize.Large)]
    [InlineData(30, 80_000_000_000L, 30_000_000_000L, EnterpriseSize.Medium, EnterpriseSize.Small)]
    public void Sector_group_changes_the_limits(int employees, long revenueVnd, long capitalVnd, EnterpriseSize agricultureIndustry, EnterpriseSize tradeServices)
    {
        Assert.Equal(agricultureIndustry, EnterpriseSizeClassifier.Classify(Aic, employees, revenueVnd, capitalVnd));
        Assert.Equal(tradeServices, EnterpriseSizeClassifier.Classify(Ts, employees, revenueVnd, capitalVnd));
    }

    [Fact]
    public void A_fraction_of_a_dong_over_the_limit_is_over_it()
    {
        Assert.Equal(EnterpriseSize.Small, EnterpriseSizeClassifier.Classify(Aic, 10, 3_000_000_000.01m, 3_000_000_000.01m));
        Assert.Equal(EnterpriseSize.Micro, EnterpriseSizeClassifier.Classify(Aic, 10, 2_999_999_999.99m, 3_000_000_000.01m));
        Assert.Equal(EnterpriseSize.Large, EnterpriseSizeClassifier.Classify(Ts, 100, 300_000_000_000.5m, 100_000_000_000.5m));
    }

    [Fact]
    public void Huge_figures_do_not_overflow()
    {
        Assert.Equal(EnterpriseSize.Large, EnterpriseSizeClassifier.Classify(Ts, int.MaxValue, decimal.MaxValue, decimal.MaxValue));
        Assert.Equal(EnterpriseSize.Micro, EnterpriseSizeClassifier.Classify(Ts, 1, decimal.MaxValue, 0m));
    }

    [Fact]
    public void Negative_figures_are_rejected()
    {
        Assert.Equal("employees", Assert.Throws<ArgumentOutOfRangeException>(() => EnterpriseSizeClassifier.Classify(Aic, -1, 0m, 0m)).ParamName);
        Assert.Equal("revenueVnd", Assert.Throws<ArgumentOutOfRangeException>(() => EnterpriseSizeClassifier.Classify(Aic, 0, -1m, 0m)).ParamName);
        Assert.Equal("capitalVnd", Assert.Throws<ArgumentOutOfRangeException>(() => EnterpriseSizeClassifier.Classify(Ts, 0, 0m, -0.01m)).ParamName);
    }

    [Fact]
    public void An_undefined_sector_group_is_rejected()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => EnterpriseSizeClassifier.Classify((SectorGroup)99, 1, 0m, 0m));
        Assert.Equal("group", exception.ParamName);
    }

    [Theory]
    [InlineData("A", Aic)]
    [InlineData("a", Aic)]
    [InlineData("B", Aic)]
    [InlineData("C", Aic)]
    [InlineData("D", Aic)]
    [InlineData("E", Aic)]
    [InlineData("F", Aic)]
    [InlineData("G", Ts)]
    [InlineData("J", Ts)]
    [InlineData("u", Ts)]
    [InlineData("01", Aic)]
    [InlineData("0111", Aic)]
    [InlineData("01110", Aic)]
    [InlineData("A0111", Aic)]
    [InlineData("a0111", Aic)]
    [InlineData("0322", Aic)]
    [InlineData("0510", Aic)] // B, mining
    [InlineData(" C1010 ", Aic)]
    [InlineData("3320", Aic)] // last division of C
    [InlineData("3511", Aic)] // D
    [InlineData("3600", Aic)] // E
    [InlineData("3900", Aic)]
    [InlineData("4101", Aic)] // F
    [InlineData("F4390", Aic)]
    [InlineData("4511", Ts)] // G, first division
    [InlineData("4711", Ts)]
    [InlineData("G4711", Ts)]
    [InlineData("g47110", Ts)]
    [InlineData("4933", Ts)] // H
    [InlineData("5510", Ts)] // I
    [InlineData("5610", Ts)]
    [InlineData("6201", Ts)] // J
    [InlineData("6810", Ts)] // L
    [InlineData("8510", Ts)] // P
    [InlineData("9700", Ts)] // T
    [InlineData("99", Ts)] // U
    [InlineData("U9900", Ts)]
    public void SectorOf_reads_sections_and_codes(string input, SectorGroup expected)
    {
        Assert.Equal(expected, EnterpriseSizeClassifier.SectorOf(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("V")] // no section V
    [InlineData("Z")]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("00")]
    [InlineData("04")] // gaps between sections are not divisions
    [InlineData("0400")]
    [InlineData("34")]
    [InlineData("40")]
    [InlineData("44")]
    [InlineData("48")]
    [InlineData("54")]
    [InlineData("57")]
    [InlineData("67")]
    [InlineData("76")]
    [InlineData("83")]
    [InlineData("89")]
    [InlineData("A4711")] // the letter contradicts the division
    [InlineData("G0111")]
    [InlineData("F4511")]
    [InlineData("471101")] // more than 5 digits
    [InlineData("47.11")]
    [InlineData("47a1")]
    [InlineData("GG")]
    [InlineData("G 4711")]
    [InlineData("Bán lẻ")]
    public void SectorOf_returns_null_rather_than_guessing(string? input)
    {
        Assert.Null(EnterpriseSizeClassifier.SectorOf(input));
    }

    [Fact]
    public void SectorOf_agrees_with_every_division_of_every_section()
    {
        foreach (var section in VsicSections.All)
        {
            for (var division = section.FirstDivision; division <= section.LastDivision; division++)
            {
                var code = division.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(section.SectorGroup, EnterpriseSizeClassifier.SectorOf(code));
                Assert.Equal(section.SectorGroup, EnterpriseSizeClassifier.SectorOf(section.Code + code + "10"));
            }
        }
    }
}
