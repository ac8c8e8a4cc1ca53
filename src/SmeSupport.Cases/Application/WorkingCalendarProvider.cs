using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;

namespace SmeSupport.Cases.Application;

/// <summary>Builds the <see cref="WorkingCalendar"/> from the holiday table (once per scope).</summary>
internal sealed class WorkingCalendarProvider(CasesDb db)
{
    private WorkingCalendar? _calendar;

    public async Task<WorkingCalendar> GetAsync(CancellationToken cancellationToken)
    {
        if (_calendar is not null)
        {
            return _calendar;
        }

        var rows = await db.PublicHolidays.AsNoTracking().Select(h => new { h.Date, h.Kind }).ToListAsync(cancellationToken);
        return _calendar = new WorkingCalendar(rows.Where(r => r.Kind != HolidayKind.WorkingDay).Select(r => r.Date),
            rows.Where(r => r.Kind == HolidayKind.WorkingDay).Select(r => r.Date));
    }
}
