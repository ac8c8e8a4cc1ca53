using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Seeding;

/// <summary>
/// The 150 pilot enterprises of the demo data (<c>Seed:DemoData</c>): synthetic and deterministic
/// (fixed random seed; no real person's data; e-mail addresses under the reserved <c>example.com</c>
/// domain, RFC 2606), with valid tax codes, spread over real communes and wards of Phú Thọ, of every
/// legal form and size, with one or two contacts and their consents. Inserts only the tax codes not
/// yet present, so it is idempotent.
/// </summary>
internal sealed class DemoEnterprisesSeedContributor(EnterprisesDb db, TimeProvider clock) : IDataSeedContributor
{
    /// <summary>How many pilot enterprises the demo has.</summary>
    public const int PilotCount = 150;

    private static readonly string[] Brands =
    [
        "Hùng Vương", "Phong Châu", "Đông Á", "Sông Lô", "Tam Đảo", "Ánh Dương", "Minh Phát", "Thành Đạt", "An Khang",
        "Phú Cường", "Việt Tiến", "Ngọc Lan", "Đồng Tâm", "Bảo Long", "Kim Ngân", "Hải Đăng", "Thiên Phú", "Tân Tiến",
        "Trường Sơn", "Lạc Hồng", "Văn Lang", "Bình Minh", "Hưng Thịnh", "Phúc Lộc", "Đại Nam", "Quang Minh", "Sao Mai",
        "Xuân Hòa", "Đức Thành", "Ưu Việt",
    ];

    private static readonly (string Trade, string Section, string Code)[] Trades =
    [
        ("Thương mại tổng hợp", "G", "4690"), ("Chè", "A", "0127"), ("Gốm sứ", "C", "2393"), ("May mặc", "C", "1410"),
        ("Vận tải", "H", "4933"), ("Du lịch sinh thái", "N", "7911"), ("Cơ khí chính xác", "C", "2592"), ("Thực phẩm sạch", "C", "1079"),
        ("Chế biến gỗ", "C", "1622"), ("Dược liệu", "A", "0128"), ("Công nghệ số", "J", "6201"), ("Xây dựng", "F", "4100"),
        ("Nông sản", "G", "4620"), ("Nhà hàng", "I", "5610"), ("Điện tử", "C", "2610"), ("Kế toán", "M", "6920"),
    ];

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Đức", "Thu", "Hữu", "Ngọc", "Quang", "Thanh", "Anh"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Đông", "Giang", "Hà", "Hạnh", "Hùng", "Khánh", "Lan", "Linh", "Mai", "Nam", "Oanh", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Uyên", "Việt", "Yến"];
    private static readonly string[] Positions = ["Giám đốc", "Kế toán trưởng", "Phó giám đốc", "Trưởng phòng kinh doanh", "Chủ hộ"];

    /// <summary>Prefixes of first registration: Phú Thọ 26, Vĩnh Phúc 25, Hòa Bình 54 (pre-2025 tax-office codes).</summary>
    private static readonly string[] TaxPrefixes = ["26", "25", "54"];

    public int Order => 1000;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        if (!context.DemoData)
        {
            return;
        }

        var wards = await db.Wards.Where(w => w.ProvinceCode == AdministrativeUnitsSeedContributor.PhuThoProvinceCode)
            .OrderBy(w => w.Code).Select(w => w.Code).ToListAsync(cancellationToken);
        if (wards.Count == 0)
        {
            throw new InvalidOperationException("Demo data needs the administrative units; seed them first.");
        }

