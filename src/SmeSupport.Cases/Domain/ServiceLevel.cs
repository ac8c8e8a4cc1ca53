using SmeSupport.Cases.Contracts;

namespace SmeSupport.Cases.Domain;

/// <summary>Targets of one priority, in working time.</summary>
/// <param name="FirstResponse">From opening to the first public reply.</param>
/// <param name="Resolution">Running working time (pauses excluded) from opening to resolution.</param>
internal sealed record ServiceLevelTarget(TimeSpan FirstResponse, TimeSpan Resolution);

/// <summary>A status a case entered and when.</summary>
/// <param name="At">UTC.</param>
/// <param name="Status">The status entered.</param>
internal readonly record struct StatusAt(DateTimeOffset At, CaseStatus Status);

/// <summary>
/// Computes a case's service level from its status history (pure). The resolution clock runs while the case is New,
/// Assigned or InProgress and stops in WaitingForEnterprise (paused), Resolved (a reopened case continues where it
/// stopped) and Closed. The first-response clock runs from opening to the first response.
/// </summary>
internal static class ServiceLevelCalculator
{
    /// <summary>True for the statuses in which the resolution clock runs.</summary>
    public static bool ClockRuns(CaseStatus status) => status is CaseStatus.New or CaseStatus.Assigned or CaseStatus.InProgress;

    /// <summary>Computes the service level at <paramref name="now"/>.</summary>
    /// <param name="openedAt">When the case was opened.</param>
    /// <param name="firstRespondedAt">First response, or null.</param>
    /// <param name="history">Statuses entered, oldest first, starting with New at opening (empty: New since opening).</param>
    /// <param name="target">Targets of the case's priority.</param>
    /// <param name="calendar">Working calendar.</param>
    /// <param name="now">The instant to compute at.</param>
    public static CaseServiceLevelDto Compute(DateTimeOffset openedAt, DateTimeOffset? firstRespondedAt, IReadOnlyList<StatusAt> history,
        ServiceLevelTarget target, WorkingCalendar calendar, DateTimeOffset now)
    {
        var steps = history.Count == 0 ? [new StatusAt(openedAt, CaseStatus.New)] : history.OrderBy(h => h.At).ToList();
        var elapsed = TimeSpan.Zero;
        DateTimeOffset? due = null;
        DateTimeOffset? lastRunEnd = null;
        for (var i = 0; i < steps.Count; i++)
        {
            if (!ClockRuns(steps[i].Status))
            {
                continue;
            }

            var start = steps[i].At;
            var end = i + 1 < steps.Count ? steps[i + 1].At : now;
            var worked = calendar.WorkingTimeBetween(start, end);
            lastRunEnd = end;
            if (due is null && elapsed + worked >= target.Resolution)
            {
                due = calendar.AddWorkingTime(start, target.Resolution - elapsed);
            }

            elapsed += worked;
        }

        var current = steps[^1].Status;
        var running = ClockRuns(current);
        var finished = current is CaseStatus.Resolved or CaseStatus.Closed;
        if (due is null && (running || finished))
        {
            // Running: when it will be due. Resolved/closed before the target: when it would have been due, so the
            // resolution time and the due time can be compared on the page.
            due = calendar.AddWorkingTime(running ? now : lastRunEnd ?? openedAt, target.Resolution - elapsed);
        }

        // Breached when more working time ran than the target, or the clock was still running after the due time:
        // a case due at Friday 17:00 is overdue all weekend, though no working time passes (remaining stays 0).
        var resolutionBreached = elapsed > target.Resolution || (due is { } d && lastRunEnd is { } stoppedOrNow && stoppedOrNow > d);
        var firstDue = calendar.AddWorkingTime(openedAt, target.FirstResponse);
        var firstElapsed = calendar.WorkingTimeBetween(openedAt, firstRespondedAt ?? now);
        return new CaseServiceLevelDto
        {
            FirstResponseTargetMinutes = (int)target.FirstResponse.TotalMinutes,
            FirstResponseDueAt = firstDue,
            FirstResponseRemainingMinutes = Minutes(target.FirstResponse - firstElapsed),
            FirstResponseBreached = firstElapsed > target.FirstResponse || (firstRespondedAt ?? now) > firstDue,
            ResolutionTargetMinutes = (int)target.Resolution.TotalMinutes,
            ResolutionDueAt = due,
            ResolutionRemainingMinutes = Minutes(target.Resolution - elapsed),
            ResolutionBreached = resolutionBreached,
            IsPaused = current == CaseStatus.WaitingForEnterprise,
            ResolutionMet = finished ? !resolutionBreached : null,
        };
    }

    /// <summary>Whole working minutes (half away from zero).</summary>
    private static double Minutes(TimeSpan span) => Math.Round(span.TotalMinutes, 0, MidpointRounding.AwayFromZero);
}
