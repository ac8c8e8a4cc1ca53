using Microsoft.EntityFrameworkCore;
using SmeSupport.EInvoicing.Persistence;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.EInvoicing.Application;

/// <summary>
/// The EInvoicing module's part of the enterprise timeline (<see cref="IEnterpriseTimelineSource"/>): each recorded step of
/// the e-invoice adoption (registration submitted, accepted or refused, first invoice, issuing regularly), with the step's
/// date and who reported it (officer, tax-office file, the enterprise). Officers' notes are left out. As
/// <see cref="IEnterpriseActivityProbe"/>: which of many enterprises have a step recorded after a moment.
/// </summary>
internal sealed class EInvoiceTimelineSource(EInvoicingDb db) : IEnterpriseTimelineSource, IEnterpriseActivityProbe
{
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLatestActivityAsync(EnterpriseActivityQuery query,
        CancellationToken cancellationToken = default)
    {
        var since = query.Since;
        var latest = new Dictionary<Guid, DateTimeOffset>();
        foreach (var chunk in query.EnterpriseIds.Distinct().Chunk(EnterpriseActivityQuery.MaxIdsPerQuery))
        {
            foreach (var s in await (from s in db.StepRecords.AsNoTracking()
                                     join a in db.Adoptions.AsNoTracking() on s.AdoptionId equals a.Id
                                     where chunk.Contains(a.EnterpriseId) && s.RecordedAt > since
                                     select new { a.EnterpriseId, s.RecordedAt }).ToListAsync(cancellationToken))
            {
                if (!latest.TryGetValue(s.EnterpriseId, out var known) || s.RecordedAt > known)
                {
                    latest[s.EnterpriseId] = s.RecordedAt;
                }
            }
        }

        return latest;
    }

    public async Task<IReadOnlyList<EnterpriseTimelineEventDto>> GetEventsAsync(EnterpriseTimelineQuery query, CancellationToken cancellationToken = default)
    {
        var steps = await (from s in db.StepRecords.AsNoTracking()
                           join a in db.Adoptions.AsNoTracking() on s.AdoptionId equals a.Id
                           where a.EnterpriseId == query.EnterpriseId
                           orderby s.RecordedAt descending
                           select new { s.Id, s.Step, s.Date, s.Source, s.RecordedAt, s.RecordedBy, a.Kind })
            .Take(query.MaxEvents).ToListAsync(cancellationToken);

        return steps.Select(s => new EnterpriseTimelineEventDto
        {
            At = s.RecordedAt,
            Category = TimelineCategory.EInvoice,
            Kind = "EInvoice.Step",
            Subject = s.Kind?.ToString(),
            Status = s.Step.ToString(),
            Detail = $"{s.Date:yyyy-MM-dd} · {s.Source}",
            ActorId = s.RecordedBy,
            ReferenceId = s.Id,
        }).ToList();
    }
}
