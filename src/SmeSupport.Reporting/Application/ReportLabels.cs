using System.Globalization;
using SmeSupport.Cases.Contracts;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Reporting.Application;

/// <summary>
/// Readable names of the enum values reports, exports and the dashboard show: Vietnamese by default, English when the request's UI
/// culture is English (<see cref="CultureInfo.CurrentUICulture"/>). Stable keys (enum names) stay in the key columns; only labels change.
/// Legal forms follow the Law on Enterprises 59/2020/QH14; sizes Decree 80/2021/NĐ-CP; e-invoice steps form 01/ĐKTĐ-HĐĐT (Circular 78/2021/TT-BTC).
/// </summary>
internal static class ReportLabels
{
    private static readonly Dictionary<string, (string Vi, string En)> Names = new(StringComparer.Ordinal)
    {
        ["LegalForm.SingleMemberLlc"] = ("Công ty TNHH một thành viên", "Single-member limited liability company"),
        ["LegalForm.MultiMemberLlc"] = ("Công ty TNHH hai thành viên trở lên", "Multi-member limited liability company"),
        ["LegalForm.JointStockCompany"] = ("Công ty cổ phần", "Joint-stock company"),
        ["LegalForm.Partnership"] = ("Công ty hợp danh", "Partnership"),
        ["LegalForm.PrivateEnterprise"] = ("Doanh nghiệp tư nhân", "Private enterprise"),
        ["LegalForm.Cooperative"] = ("Hợp tác xã", "Cooperative"),
        ["LegalForm.HouseholdBusiness"] = ("Hộ kinh doanh", "Household business"),
        ["EnterpriseSize.Micro"] = ("Siêu nhỏ", "Micro"),
        ["EnterpriseSize.Small"] = ("Nhỏ", "Small"),
        ["EnterpriseSize.Medium"] = ("Vừa", "Medium"),
        ["EnterpriseSize.Large"] = ("Lớn", "Large"),
        ["ProgrammeStatus.Prospect"] = ("Tiềm năng", "Prospect"),
        ["ProgrammeStatus.Pilot"] = ("Thí điểm", "Pilot"),
        ["ProgrammeStatus.Graduated"] = ("Đã hoàn thành", "Graduated"),
        ["ProgrammeStatus.Withdrawn"] = ("Đã rút", "Withdrawn"),
        ["EInvoiceStep.NotRegistered"] = ("Chưa đăng ký", "Not registered"),
        ["EInvoiceStep.RegistrationSubmitted"] = ("Đã nộp đăng ký (01/ĐKTĐ-HĐĐT)", "Registration submitted (01/ĐKTĐ-HĐĐT)"),
        ["EInvoiceStep.Refused"] = ("Bị từ chối", "Refused"),
        ["EInvoiceStep.Accepted"] = ("Được chấp nhận", "Accepted"),
        ["EInvoiceStep.FirstInvoiceIssued"] = ("Đã xuất hóa đơn đầu tiên", "First invoice issued"),
        ["EInvoiceStep.IssuingRegularly"] = ("Xuất hóa đơn thường xuyên", "Issuing regularly"),
        ["PlatformCategory.EInvoice"] = ("Hóa đơn điện tử", "E-invoice"),
        ["PlatformCategory.EContract"] = ("Hợp đồng điện tử", "E-contract"),
        ["PlatformCategory.DigitalSignature"] = ("Chữ ký số", "Digital signature"),
        ["PlatformCategory.Accounting"] = ("Kế toán", "Accounting"),
        ["PlatformCategory.HR"] = ("Nhân sự", "HR"),
        ["PlatformCategory.SalesCrm"] = ("Bán hàng, khách hàng", "Sales / CRM"),
        ["PlatformCategory.ECommerce"] = ("Thương mại điện tử", "E-commerce"),
        ["PlatformCategory.Other"] = ("Khác", "Other"),
        ["TrialStatus.Planned"] = ("Đã lên kế hoạch", "Planned"),
        ["TrialStatus.Active"] = ("Đang dùng thử", "Active"),
        ["TrialStatus.Completed"] = ("Đã kết thúc", "Completed"),
        ["TrialStatus.Cancelled"] = ("Đã hủy", "Cancelled"),
        ["TrialOutcome.Adopted"] = ("Tiếp tục sử dụng", "Adopted"),
        ["TrialOutcome.NotAdopted"] = ("Không tiếp tục", "Not adopted"),
        ["CaseType.Consultation"] = ("Tư vấn", "Consultation"),
        ["CaseType.Training"] = ("Đào tạo", "Training"),
        ["CaseType.TechnicalProblem"] = ("Sự cố kỹ thuật", "Technical problem"),
        ["CaseType.PlatformOnboarding"] = ("Hỗ trợ dùng nền tảng", "Platform onboarding"),
        ["CaseType.EInvoiceHelp"] = ("Hỗ trợ hóa đơn điện tử", "E-invoice help"),
        ["CaseType.Other"] = ("Khác", "Other"),
        ["CampaignPurpose.Service"] = ("Thư dịch vụ", "Service"),
        ["CampaignPurpose.Advertising"] = ("Thư quảng cáo (QC)", "Advertising (ADV)"),
        ["Funnel.Enterprises"] = ("Doanh nghiệp thí điểm", "Pilot enterprises"),
        ["Funnel.RegistrationSubmitted"] = ("Đã nộp đăng ký", "Registration submitted"),
        ["Funnel.Accepted"] = ("Được chấp nhận", "Accepted"),
        ["Funnel.FirstInvoiceIssued"] = ("Đã xuất hóa đơn đầu tiên", "First invoice issued"),
        ["Funnel.IssuingRegularly"] = ("Xuất hóa đơn thường xuyên", "Issuing regularly"),
        ["Outreach.Sent"] = ("Đã gửi", "Sent"),
        ["Outreach.Delivered"] = ("Đã đến hộp thư", "Delivered"),
        ["Outreach.Opened"] = ("Đã mở", "Opened"),
        ["Outreach.Failed"] = ("Thất bại", "Failed"),
    };

    /// <summary>True when the current UI culture is English.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The label of <paramref name="value"/> in the current UI culture (the enum name when none is known).</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Of(typeof(TEnum).Name + "." + value);

    /// <summary>The label of a key such as <c>LegalForm.Cooperative</c> in the current UI culture (the part after the dot when unknown).</summary>
    public static string Of(string key) =>
        Names.TryGetValue(key, out var n) ? (English ? n.En : n.Vi) : key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <summary>A month <c>yyyy-MM</c> as people read it: <c>MM/yyyy</c>.</summary>
    public static string Month(string month) => month.Length == 7 ? month[5..] + "/" + month[..4] : month;

    /// <summary>A point with its stable key and its label.</summary>
    public static Contracts.DashboardPointDto Point<TEnum>(TEnum value, int count)
        where TEnum : struct, Enum => new(Of(value), count, value.ToString());
}
