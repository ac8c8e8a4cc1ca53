using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.EInvoicing.Domain;
using SmeSupport.EInvoicing.Persistence;

namespace SmeSupport.EInvoicing.Seeding;

/// <summary>
/// The licensed e-invoice providers named in DOMAIN.md, seeded always (reference data; officers add
/// and retire providers afterwards). Adds only names not yet present.
/// </summary>
internal sealed class EInvoiceProvidersSeedContributor(EInvoicingDb db) : IDataSeedContributor
{
    /// <summary>Product name, company, website.</summary>
    internal static readonly (string Name, string Company, string Website)[] Providers =
    [
        ("Viettel SInvoice", "Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel)", "https://sinvoice.viettel.vn"),
        ("VNPT Invoice", "Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT)", "https://invoice.vnpt.vn"),
        ("MISA meInvoice", "Công ty Cổ phần MISA", "https://meinvoice.vn"),
        ("BKAV eHoaDon", "Công ty Cổ phần BKAV", "https://ehoadon.vn"),
        ("FPT.eInvoice", "Công ty TNHH Hệ thống Thông tin FPT", "https://einvoice.fpt.com.vn"),
        ("EasyInvoice", "Công ty Cổ phần Đầu tư Công nghệ và Thương mại SOFTDREAMS", "https://easyinvoice.vn"),
    ];

    public int Order => 160;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        var existing = await db.Providers.Select(p => p.Name).ToHashSetAsync(cancellationToken);
        foreach (var (name, company, website) in Providers)
        {
            if (existing.Add(name))
            {
                db.Providers.Add(new EInvoiceProvider { Name = name, Company = company, Website = website, IsActive = true });
            }
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }
}
