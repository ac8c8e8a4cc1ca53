using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Application;

/// <summary>
/// The Trials module's part of the enterprise timeline (<see cref="IEnterpriseTimelineSource"/>): each trial assigned,
/// started, completed (with its outcome) or cancelled, flagged overdue, and its check-ins and feedback; and, as
/// <see cref="IEnterpriseActivityProbe"/>, which of many enterprises have any of these after a moment.
/// </summary>
internal sealed class TrialTimelineSource(TrialsDb db) : IEnterpriseTimelineSource, IEnterpriseActivityProbe
{
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLatestActivityAsync(EnterpriseActivityQuery query,
        CancellationToken cancellationToken = default)
    {
        var since = query.Since;
        var latest = new Dictionary<Guid, DateTimeOffset>();
        void Note(Guid enterpriseId, DateTimeOffset? at)
        {
            if (at is { } t && t > since && (!latest.TryGetValue(enterpriseId, out var known) || t > known))
            {
                latest[enterpriseId] = t;
            }
        }

        foreach (var chunk in query.EnterpriseIds.Distinct().Chunk(EnterpriseActivityQuery.MaxIdsPerQuery))
        {
            foreach (var t in await db.Trials.AsNoTracking()
                         .Where(t => chunk.Contains(t.EnterpriseId) && (t.CreatedAt > since || t.StartedAt > since || t.CompletedAt > since
                                                                      || t.CancelledAt > since || t.OverdueFlaggedAt > since))
                         .Select(t => new { t.EnterpriseId, t.CreatedAt, t.StartedAt, t.CompletedAt, t.CancelledAt, t.OverdueFlaggedAt })
                         .ToListAsync(cancellationToken))
            {
                Note(t.EnterpriseId, t.CreatedAt);
                Note(t.EnterpriseId, t.StartedAt);
                Note(t.EnterpriseId, t.CompletedAt);
                Note(t.EnterpriseId, t.CancelledAt);
                Note(t.EnterpriseId, t.OverdueFlaggedAt);
            }

            foreach (var c in await (from c in db.CheckIns.AsNoTracking()
                                     join t in db.Trials.AsNoTracking() on c.TrialId equals t.Id
                                     where chunk.Contains(t.EnterpriseId) && c.RecordedAt > since
                                     select new { t.EnterpriseId, c.RecordedAt }).ToListAsync(cancellationToken))
            {
                Note(c.EnterpriseId, c.RecordedAt);
            }

            foreach (var f in await (from f in db.Feedback.AsNoTracking()
                                     join t in db.Trials.AsNoTracking() on f.TrialId equals t.Id
                                     where chunk.Contains(t.EnterpriseId) && f.SubmittedAt > since
                                     select new { t.EnterpriseId, f.SubmittedAt }).ToListAsync(cancellationToken))
            {
                Note(f.EnterpriseId, f.SubmittedAt);
            }
        }

        return latest;
    }

    public async Task<IReadOnlyList<EnterpriseTimelineEventDto>> GetEventsAsync(EnterpriseTimelineQuery query, CancellationToken cancellationToken = default)
    {
        var max = query.MaxEvents;
        var trials = await (from t in db.Trials.AsNoTracking()
                            join p in db.Platforms.AsNoTracking() on t.PlatformId equals p.Id
                            where t.EnterpriseId == query.EnterpriseId
                            orderby t.CreatedAt descending
                            select new
                            {
                                t.Id, Platform = p.Name, t.CreatedAt, t.CreatedBy, t.StartedAt, t.CompletedAt, t.CancelledAt, t.OverdueFlaggedAt,
                                t.Outcome, t.CancellationReason, t.StartDate, t.EndDate,
                            })
            .Take(max).ToListAsync(cancellationToken);

        var events = new List<EnterpriseTimelineEventDto>();
        foreach (var t in trials)
        {
            events.Add(Event(t.CreatedAt, "Trial.Assigned", t.Platform, t.Id, detail: $"{t.StartDate:yyyy-MM-dd} – {t.EndDate:yyyy-MM-dd}", actor: t.CreatedBy));
            if (t.StartedAt is { } started)
            {
                events.Add(Event(started, "Trial.Started", t.Platform, t.Id, status: "Active"));
            }

            if (t.CompletedAt is { } completed)
            {
                events.Add(Event(completed, "Trial.Completed", t.Platform, t.Id, status: t.Outcome?.ToString()));
            }

            if (t.CancelledAt is { } cancelled)
            {
                events.Add(Event(cancelled, "Trial.Cancelled", t.Platform, t.Id, detail: t.CancellationReason));
            }

            if (t.OverdueFlaggedAt is { } overdue)
            {
                events.Add(Event(overdue, "Trial.Overdue", t.Platform, t.Id));
            }
        }

        var trialIds = trials.Select(t => t.Id).ToList();
        var platforms = trials.ToDictionary(t => t.Id, t => t.Platform);
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => trialIds.Contains(c.TrialId))
            .OrderByDescending(c => c.RecordedAt).Take(max)
            .Select(c => new { c.TrialId, c.RecordedAt, c.RecordedBy, c.UsageLevel, c.Satisfaction, c.Date })
            .ToListAsync(cancellationToken);
        events.AddRange(checkIns.Select(c => Event(c.RecordedAt, "Trial.CheckIn", platforms[c.TrialId], c.TrialId,
            status: c.UsageLevel.ToString(), detail: $"{c.Date:yyyy-MM-dd} · {c.Satisfaction}/5", actor: c.RecordedBy)));

        var feedback = await db.Feedback.AsNoTracking().Where(f => trialIds.Contains(f.TrialId))
            .OrderByDescending(f => f.SubmittedAt).Take(max)
            .Select(f => new { f.TrialId, f.SubmittedAt, f.SubmittedBy, f.Rating })
            .ToListAsync(cancellationToken);
        events.AddRange(feedback.Select(f => Event(f.SubmittedAt, "Trial.Feedback", platforms[f.TrialId], f.TrialId,
            detail: $"{f.Rating}/5", actor: f.SubmittedBy)));

        return events;
    }

    private static EnterpriseTimelineEventDto Event(DateTimeOffset at, string kind, string platform, Guid trialId, string? status = null,
        string? detail = null, Guid? actor = null) => new()
    {
        At = at,
        Category = TimelineCategory.Trial,
        Kind = kind,
        Subject = platform,
        Status = status,
        Detail = detail,
        ActorId = actor,
        ReferenceId = trialId,
    };
}
