using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Enterprises.Tests.Contracts;

public class VsicSectionsTests
{
    [Fact]
    public void Has_the_21_sections_A_to_U_in_order()
    {
        Assert.Equal(21, VsicSections.All.Count);
        Assert.Equal("ABCDEFGHIJKLMNOPQRSTU", string.Concat(VsicSections.All.Select(s => s.Code)));
    }

    [Fact]
    public void Has_the_88_divisions_of_VSIC_2018_without_overlap()
    {
        var divisions = VsicSections.All
            .SelectMany(s => Enumerable.Range(s.FirstDivision, s.LastDivision - s.FirstDivision + 1))
            .ToList();

        Assert.Equal(88, divisions.Count);
        Assert.Equal(divisions.Count, divisions.Distinct().Count());
        Assert.Equal(divisions.Order(), divisions);
        Assert.Equal([4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89], Enumerable.Range(1, 99).Except(divisions));
    }

    [Theory]
    [InlineData('A', 1, 3, "Nông nghiệp, lâm nghiệp và thủy sản", "Agriculture, forestry and fishing")]
    [InlineData('C', 10, 33, "Công nghiệp chế biến, chế tạo", "Manufacturing")]
    [InlineData('F', 41, 43, "Xây dựng", "Construction")]
    [InlineData('G', 45, 47, "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác", "Wholesale and retail trade; repair of motor vehicles and motorcycles")]
    [InlineData('J', 58, 63, "Thông tin và truyền thông", "Information and communication")]
    [InlineData('U', 99, 99, "Hoạt động của các tổ chức và cơ quan quốc tế", "Activities of extraterritorial organisations and bodies")]
    public void Sections_carry_their_names_and_divisions(char code, int first, int last, string nameVi, string nameEn)
    {
        var section = VsicSections.FindByCode(code);

        Assert.NotNull(section);
        Assert.Equal(first, section.FirstDivision);
        Assert.Equal(last, section.LastDivision);
        Assert.Equal(nameVi, section.NameVi);
        Assert.Equal(nameEn, section.NameEn);
    }

    [Fact]
    public void Sections_A_to_F_are_agriculture_industry_construction_and_G_to_U_trade_services()
    {
        Assert.All(VsicSections.All.Where(s => s.Code <= 'F'), s => Assert.Equal(SectorGroup.AgricultureIndustryConstruction, s.SectorGroup));
        Assert.All(VsicSections.All.Where(s => s.Code >= 'G'), s => Assert.Equal(SectorGroup.TradeServices, s.SectorGroup));
        Assert.All(VsicSections.All, s => Assert.False(string.IsNullOrWhiteSpace(s.NameVi) || string.IsNullOrWhiteSpace(s.NameEn)));
    }

    [Theory]
    [InlineData('g', 'G')]
    [InlineData('U', 'U')]
    public void FindByCode_ignores_case(char input, char expected)
    {
        Assert.Equal(expected, VsicSections.FindByCode(input)?.Code);
    }

    [Theory]
    [InlineData('V')]
    [InlineData('Z')]
    [InlineData('1')]
    [InlineData('Đ')]
    public void FindByCode_returns_null_for_unknown_letters(char input)
    {
        Assert.Null(VsicSections.FindByCode(input));
    }

    [Theory]
    [InlineData(1, 'A')]
    [InlineData(3, 'A')]
    [InlineData(5, 'B')]
    [InlineData(33, 'C')]
    [InlineData(35, 'D')]
    [InlineData(47, 'G')]
    [InlineData(68, 'L')]
    [InlineData(84, 'O')]
    [InlineData(98, 'T')]
    [InlineData(99, 'U')]
    public void FindByDivision_finds_the_section(int division, char expected)
    {
        Assert.Equal(expected, VsicSections.FindByDivision(division)?.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(34)]
    [InlineData(89)]
    [InlineData(100)]
    [InlineData(-47)]
    public void FindByDivision_returns_null_for_numbers_that_are_not_divisions(int division)
    {
        Assert.Null(VsicSections.FindByDivision(division));
    }
}
