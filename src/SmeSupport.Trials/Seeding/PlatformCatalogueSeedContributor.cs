using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Domain;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Seeding;

/// <summary>
/// The starting platform catalogue: "Make in Vietnam" products offered to SMEs under SMEdx (since
/// 29 Jan 2021) and the province's telecom cooperation (Viettel, 2023–2025). Seeded always (it is
/// reference data, which officers then maintain); adds only names not yet present, never overwrites
/// an officer's edits. Prices are indicative list prices per year, not quotations.
/// </summary>
internal sealed class PlatformCatalogueSeedContributor(TrialsDb db) : IDataSeedContributor
{
    /// <summary>The catalogue as data: name, provider, category, programme, trial days, price per year (VND), description.</summary>
    internal static readonly (string Name, string Provider, PlatformCategory Category, TrialProgramme Programme, int Days, decimal PriceVnd, string Description)[] Catalogue =
    [
        ("Viettel SInvoice", "Viettel", PlatformCategory.EInvoice, TrialProgramme.ProvinceTelecomCooperation, 90, 1_200_000m,
            "Hóa đơn điện tử có mã và không có mã của cơ quan thuế."),
        ("VNPT Invoice", "VNPT", PlatformCategory.EInvoice, TrialProgramme.SMEdx, 60, 1_100_000m,
            "Hóa đơn điện tử theo Nghị định 123/2020/NĐ-CP."),
        ("MISA meInvoice", "MISA", PlatformCategory.EInvoice, TrialProgramme.SMEdx, 60, 1_000_000m,
            "Hóa đơn điện tử, kết nối phần mềm kế toán."),
        ("Viettel vContract", "Viettel", PlatformCategory.EContract, TrialProgramme.ProvinceTelecomCooperation, 60, 2_400_000m,
            "Hợp đồng điện tử ký số từ xa."),
        ("VNPT eContract", "VNPT", PlatformCategory.EContract, TrialProgramme.SMEdx, 30, 2_000_000m,
            "Hợp đồng điện tử."),
        ("Viettel-CA", "Viettel", PlatformCategory.DigitalSignature, TrialProgramme.ProvinceTelecomCooperation, 90, 1_800_000m,
            "Chữ ký số cho doanh nghiệp (USB token và ký số từ xa)."),
        ("BKAV-CA", "BKAV", PlatformCategory.DigitalSignature, TrialProgramme.SMEdx, 30, 1_650_000m,
            "Chữ ký số doanh nghiệp."),
        ("MISA AMIS Kế toán", "MISA", PlatformCategory.Accounting, TrialProgramme.SMEdx, 90, 5_500_000m,
            "Phần mềm kế toán trực tuyến."),
        ("MISA AMIS Nhân sự", "MISA", PlatformCategory.HR, TrialProgramme.SMEdx, 60, 4_800_000m,
            "Quản lý nhân sự, chấm công, tính lương."),
        ("FPT.eHRM", "FPT", PlatformCategory.HR, TrialProgramme.SMEdx, 30, 3_600_000m,
            "Quản trị nhân sự trên nền tảng đám mây."),
        ("Base CRM", "Base.vn", PlatformCategory.SalesCrm, TrialProgramme.SMEdx, 30, 3_000_000m,
            "Quản lý khách hàng và bán hàng."),
        ("Postmart", "Vietnam Post", PlatformCategory.ECommerce, TrialProgramme.Other, 90, 0m,
            "Sàn thương mại điện tử cho nông sản và đặc sản địa phương."),
    ];

    public int Order => 150;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        var existing = await db.Platforms.Select(p => p.Name).ToHashSetAsync(cancellationToken);
        foreach (var (name, provider, category, programme, days, price, description) in Catalogue)
        {
            if (existing.Add(name))
            {
                db.Platforms.Add(new Platform
                {
                    Name = name,
                    Provider = provider,
                    Category = category,
                    Programme = programme,
                    DefaultTrialDays = days,
                    PriceAfterTrialVnd = price,
                    Description = description,
                    IsActive = true,
                });
            }
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }
}
