using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Data;

namespace SmeSupport.Cases.Seeding;

/// <summary>
/// Seeds the holiday calendar for 2025–2027 (reference data, every environment). A year is seeded only when the table
/// holds no entry of that year, so an Admin's edits are never undone.
/// </summary>
/// <remarks>
/// Sources. Public holidays: Labour Code 45/2019/QH14, Art. 112(1) — New Year (1/1), Tết Nguyên Đán (5 days), Victory
/// Day (30/4), International Labour Day (1/5), National Day (2/9 and one adjacent day, 2 days since 2021), Hùng Kings'
/// Commemoration (10/3 lunar). A holiday on the weekly rest day gives a compensatory day off on the next working day:
/// Art. 111(3). The exact Tết days and the swaps of working days are set each year by the Prime Minister for civil
/// servants (notices of the Ministry of Labour, Invalids and Social Affairs, since March 2025 the Ministry of Home
/// Affairs): 2025 — Tết 25/1–2/2 with Mon 27/1 swapped for Sat 15/2; 30/4–4/5 with Fri 2/5 swapped for Sat 26/4;
/// National Day 1–2/9. 2026 — Tết 14/2–22/2 (27 Chạp Ất Tỵ to mùng 6 Bính Ngọ); Hùng Kings' day falls on Sunday 26/4,
/// so Monday 27/4 is off. 2027 is provisional (computed from the Labour Code, no notice yet): edit it when the year's
/// notice is published. Lunar dates (Tết 29/1/2025, 17/2/2026, 6/2/2027; 10/3 lunar 7/4/2025, 26/4/2026, 16/4/2027)
/// are checked against the lunisolar calendar in the tests.
/// </remarks>
internal sealed class PublicHolidaySeedContributor(CasesDb db) : IDataSeedContributor
{
    /// <summary>The seeded entries.</summary>
    public static readonly IReadOnlyList<(DateOnly Date, string Name, HolidayKind Kind)> Entries =
    [
        (new(2025, 1, 1), "Tết Dương lịch", HolidayKind.Holiday),
        (new(2025, 1, 27), "Tết Nguyên Đán (nghỉ hoán đổi, làm bù thứ Bảy 15/2)", HolidayKind.DayOff),
        (new(2025, 1, 28), "Tết Nguyên Đán (29 tháng Chạp)", HolidayKind.Holiday),
        (new(2025, 1, 29), "Tết Nguyên Đán (mùng 1)", HolidayKind.Holiday),
        (new(2025, 1, 30), "Tết Nguyên Đán (mùng 2)", HolidayKind.Holiday),
        (new(2025, 1, 31), "Tết Nguyên Đán (mùng 3)", HolidayKind.Holiday),
        (new(2025, 2, 15), "Làm bù cho ngày 27/1", HolidayKind.WorkingDay),
        (new(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", HolidayKind.Holiday),
        (new(2025, 4, 26), "Làm bù cho ngày 2/5", HolidayKind.WorkingDay),
        (new(2025, 4, 30), "Ngày Chiến thắng (30/4)", HolidayKind.Holiday),
        (new(2025, 5, 1), "Ngày Quốc tế Lao động (1/5)", HolidayKind.Holiday),
        (new(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)", HolidayKind.DayOff),
        (new(2025, 9, 1), "Quốc khánh (ngày liền kề)", HolidayKind.Holiday),
        (new(2025, 9, 2), "Quốc khánh (2/9)", HolidayKind.Holiday),

        (new(2026, 1, 1), "Tết Dương lịch", HolidayKind.Holiday),
        (new(2026, 2, 16), "Tết Nguyên Đán (29 tháng Chạp)", HolidayKind.Holiday),
        (new(2026, 2, 17), "Tết Nguyên Đán (mùng 1)", HolidayKind.Holiday),
        (new(2026, 2, 18), "Tết Nguyên Đán (mùng 2)", HolidayKind.Holiday),
        (new(2026, 2, 19), "Tết Nguyên Đán (mùng 3)", HolidayKind.Holiday),
        (new(2026, 2, 20), "Tết Nguyên Đán (mùng 4)", HolidayKind.Holiday),
        (new(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù cho Chủ nhật 26/4)", HolidayKind.Holiday),
        (new(2026, 4, 30), "Ngày Chiến thắng (30/4)", HolidayKind.Holiday),
        (new(2026, 5, 1), "Ngày Quốc tế Lao động (1/5)", HolidayKind.Holiday),
        (new(2026, 9, 1), "Quốc khánh (ngày liền kề)", HolidayKind.Holiday),
        (new(2026, 9, 2), "Quốc khánh (2/9)", HolidayKind.Holiday),

        (new(2027, 1, 1), "Tết Dương lịch", HolidayKind.Holiday),
        (new(2027, 2, 5), "Tết Nguyên Đán (30 tháng Chạp)", HolidayKind.Holiday),
        (new(2027, 2, 8), "Tết Nguyên Đán (mùng 3)", HolidayKind.Holiday),
        (new(2027, 2, 9), "Tết Nguyên Đán (mùng 4)", HolidayKind.Holiday),
        (new(2027, 2, 10), "Tết Nguyên Đán (nghỉ bù cho thứ Bảy 6/2)", HolidayKind.Holiday),
        (new(2027, 2, 11), "Tết Nguyên Đán (nghỉ bù cho Chủ nhật 7/2)", HolidayKind.Holiday),
        (new(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", HolidayKind.Holiday),
        (new(2027, 4, 30), "Ngày Chiến thắng (30/4)", HolidayKind.Holiday),
        (new(2027, 5, 3), "Ngày Quốc tế Lao động (nghỉ bù cho thứ Bảy 1/5)", HolidayKind.Holiday),
        (new(2027, 9, 2), "Quốc khánh (2/9)", HolidayKind.Holiday),
        (new(2027, 9, 3), "Quốc khánh (ngày liền kề)", HolidayKind.Holiday),
    ];

    public int Order => 150;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        var dates = await db.PublicHolidays.Select(h => h.Date).ToListAsync(cancellationToken);
        var seededYears = dates.Select(d => d.Year).ToHashSet();
        foreach (var (date, name, kind) in Entries.Where(e => !seededYears.Contains(e.Date.Year)))
        {
            db.PublicHolidays.Add(new PublicHoliday { Date = date, Name = name, Kind = kind });
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }
}
