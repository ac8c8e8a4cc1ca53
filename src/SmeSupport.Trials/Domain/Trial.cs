using SmeSupport.Domain;
using SmeSupport.Errors;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Trials.Domain;

/// <summary>
/// One enterprise trying one platform. The lifecycle lives here and only here:
/// Planned → Active → Completed (with an outcome); Planned or Active → Cancelled. Completed and
/// Cancelled are final. A trial is "open" while Planned or Active; an enterprise has at most one
/// open trial per platform (checked by the service, backed by a filtered unique index).
/// </summary>
internal sealed class Trial : FullAuditedEntity
{
    public const int ReasonMaxLength = 1000;

    private static readonly Dictionary<TrialStatus, TrialStatus[]> Transitions = new()
    {
        [TrialStatus.Planned] = [TrialStatus.Active, TrialStatus.Cancelled],
        [TrialStatus.Active] = [TrialStatus.Completed, TrialStatus.Cancelled],
        [TrialStatus.Completed] = [],
        [TrialStatus.Cancelled] = [],
    };

    /// <summary>For EF Core.</summary>
    private Trial()
    {
    }

    public Guid EnterpriseId { get; private set; }

    public Guid PlatformId { get; private set; }

    public Guid? AssignedOfficerId { get; set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    public TrialStatus Status { get; private set; }

    public TrialOutcome? Outcome { get; private set; }

    public string? OutcomeReason { get; private set; }

    public string? CancellationReason { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>When the nightly job found it past its end date with no outcome (UTC); kept after the trial ends.</summary>
    public DateTimeOffset? OverdueFlaggedAt { get; private set; }

    /// <summary>Flags the trial overdue when it is open and its end date is before <paramref name="today"/> and it is not flagged yet.</summary>
    /// <returns>True when the flag was set now.</returns>
    public bool FlagOverdue(DateOnly today, DateTimeOffset now)
    {
        if (!IsOpen || EndDate >= today || OverdueFlaggedAt is not null)
        {
            return false;
        }

        OverdueFlaggedAt = now;
        return true;
    }

    /// <summary>True while Planned or Active.</summary>
    public bool IsOpen => IsOpenStatus(Status);

    /// <summary>Statuses that count as open (one open trial per enterprise and platform).</summary>
    public static bool IsOpenStatus(TrialStatus status) => status is TrialStatus.Planned or TrialStatus.Active;

    /// <summary>True when the lifecycle allows going from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(TrialStatus from, TrialStatus to) =>
        Transitions.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The statuses reachable in one step from <paramref name="from"/>.</summary>
    public static IReadOnlyList<TrialStatus> NextStatuses(TrialStatus from) =>
        Transitions.TryGetValue(from, out var next) ? next : [];

    /// <summary>A new trial in status Planned.</summary>
    /// <exception cref="ArgumentException">End before start (callers validate first and answer 400).</exception>
    public static Trial Plan(Guid enterpriseId, Guid platformId, Guid? officerId, DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException("The end date is before the start date.", nameof(end));
        }

        return new Trial
        {
            EnterpriseId = enterpriseId,
            PlatformId = platformId,
            AssignedOfficerId = officerId,
            StartDate = start,
            EndDate = end,
            Status = TrialStatus.Planned,
        };
    }

    /// <summary>Planned → Active.</summary>
    /// <exception cref="ConflictException"><see cref="TrialsErrorCodes.InvalidTransition"/>.</exception>
    public void Start(DateTimeOffset now)
    {
        MoveTo(TrialStatus.Active);
        StartedAt = now;
    }

    /// <summary>Active → Completed with an outcome; NotAdopted needs a reason.</summary>
    /// <exception cref="ConflictException"><see cref="TrialsErrorCodes.InvalidTransition"/>.</exception>
    /// <exception cref="ArgumentException">NotAdopted without a reason (callers validate first and answer 400).</exception>
    public void Complete(TrialOutcome outcome, string? reason, DateTimeOffset now)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (outcome == TrialOutcome.NotAdopted && reason is null)
        {
            throw new ArgumentException("A trial that was not adopted needs a reason.", nameof(reason));
        }

        MoveTo(TrialStatus.Completed);
        Outcome = outcome;
        OutcomeReason = reason;
        CompletedAt = now;
    }

    /// <summary>Planned or Active → Cancelled.</summary>
    /// <exception cref="ConflictException"><see cref="TrialsErrorCodes.InvalidTransition"/>.</exception>
    public void Cancel(string? reason, DateTimeOffset now)
    {
        MoveTo(TrialStatus.Cancelled);
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        CancelledAt = now;
    }

    private void MoveTo(TrialStatus to)
    {
        if (!CanMove(Status, to))
        {
            throw new ConflictException(TrialsErrorCodes.InvalidTransition,
                $"A trial in status {Status} cannot become {to}; allowed: {Describe(NextStatuses(Status))}.")
            {
                MessageArgs = [TrialsText.Name(Status), TrialsText.Name(to)],
            };
        }

        Status = to;
    }

    private static string Describe(IReadOnlyList<TrialStatus> next) =>
        next.Count == 0 ? "none (the trial is finished)" : string.Join(", ", next);
}