        var existing = await db.Enterprises.IgnoreQueryFilters().Select(e => e.TaxCode).ToHashSetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var enterprise in Generate(wards, now))
        {
            if (existing.Add(enterprise.TaxCode))
            {
                db.Enterprises.Add(enterprise);
            }
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The demo enterprises, always the same for the same ward list.</summary>
    internal static IEnumerable<Enterprise> Generate(IReadOnlyList<int> wards, DateTimeOffset now)
    {
        var random = new Random(20250701);
        var forms = Enum.GetValues<LegalForm>();
        var sequence = 1_000_100;
        for (var i = 0; i < PilotCount; i++)
        {
            var form = forms[i % forms.Length];
            var trade = Trades[random.Next(Trades.Length)];
            var brand = Brands[random.Next(Brands.Length)];
            var owner = PersonName(random);
            string taxCode;
            if (form == LegalForm.HouseholdBusiness)
            {
                // 12-digit personal identification number (Circular 86/2024/TT-BTC): 025 = born in Phú Thọ.
                taxCode = "025" + random.Next(0, 2).ToString(CultureInfo.InvariantCulture) + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                string? code = null;
                while (code is null)
                {
                    code = TenDigitTaxCode(TaxPrefixes[i % TaxPrefixes.Length], sequence);
                    sequence += 37;
                }

                taxCode = code;
            }

            var name = form switch
            {
                LegalForm.SingleMemberLlc => $"Công ty TNHH MTV {trade.Trade} {brand}",
                LegalForm.MultiMemberLlc => $"Công ty TNHH {trade.Trade} {brand}",
                LegalForm.JointStockCompany => $"Công ty Cổ phần {trade.Trade} {brand}",
                LegalForm.Partnership => $"Công ty Hợp danh {trade.Trade} {brand}",
                LegalForm.PrivateEnterprise => $"Doanh nghiệp tư nhân {brand}",
                LegalForm.Cooperative => $"Hợp tác xã {trade.Trade} {brand}",
                _ => $"Hộ kinh doanh {owner}",
            };
            name = $"{name} {i + 1:000}";

            // Cycle the size classes so that every size appears for every legal form.
            var (employees, revenue, capital) = ((i / forms.Length) % 4) switch
            {
                0 => (random.Next(1, 10), random.Next(1, 3) * 1_000_000_000m, 1_000_000_000m),
                1 => (random.Next(15, 45), random.Next(15, 45) * 1_000_000_000m, 10_000_000_000m),
                2 => (random.Next(60, 95), random.Next(120, 190) * 1_000_000_000m, 80_000_000_000m),
                _ => (random.Next(250, 900), random.Next(400, 2000) * 1_000_000_000m, 500_000_000_000m),
            };
            if (form == LegalForm.HouseholdBusiness)
            {
                (employees, revenue, capital) = (random.Next(1, 8), random.Next(1, 3) * 1_000_000_000m, 500_000_000m);
            }

            var enterprise = new Enterprise
            {
                TaxCode = taxCode,
                LegalForm = form,
                IndustryCode = trade.Code,
                IndustrySection = trade.Section,
                ProvinceCode = AdministrativeUnitsSeedContributor.PhuThoProvinceCode,
                WardCode = wards[(i * 7 + random.Next(3)) % wards.Count],
                Street = $"Số {random.Next(1, 300)}, đường {Brands[random.Next(Brands.Length)]}",
                Website = i % 3 == 0 ? $"https://dn{i + 1:000}.example.com" : null,
                ProgrammeStatus = ProgrammeStatus.Pilot,
            };
            enterprise.SetNames(name, form == LegalForm.HouseholdBusiness ? null : brand);
            enterprise.SetFigures(employees, revenue, capital);

            var contacts = 1 + (i % 3 == 0 ? 1 : 0);
            for (var c = 0; c < contacts; c++)
            {
                var person = c == 0 && form == LegalForm.HouseholdBusiness ? owner : PersonName(random);
                var contact = new Contact
                {
                    EnterpriseId = enterprise.Id,
                    FullName = person,
                    FullNameFolded = VietnameseText.Fold(person),
                    Position = form == LegalForm.HouseholdBusiness && c == 0 ? "Chủ hộ" : Positions[random.Next(Positions.Length - 1)],
                    Email = $"lienhe{c + 1}@dn{i + 1:000}.example.com",
                    Mobile = $"+849{random.Next(10_000_000, 99_999_999)}",
                };
                contact.Consents.Add(new ContactConsent
                {
                    ContactId = contact.Id, Purpose = ConsentPurpose.Service, GrantedAt = now, GrantedVia = "seed",
                });
                if ((i + c) % 10 < 7)
                {
                    contact.Consents.Add(new ContactConsent
                    {
                        ContactId = contact.Id, Purpose = ConsentPurpose.Advertising, GrantedAt = now, GrantedVia = "seed",
                    });
                }

                enterprise.Contacts.Add(contact);
            }

            yield return enterprise;
        }
    }

    private static string PersonName(Random random) =>
        $"{FamilyNames[random.Next(FamilyNames.Length)]} {MiddleNames[random.Next(MiddleNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";

    /// <summary>A 10-digit tax code with its check digit (Circular 86/2024/TT-BTC), or null when the prefix admits none.</summary>
    internal static string? TenDigitTaxCode(string provincePrefix, int sequence)
    {
        var nine = provincePrefix + sequence.ToString("0000000", CultureInfo.InvariantCulture);
        int[] weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
        var sum = 0;
        for (var k = 0; k < 9; k++)
        {
            sum += (nine[k] - '0') * weights[k];
        }

        var check = 10 - (sum % 11);
        return check == 10 ? null : nine + check.ToString(CultureInfo.InvariantCulture);
    }
}
