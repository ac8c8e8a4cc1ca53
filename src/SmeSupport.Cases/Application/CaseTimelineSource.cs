using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Persistence;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Cases.Application;

/// <summary>
/// The Cases module's part of the enterprise timeline (<see cref="IEnterpriseTimelineSource"/>): each support case opened
/// (subject, type, channel) and every status it entered afterwards (assigned, in progress, resolved, closed, reopened).
/// No message is read at all, so internal notes (and the text of any message) never reach the timeline. As
/// <see cref="IEnterpriseActivityProbe"/>: which of many enterprises had a case opened or a case's status changed after a moment.
/// </summary>
internal sealed class CaseTimelineSource(CasesDb db) : IEnterpriseTimelineSource, IEnterpriseActivityProbe
{
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLatestActivityAsync(EnterpriseActivityQuery query,
        CancellationToken cancellationToken = default)
    {
        var since = query.Since;
        var latest = new Dictionary<Guid, DateTimeOffset>();
        void Note(Guid enterpriseId, DateTimeOffset at)
        {
            if (!latest.TryGetValue(enterpriseId, out var known) || at > known)
            {
                latest[enterpriseId] = at;
            }
        }

        foreach (var chunk in query.EnterpriseIds.Distinct().Chunk(EnterpriseActivityQuery.MaxIdsPerQuery))
        {
            foreach (var c in await db.SupportCases.AsNoTracking().Where(c => chunk.Contains(c.EnterpriseId) && c.OpenedAt > since)
                         .Select(c => new { c.EnterpriseId, c.OpenedAt }).ToListAsync(cancellationToken))
            {
                Note(c.EnterpriseId, c.OpenedAt);
            }

            // Sequence 0 is the opening itself, counted above.
            foreach (var s in await (from s in db.StatusChanges.AsNoTracking()
                                     join c in db.SupportCases.AsNoTracking() on s.SupportCaseId equals c.Id
                                     where chunk.Contains(c.EnterpriseId) && s.Sequence > 0 && s.At > since
                                     select new { c.EnterpriseId, s.At }).ToListAsync(cancellationToken))
            {
                Note(s.EnterpriseId, s.At);
            }
        }

        return latest;
    }

    public async Task<IReadOnlyList<EnterpriseTimelineEventDto>> GetEventsAsync(EnterpriseTimelineQuery query, CancellationToken cancellationToken = default)
    {
        var cases = await db.SupportCases.AsNoTracking().Where(c => c.EnterpriseId == query.EnterpriseId)
            .OrderByDescending(c => c.OpenedAt).Take(query.MaxEvents)
            .Select(c => new { c.Id, c.Subject, c.Type, c.Channel, c.OpenedAt, c.CreatedBy })
            .ToListAsync(cancellationToken);
        var events = cases.Select(c => new EnterpriseTimelineEventDto
        {
            At = c.OpenedAt,
            Category = TimelineCategory.Case,
            Kind = "Case.Opened",
            Subject = c.Subject,
            Status = nameof(CaseStatus.New),
            Detail = $"{c.Type} · {c.Channel}",
            ActorId = c.CreatedBy,
            ReferenceId = c.Id,
        }).ToList();

        var caseIds = cases.Select(c => c.Id).ToList();
        var subjects = cases.ToDictionary(c => c.Id, c => c.Subject);
        // Sequence 0 is the opening itself (status New), already shown as Case.Opened.
        var changes = await db.StatusChanges.AsNoTracking().Where(s => caseIds.Contains(s.SupportCaseId) && s.Sequence > 0)
            .OrderByDescending(s => s.At).Take(query.MaxEvents)
            .Select(s => new { s.SupportCaseId, s.ToStatus, s.At, s.UserId })
            .ToListAsync(cancellationToken);
        events.AddRange(changes.Select(s => new EnterpriseTimelineEventDto
        {
            At = s.At,
            Category = TimelineCategory.Case,
            Kind = s.ToStatus switch
            {
                CaseStatus.Resolved => "Case.Resolved",
                CaseStatus.Closed => "Case.Closed",
                _ => "Case.StatusChanged",
            },
            Subject = subjects[s.SupportCaseId],
            Status = s.ToStatus.ToString(),
            ActorId = s.UserId,
            ReferenceId = s.SupportCaseId,
        }));
        return events;
    }
}
