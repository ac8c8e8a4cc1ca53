using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Emailing;
using SmeSupport.Identity.Contracts;
using SmeSupport.Timing;

namespace SmeSupport.Cases.Application;

/// <summary>
/// Watches running cases: warns the assignee when a target is at most <c>Cases:WarningMinutes</c> working minutes
/// away (or a quarter of the target, when that is less, so a short target is not warned about at once), and escalates to the users holding <see cref="CasesPermissions.Escalations"/> (Admin) once it is breached.
/// Each case and threshold is notified once: the <see cref="SupportCaseSlaNotification"/> row (unique per case and
/// threshold) is inserted before the e-mail goes out, so a second run, or a second runner at the same time, sends nothing.
/// </summary>
internal sealed class ServiceLevelMonitor(
    CasesDb db,
    WorkingCalendarProvider calendars,
    IUserDirectory users,
    IEmailSender email,
    IOptions<CasesOptions> options,
    TimeProvider clock,
    ILogger<ServiceLevelMonitor> logger)
{
    /// <summary>Runs one pass; returns how many notifications were recorded.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var calendar = await calendars.GetAsync(ct);
        var warning = TimeSpan.FromMinutes(options.Value.WarningMinutes);
        var cases = await db.SupportCases.AsNoTracking().Include(c => c.StatusChanges).AsSplitQuery()
            .Where(c => c.Status == CaseStatus.New || c.Status == CaseStatus.Assigned || c.Status == CaseStatus.InProgress)
            .ToListAsync(ct);
        var done = (await db.SlaNotifications.AsNoTracking().Select(n => new { n.SupportCaseId, n.Threshold }).ToListAsync(ct))
            .Select(n => (n.SupportCaseId, n.Threshold)).ToHashSet();
        List<DirectoryUserDto>? escalation = null;
        var sent = 0;
        foreach (var c in cases)
        {
            var level = ServiceLevelCalculator.Compute(c.OpenedAt, c.FirstRespondedAt, c.History(), options.Value.TargetFor(c.Priority), calendar, now);
            var due = new List<SlaThreshold>();
            if (c.FirstRespondedAt is null)
            {
                if (level.FirstResponseBreached)
                {
                    due.Add(SlaThreshold.FirstResponseBreach);
                }
                else if (level.FirstResponseRemainingMinutes <= Math.Min(warning.TotalMinutes, level.FirstResponseTargetMinutes / 4.0))
                {
                    due.Add(SlaThreshold.FirstResponseWarning);
                }
            }

            if (level.ResolutionBreached)
            {
                due.Add(SlaThreshold.ResolutionBreach);
            }
            else if (level.ResolutionRemainingMinutes <= Math.Min(warning.TotalMinutes, level.ResolutionTargetMinutes / 4.0))
            {
                due.Add(SlaThreshold.ResolutionWarning);
            }

            foreach (var threshold in due.Where(t => !done.Contains((c.Id, t))))
            {
                var breach = threshold is SlaThreshold.FirstResponseBreach or SlaThreshold.ResolutionBreach;
                List<DirectoryUserDto> to;
                if (breach)
                {
                    to = escalation ??= [.. await users.ListWithPermissionAsync(CasesPermissions.Escalations, ct)];
                }
                else
                {
                    to = c.AssigneeId is { } a && (await users.GetManyAsync([a], ct)).TryGetValue(a, out var assignee) ? [assignee] : [];
                }

                if (!await ClaimAsync(c.Id, threshold, to, now, ct))
                {
                    continue;
                }

                sent++;
                if (to.Count > 0)
                {
                    await SendAsync(c, threshold, level, to, ct);
                }
            }
        }

        return sent;
    }

    private async Task<bool> ClaimAsync(Guid caseId, SlaThreshold threshold, List<DirectoryUserDto> to, DateTimeOffset now, CancellationToken ct)
    {
        var recipients = to.Count == 0 ? "(nobody: no assignee)" : string.Join(", ", to.Select(u => u.Email));
        var row = new SupportCaseSlaNotification
        {
            SupportCaseId = caseId, Threshold = threshold, NotifiedAt = now, Recipients = recipients[..Math.Min(recipients.Length, 2000)],
        };
        db.SlaNotifications.Add(row);
        try
        {
            await db.Context.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run recorded it first: it is theirs to send.
            db.Context.Entry(row).State = EntityState.Detached;
            return false;
        }
    }

    private async Task SendAsync(SupportCase c, SlaThreshold threshold, CaseServiceLevelDto level, List<DirectoryUserDto> to, CancellationToken ct)
    {
        var (what, dueAt) = threshold switch
        {
            SlaThreshold.FirstResponseWarning => ("sắp quá hạn phản hồi đầu tiên", (DateTimeOffset?)level.FirstResponseDueAt),
            SlaThreshold.FirstResponseBreach => ("đã quá hạn phản hồi đầu tiên", level.FirstResponseDueAt),
            SlaThreshold.ResolutionWarning => ("sắp quá hạn giải quyết", level.ResolutionDueAt),
            _ => ("đã quá hạn giải quyết", level.ResolutionDueAt),
        };
        var messages = to.Where(u => u.Email.Length > 0).DistinctBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Select(u => new EmailMessage
        {
            MessageId = $"case-sla-{c.Id:N}-{(int)threshold}-{u.Id:N}",
            To = new EmailAddress(u.Email, u.FullName),
            Subject = $"[Hỗ trợ #{c.Id.ToString("N")[..8]}] Yêu cầu {what}",
            TextBody = $"Yêu cầu \"{c.Subject}\" {what}" +
                       (dueAt is { } d ? $" (hạn: {VietnamTime.FormatDateTime(d)})" : "") + ".\n",
            Categories = ["case-sla"],
        }).ToList();
        if (messages.Count == 0)
        {
            return;
        }

        var results = await email.SendAsync(messages, ct);
        foreach (var failed in results.Where(r => !r.Accepted))
        {
            logger.LogWarning("Service-level notice {MessageId} not accepted: {Error}", failed.MessageId, failed.Error);
        }
    }
}
