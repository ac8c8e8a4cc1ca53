using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;

namespace SmeSupport.Cases.Application;

/// <summary>Cases in brief for Reporting, with the same service-level computation as the case API.</summary>
internal sealed class CaseReportSource(CasesDb db, WorkingCalendarProvider calendars, IOptions<CasesOptions> options, TimeProvider clock)
    : ICaseReportSource
{
    public async Task<IReadOnlyList<CaseFactDto>> ListCaseFactsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.SupportCases.AsNoTracking().Include(c => c.StatusChanges).AsSplitQuery().ToListAsync(cancellationToken);
        var calendar = await calendars.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Select(c =>
        {
            var sl = ServiceLevelCalculator.Compute(c.OpenedAt, c.FirstRespondedAt, c.History(), options.Value.TargetFor(c.Priority), calendar, now);
            return new CaseFactDto(c.EnterpriseId, c.Type, c.Priority, c.Status, c.OpenedAt, c.ResolvedAt, sl.FirstResponseBreached, sl.ResolutionBreached,
                c.FirstRespondedAt);
        }).ToList();
    }
}
