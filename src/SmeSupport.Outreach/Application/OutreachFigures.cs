using Microsoft.EntityFrameworkCore;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;

namespace SmeSupport.Outreach.Application;

/// <summary>Computes <see cref="OutreachFiguresDto"/> with one grouped query over the outbox.</summary>
internal static class OutreachFigures
{
    /// <summary>The prefix of <see cref="OutboxMessage.LastError"/> on rows deferred by the 3-per-24-hours rule.</summary>
    public const string DeferredPrefix = "Deferred: 3 advertising";

    /// <summary>The prefix of <see cref="OutboxMessage.LastError"/> on rows put off by the quiet hours.</summary>
    public const string QuietHoursPrefix = "Deferred: quiet hours";

    /// <summary>All zero.</summary>
    public static OutreachFiguresDto Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Figures per run of the rows given.</summary>
    public static async Task<Dictionary<Guid, OutreachFiguresDto>> ByRunAsync(IQueryable<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        var list = await rows.GroupBy(m => m.RunId).Select(g => new
        {
            g.Key,
            Total = g.Count(),
            Skipped = g.Count(m => m.Status == OutboxMessageStatus.Skipped),
            Sent = g.Count(m => m.Status == OutboxMessageStatus.Sent),
            Delivered = g.Count(m => m.DeliveredAt != null),
            Opened = g.Count(m => m.OpenedAt != null),
            Clicked = g.Count(m => m.ClickedAt != null),
            Bounced = g.Count(m => m.BouncedAt != null),
            Spam = g.Count(m => m.SpamReportedAt != null),
            Unsubscribed = g.Count(m => m.UnsubscribedAt != null),
            Failed = g.Count(m => m.Status == OutboxMessageStatus.Failed),
            Held = g.Count(m => m.Status == OutboxMessageStatus.Unknown),
            Waiting = g.Count(m => m.Status == OutboxMessageStatus.Pending && m.LastError != null && m.LastError.StartsWith(DeferredPrefix)),
            Quiet = g.Count(m => m.Status == OutboxMessageStatus.Pending && m.LastError != null && m.LastError.StartsWith(QuietHoursPrefix)),
            Pending = g.Count(m => m.Status == OutboxMessageStatus.Pending || m.Status == OutboxMessageStatus.Sending),
        }).ToListAsync(cancellationToken);
        return list.ToDictionary(r => r.Key, r => new OutreachFiguresDto(r.Total - r.Skipped, r.Sent, r.Delivered, r.Opened, r.Clicked,
            r.Bounced, r.Spam, r.Unsubscribed, r.Skipped, r.Failed, r.Held, r.Waiting, r.Pending, r.Quiet));
    }

    /// <summary>The sum of several figures.</summary>
    public static OutreachFiguresDto Sum(IEnumerable<OutreachFiguresDto> figures) =>
        figures.Aggregate(Empty, (a, b) => new OutreachFiguresDto(a.Recipients + b.Recipients, a.Sent + b.Sent, a.Delivered + b.Delivered,
            a.Opened + b.Opened, a.Clicked + b.Clicked, a.Bounced + b.Bounced, a.SpamReports + b.SpamReports,
            a.Unsubscribed + b.Unsubscribed, a.Suppressed + b.Suppressed, a.Failed + b.Failed, a.Held + b.Held,
            a.WaitingForLimit + b.WaitingForLimit, a.Pending + b.Pending, a.WaitingForQuietHours + b.WaitingForQuietHours));
}
