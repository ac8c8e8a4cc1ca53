using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Persistence;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// The Outreach module's part of the enterprise timeline (<see cref="IEnterpriseTimelineSource"/>): each outbox e-mail to one
/// of the enterprise's contacts (subject, recipient, purpose), when sent, or when queued while not sent yet, failed or skipped. As
/// <see cref="IEnterpriseActivityProbe"/>: which of many enterprises had such an e-mail (at that time) after a moment.
/// </summary>
internal sealed class OutreachTimelineSource(OutreachDb db) : IEnterpriseTimelineSource, IEnterpriseActivityProbe
{
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLatestActivityAsync(EnterpriseActivityQuery query,
        CancellationToken cancellationToken = default)
    {
        var since = query.Since;
        var latest = new Dictionary<Guid, DateTimeOffset>();
        foreach (var chunk in query.ContactEnterprises.Keys.Chunk(EnterpriseActivityQuery.MaxIdsPerQuery))
        {
            // The event's time is when it was sent, or when it was queued while not sent.
            foreach (var m in await db.OutboxMessages.AsNoTracking()
                         .Where(m => chunk.Contains(m.ContactId) && (m.SentAt > since || (m.SentAt == null && m.CreatedAt > since)))
                         .Select(m => new { m.ContactId, At = m.SentAt ?? m.CreatedAt }).ToListAsync(cancellationToken))
            {
                var enterpriseId = query.ContactEnterprises[m.ContactId];
                if (!latest.TryGetValue(enterpriseId, out var known) || m.At > known)
                {
                    latest[enterpriseId] = m.At;
                }
            }
        }

        return latest;
    }

    public async Task<IReadOnlyList<EnterpriseTimelineEventDto>> GetEventsAsync(EnterpriseTimelineQuery query, CancellationToken cancellationToken = default)
    {
        if (query.ContactIds.Count == 0)
        {
            return [];
        }

        var contactIds = query.ContactIds.ToList();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => contactIds.Contains(m.ContactId))
            .OrderByDescending(m => m.CreatedAt).Take(query.MaxEvents)
            .Select(m => new { m.Id, m.Subject, m.Email, m.RecipientName, m.Purpose, m.Status, m.SentAt, m.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(m => new EnterpriseTimelineEventDto
        {
            At = m.SentAt ?? m.CreatedAt,
            Category = TimelineCategory.Email,
            Kind = m.Status == OutboxMessageStatus.Sent ? "Email.Sent" : "Email.Queued",
            Subject = m.Subject,
            Status = m.Status.ToString(),
            Detail = string.IsNullOrEmpty(m.RecipientName) ? $"{m.Email} · {m.Purpose}" : $"{m.RecipientName} <{m.Email}> · {m.Purpose}",
            ReferenceId = m.Id,
        }).ToList();
    }
}
