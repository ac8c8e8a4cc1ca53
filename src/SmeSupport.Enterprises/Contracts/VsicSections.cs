namespace SmeSupport.Enterprises.Contracts;

/// <summary>
/// A top-level section (ngành cấp 1) of the Vietnam Standard Industrial Classification, VSIC 2018
/// (Decision 27/2018/QĐ-TTg), with the 2-digit divisions (ngành cấp 2) it contains.
/// </summary>
/// <param name="Code">Section letter, <c>A</c>–<c>U</c>.</param>
/// <param name="NameVi">Official Vietnamese name.</param>
/// <param name="NameEn">English name (as in ISIC Rev. 4, which VSIC 2018 follows at this level).</param>
/// <param name="FirstDivision">First 2-digit division of the section, e.g. 45 for G.</param>
/// <param name="LastDivision">Last 2-digit division of the section, e.g. 47 for G; every division between the two belongs to the section.</param>
/// <param name="SectorGroup">The size-limit group of Decree 80/2021/NĐ-CP, Art. 5, that the section belongs to.</param>
public sealed record VsicSection(char Code, string NameVi, string NameEn, int FirstDivision, int LastDivision, SectorGroup SectorGroup)
{
    /// <summary>True when the 2-digit <paramref name="division"/> (e.g. 47) belongs to this section.</summary>
    /// <param name="division">A 2-digit VSIC division, 1–99.</param>
    /// <returns>Whether the division is in <see cref="FirstDivision"/>..<see cref="LastDivision"/>.</returns>
    public bool ContainsDivision(int division) => division >= FirstDivision && division <= LastDivision;
}

/// <summary>
/// The 21 sections A–U of VSIC 2018 (Decision 27/2018/QĐ-TTg), in order, with their 88 divisions.
/// The gaps between sections (04, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89) are not divisions.
/// </summary>
public static class VsicSections
{
    /// <summary>All 21 sections, A to U.</summary>
    public static IReadOnlyList<VsicSection> All { get; } =
    [
        new('A', "Nông nghiệp, lâm nghiệp và thủy sản", "Agriculture, forestry and fishing", 1, 3, SectorGroup.AgricultureIndustryConstruction),
        new('B', "Khai khoáng", "Mining and quarrying", 5, 9, SectorGroup.AgricultureIndustryConstruction),
        new('C', "Công nghiệp chế biến, chế tạo", "Manufacturing", 10, 33, SectorGroup.AgricultureIndustryConstruction),
        new('D', "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
            "Electricity, gas, steam and air conditioning supply", 35, 35, SectorGroup.AgricultureIndustryConstruction),
        new('E', "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải",
            "Water supply; sewerage, waste management and remediation activities", 36, 39, SectorGroup.AgricultureIndustryConstruction),
        new('F', "Xây dựng", "Construction", 41, 43, SectorGroup.AgricultureIndustryConstruction),
        new('G', "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác",
            "Wholesale and retail trade; repair of motor vehicles and motorcycles", 45, 47, SectorGroup.TradeServices),
        new('H', "Vận tải kho bãi", "Transportation and storage", 49, 53, SectorGroup.TradeServices),
        new('I', "Dịch vụ lưu trú và ăn uống", "Accommodation and food service activities", 55, 56, SectorGroup.TradeServices),
        new('J', "Thông tin và truyền thông", "Information and communication", 58, 63, SectorGroup.TradeServices),
        new('K', "Hoạt động tài chính, ngân hàng và bảo hiểm", "Financial and insurance activities", 64, 66, SectorGroup.TradeServices),
        new('L', "Hoạt động kinh doanh bất động sản", "Real estate activities", 68, 68, SectorGroup.TradeServices),
        new('M', "Hoạt động chuyên môn, khoa học và công nghệ", "Professional, scientific and technical activities", 69, 75, SectorGroup.TradeServices),
        new('N', "Hoạt động hành chính và dịch vụ hỗ trợ", "Administrative and support service activities", 77, 82, SectorGroup.TradeServices),
        new('O', "Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý Nhà nước, an ninh quốc phòng; bảo đảm xã hội bắt buộc",
            "Activities of the Communist Party, socio-political organisations, public administration and defence; compulsory social security",
            84, 84, SectorGroup.TradeServices),
        new('P', "Giáo dục và đào tạo", "Education", 85, 85, SectorGroup.TradeServices),
        new('Q', "Y tế và hoạt động trợ giúp xã hội", "Human health and social work activities", 86, 88, SectorGroup.TradeServices),
        new('R', "Nghệ thuật, vui chơi và giải trí", "Arts, entertainment and recreation", 90, 93, SectorGroup.TradeServices),
        new('S', "Hoạt động dịch vụ khác", "Other service activities", 94, 96, SectorGroup.TradeServices),
        new('T', "Hoạt động làm thuê các công việc trong các hộ gia đình, sản xuất sản phẩm vật chất và dịch vụ tự tiêu dùng của hộ gia đình",
            "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use",
            97, 98, SectorGroup.TradeServices),
        new('U', "Hoạt động của các tổ chức và cơ quan quốc tế", "Activities of extraterritorial organisations and bodies", 99, 99, SectorGroup.TradeServices),
    ];

    /// <summary>Finds a section by its letter, case-insensitively.</summary>
    /// <param name="code">A section letter, <c>A</c>–<c>U</c> (or lower case).</param>
    /// <returns>The section, or <see langword="null"/> when the letter names none.</returns>
    public static VsicSection? FindByCode(char code)
    {
        var upper = char.ToUpperInvariant(code);
        return upper is >= 'A' and <= 'U' ? All[upper - 'A'] : null;
    }

    /// <summary>Finds the section that contains a 2-digit division.</summary>
    /// <param name="division">A division number, e.g. 47 for "47 Bán lẻ".</param>
    /// <returns>The section, or <see langword="null"/> when no VSIC 2018 division has that number.</returns>
    public static VsicSection? FindByDivision(int division)
    {
        foreach (var section in All)
        {
            if (section.ContainsDivision(division))
            {
                return section;
            }
        }

        return null;
    }
}
