using System.Text;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Import;

/// <summary>A column of the import file and template.</summary>
/// <param name="Field">API field name (key of the stored row input).</param>
/// <param name="Vietnamese">Header written in the Vietnamese template and export.</param>
/// <param name="English">Header written in the English template and export.</param>
/// <param name="Example">The template's example value.</param>
/// <param name="Aliases">Other headers recognised.</param>
internal sealed record ImportColumn(string Field, string Vietnamese, string English, string Example, params string[] Aliases);

/// <summary>The columns of the enterprise import/export file and how headers are recognised.</summary>
internal static class ImportColumns
{
    public const string TaxCode = "taxCode";
    public const string Name = "name";
    public const string ShortName = "shortName";
    public const string LegalForm = "legalForm";
    public const string IndustryCode = "industryCode";
    public const string Employees = "employees";
    public const string Revenue = "annualRevenueVnd";
    public const string Capital = "capitalVnd";
    public const string Province = "province";
    public const string Ward = "ward";
    public const string Street = "street";
    public const string Website = "website";
    public const string ContactName = "contactName";
    public const string ContactPosition = "contactPosition";
    public const string ContactEmail = "contactEmail";
    public const string ContactMobile = "contactMobile";

    /// <summary>Read and ignored: a row number, or the size class (derived from the figures, never imported).</summary>
    public const string Ignored = "";

    /// <summary>Every column in template order.</summary>
    public static readonly IReadOnlyList<ImportColumn> All =
    [
        new(TaxCode, "Mã số thuế", "Tax code", "0100109106", "MST", "Mã số doanh nghiệp", "Mã DN", "TaxCode", "Tax ID", "Tax number"),
        new(Name, "Tên doanh nghiệp", "Name", "Công ty TNHH Chè Phú Thọ", "Tên", "Tên công ty", "Tên đơn vị", "Tên đầy đủ", "Enterprise name",
            "Company name", "Full name"),
        new(ShortName, "Tên viết tắt", "Short name", "Chè Phú Thọ", "Tên giao dịch", "Tên ngắn", "Trading name", "ShortName"),
        new(LegalForm, "Loại hình doanh nghiệp", "Legal form", "Công ty TNHH một thành viên", "Loại hình", "Loại hình DN", "Hình thức pháp lý",
            "LegalForm", "Form"),
        new(IndustryCode, "Ngành nghề chính (VSIC)", "Industry (VSIC)", "0127", "Ngành nghề chính", "Ngành nghề", "Mã ngành", "Mã ngành VSIC",
            "Ngành", "VSIC", "Industry", "Industry code", "IndustryCode", "Main industry"),
        new(Employees, "Số lao động", "Employees", "25", "Lao động", "Số lao động bình quân", "Số LĐ", "Employee count", "Staff"),
        new(Revenue, "Doanh thu (VND)", "Revenue (VND)", "12000000000", "Doanh thu", "Doanh thu năm", "Tổng doanh thu", "Revenue",
            "Annual revenue", "AnnualRevenueVnd"),
        new(Capital, "Vốn (VND)", "Capital (VND)", "5000000000", "Vốn", "Vốn điều lệ", "Tổng nguồn vốn", "Nguồn vốn", "Capital", "CapitalVnd"),
        new(Province, "Tỉnh/thành phố", "Province", "Phú Thọ", "Tỉnh", "Tỉnh thành", "Tỉnh/TP", "Mã tỉnh", "Province code", "ProvinceCode"),
        new(Ward, "Xã/phường", "Commune/ward", "Phường Việt Trì", "Phường/xã", "Xã, phường", "Xã", "Phường", "Mã xã", "Mã xã/phường",
            "Mã phường/xã", "Commune", "Ward", "Ward code", "Commune code", "WardCode"),
        new(Street, "Địa chỉ (số nhà, đường)", "Street", "Số 1, đường Hùng Vương", "Địa chỉ", "Số nhà, đường", "Số nhà", "Đường",
            "Address", "Street address"),
        new(Website, "Website", "Website", "https://chephutho.example.vn", "Trang web", "Trang thông tin điện tử", "Web", "Web site"),
        new(ContactName, "Người liên hệ", "Contact name", "Nguyễn Thị Lan", "Họ tên người liên hệ", "Họ và tên người liên hệ", "Contact",
            "Contact person", "ContactName"),
        new(ContactPosition, "Chức vụ người liên hệ", "Contact position", "Giám đốc", "Chức vụ", "Position", "ContactPosition"),
        new(ContactEmail, "Email người liên hệ", "Contact email", "lan.nguyen@chephutho.example.vn", "Email", "E-mail", "Thư điện tử",
            "ContactEmail"),
        new(ContactMobile, "Điện thoại di động", "Contact mobile", "0912345678", "Di động", "Số di động", "Điện thoại", "Số điện thoại", "SĐT",
            "Mobile", "Phone", "ContactMobile"),
    ];

    /// <summary>Columns the header must have.</summary>
    public static readonly IReadOnlyList<string> Required = [TaxCode, Name];

    /// <summary>Fields whose cells are free text, checked for formula prefixes.</summary>
    public static readonly IReadOnlySet<string> TextFields = new HashSet<string>(StringComparer.Ordinal)
    {
        Name, ShortName, Street, Website, ContactName, ContactPosition, ContactEmail, IndustryCode, LegalForm, Province, Ward,
    };

    /// <summary>Size columns written by the export (derived, so ignored on import), and row numbers.</summary>
    private static readonly string[] IgnoredHeaders = ["STT", "Số TT", "No", "No.", "#", "Quy mô", "Size", "Size class", "Quy mô doanh nghiệp"];

    private static readonly Dictionary<string, string> ByHeader = Build();

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in All)
        {
            foreach (var h in c.Aliases.Prepend(c.English).Prepend(c.Vietnamese).Append(c.Field))
            {
                map.TryAdd(FoldHeader(h), c.Field);
            }
        }

        foreach (var h in IgnoredHeaders)
        {
            map.TryAdd(FoldHeader(h), Ignored);
        }

        return map;
    }

    /// <summary>The column a header names (<see cref="Ignored"/> for ignored ones), or null when unknown.</summary>
    public static string? Find(string header) => ByHeader.TryGetValue(FoldHeader(header), out var field) ? field : null;

    /// <summary>The column of a field.</summary>
    public static ImportColumn Of(string field) => All.First(c => c.Field == field);

    /// <summary>Folds a header: lower case, no diacritics (đ → d), punctuation and runs of white space to one space.</summary>
    public static string FoldHeader(string? text)
    {
        var folded = VietnameseText.Fold(text ?? "");
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c) || c == '#')
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    private static readonly Dictionary<string, LegalForm> LegalForms = BuildLegalForms();

    private static Dictionary<string, LegalForm> BuildLegalForms()
    {
        var map = new Dictionary<string, LegalForm>(StringComparer.Ordinal);
        void Add(LegalForm form, params string[] names)
        {
            map[FoldHeader(form.ToString())] = form;
            map[((int)form).ToString(System.Globalization.CultureInfo.InvariantCulture)] = form;
            foreach (var n in names)
            {
                map[FoldHeader(n)] = form;
            }
        }

        Add(Contracts.LegalForm.SingleMemberLlc, "Công ty TNHH một thành viên", "Công ty TNHH 1 thành viên", "TNHH một thành viên", "TNHH MTV",
            "Công ty TNHH MTV", "Single-member LLC", "Single member LLC", "One-member LLC");
        Add(Contracts.LegalForm.MultiMemberLlc, "Công ty TNHH hai thành viên trở lên", "Công ty TNHH 2 thành viên trở lên", "TNHH hai thành viên trở lên",
            "TNHH 2TV", "TNHH 2 TV", "Công ty TNHH 2TV", "Multi-member LLC", "Multi member LLC", "Two-member LLC");
        Add(Contracts.LegalForm.JointStockCompany, "Công ty cổ phần", "Cổ phần", "CTCP", "Công ty CP", "Joint stock company", "JSC");
        Add(Contracts.LegalForm.Partnership, "Công ty hợp danh", "Hợp danh", "Partnership");
        Add(Contracts.LegalForm.PrivateEnterprise, "Doanh nghiệp tư nhân", "DNTN", "Private enterprise");
        Add(Contracts.LegalForm.Cooperative, "Hợp tác xã", "HTX", "Cooperative");
        Add(Contracts.LegalForm.HouseholdBusiness, "Hộ kinh doanh", "HKD", "Hộ kinh doanh cá thể", "Household business");
        return map;
    }

    /// <summary>Reads a legal form: Vietnamese or English name, common abbreviation (TNHH MTV, CTCP, DNTN, HTX, HKD), enum name or number.</summary>
    public static bool TryParseLegalForm(string text, out LegalForm form) => LegalForms.TryGetValue(FoldHeader(text), out form);

    /// <summary>The Vietnamese (or English) name of a legal form, as the template and export write it.</summary>
    public static string LegalFormName(LegalForm form, bool english) => (form, english) switch
    {
        (Contracts.LegalForm.SingleMemberLlc, false) => "Công ty TNHH một thành viên",
        (Contracts.LegalForm.MultiMemberLlc, false) => "Công ty TNHH hai thành viên trở lên",
        (Contracts.LegalForm.JointStockCompany, false) => "Công ty cổ phần",
        (Contracts.LegalForm.Partnership, false) => "Công ty hợp danh",
        (Contracts.LegalForm.PrivateEnterprise, false) => "Doanh nghiệp tư nhân",
        (Contracts.LegalForm.Cooperative, false) => "Hợp tác xã",
        (Contracts.LegalForm.HouseholdBusiness, false) => "Hộ kinh doanh",
        (Contracts.LegalForm.SingleMemberLlc, true) => "Single-member LLC",
        (Contracts.LegalForm.MultiMemberLlc, true) => "Multi-member LLC",
        (Contracts.LegalForm.JointStockCompany, true) => "Joint stock company",
        (Contracts.LegalForm.Partnership, true) => "Partnership",
        (Contracts.LegalForm.PrivateEnterprise, true) => "Private enterprise",
        (Contracts.LegalForm.Cooperative, true) => "Cooperative",
        (Contracts.LegalForm.HouseholdBusiness, true) => "Household business",
        _ => form.ToString(),
    };

    /// <summary>True when a text cell would be read as a formula by a spreadsheet (OWASP CSV injection: = + - @, tab, CR).</summary>
    public static bool LooksLikeFormula(string? text) => text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Neutralises a cell for export: a leading <c>'</c> before = + - @ tab CR (OWASP CSV injection guidance).</summary>
    public static string? Neutralise(string? text) => LooksLikeFormula(text) ? "'" + text : text;
}
