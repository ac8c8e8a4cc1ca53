using SmeSupport.Cases.Contracts;
using SmeSupport.Domain;
using SmeSupport.Errors;

namespace SmeSupport.Cases.Domain;

/// <summary>
/// A request for support from an enterprise. The workflow lives here and only here: New → Assigned →
/// InProgress ⇄ WaitingForEnterprise → Resolved → Closed; a Resolved case may be reopened (→ InProgress,
/// within the configured window); Closed is final. Every status entered is recorded in
/// <see cref="StatusChanges"/>, from which the service-level clock (<see cref="ServiceLevelCalculator"/>) is computed.
/// </summary>
internal sealed class SupportCase : FullAuditedEntity
{
    public const int SubjectMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    private static readonly Dictionary<CaseStatus, CaseStatus[]> Transitions = new()
    {
        [CaseStatus.New] = [CaseStatus.Assigned],
        [CaseStatus.Assigned] = [CaseStatus.InProgress],
        [CaseStatus.InProgress] = [CaseStatus.WaitingForEnterprise, CaseStatus.Resolved],
        [CaseStatus.WaitingForEnterprise] = [CaseStatus.InProgress, CaseStatus.Resolved],
        [CaseStatus.Resolved] = [CaseStatus.Closed, CaseStatus.InProgress],
        [CaseStatus.Closed] = [],
    };

    /// <summary>For EF Core.</summary>
    private SupportCase()
    {
    }

    public Guid EnterpriseId { get; private set; }

    public Guid? ContactId { get; private set; }

    public string Subject { get; private set; } = "";

    public string? Description { get; private set; }

    public CaseType Type { get; private set; }

    public CaseChannel Channel { get; private set; }

    public CasePriority Priority { get; set; }

    public Guid? AssigneeId { get; private set; }

    /// <summary>The community visit this case follows up, or null.</summary>
    public Guid? CommunityVisitId { get; private set; }

    public CaseStatus Status { get; private set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>UTC; cleared when reopened.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>First public staff reply, or the first resolution when none came before (UTC).</summary>
    public DateTimeOffset? FirstRespondedAt { get; private set; }

    public int ReopenCount { get; private set; }

    /// <summary>1–5, cleared when reopened.</summary>
    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset? RatedAt { get; private set; }

    /// <summary>Statuses entered, with when and by whom.</summary>
    public List<SupportCaseStatusChange> StatusChanges { get; private set; } = [];

    /// <summary>The user applying the next changes (recorded in <see cref="StatusChanges"/>); set by the application service.</summary>
    internal Guid? ActingUserId { get; set; }

    /// <summary>True when the workflow allows going from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(CaseStatus from, CaseStatus to) => Transitions.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The statuses reachable in one step from <paramref name="from"/>.</summary>
    public static IReadOnlyList<CaseStatus> NextStatuses(CaseStatus from) => Transitions.TryGetValue(from, out var next) ? next : [];

    /// <summary>Opens a case: New, or Assigned when <paramref name="assigneeId"/> is given. Texts are expected trimmed and NFC.</summary>
    /// <exception cref="ArgumentException">Subject empty or too long, description too long (callers validate first and answer 400).</exception>
    public static SupportCase Open(Guid enterpriseId, Guid? contactId, string subject, string? description, CaseType type,
        CaseChannel channel, CasePriority priority, Guid? assigneeId, DateTimeOffset now, Guid? actingUserId = null)
    {
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > SubjectMaxLength)
        {
            throw new ArgumentException($"Subject must have 1–{SubjectMaxLength} characters.", nameof(subject));
        }

        if (description is { Length: > DescriptionMaxLength })
        {
            throw new ArgumentException($"Description must have at most {DescriptionMaxLength} characters.", nameof(description));
        }

        var supportCase = new SupportCase
        {
            EnterpriseId = enterpriseId,
            ContactId = contactId,
            Subject = subject,
            Description = string.IsNullOrWhiteSpace(description) ? null : description,
            Type = type,
            Channel = channel,
            Priority = priority,
            Status = CaseStatus.New,
            OpenedAt = now,
            ActingUserId = actingUserId,
        };
        supportCase.Record(CaseStatus.New, now);
        if (assigneeId is { } assignee)
        {
            supportCase.Assign(assignee, now);
        }

        return supportCase;
    }

    /// <summary>Marks the case as the follow-up of a community visit (set once, when opened from the visit).</summary>
    public void LinkToVisit(Guid visitId) => CommunityVisitId = visitId;

    /// <summary>Assigns (or reassigns) the case to an officer; a New case becomes Assigned.</summary>
    /// <exception cref="ConflictException"><see cref="CasesErrorCodes.InvalidTransition"/> when Resolved or Closed.</exception>
    public void Assign(Guid userId, DateTimeOffset now)
    {
        if (Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            throw new ConflictException(CasesErrorCodes.InvalidTransition, $"A {Status} case cannot be reassigned; reopen it first.")
            {
                MessageArgs = [Status],
            };
        }

        AssigneeId = userId;
        if (Status == CaseStatus.New)
        {
            MoveTo(CaseStatus.Assigned, now);
        }
    }

    /// <summary>Moves the case to <paramref name="to"/>, stamping resolution and closure times.</summary>
    /// <exception cref="ConflictException"><see cref="CasesErrorCodes.InvalidTransition"/>.</exception>
    public void MoveTo(CaseStatus to, DateTimeOffset now)
    {
        if (!CanMove(Status, to))
        {
            var next = NextStatuses(Status);
            throw new ConflictException(CasesErrorCodes.InvalidTransition,
                $"A case in status {Status} cannot become {to}; allowed: {(next.Count == 0 ? "none (the case is closed)" : string.Join(", ", next))}.")
            {
                MessageArgs = [Status],
            };
        }

        if (to == CaseStatus.Resolved)
        {
            ResolvedAt = now;
            FirstRespondedAt ??= now;
        }
        else if (to == CaseStatus.InProgress && Status == CaseStatus.Resolved)
        {
            ResolvedAt = null;
        }
        else if (to == CaseStatus.Closed)
        {
            ClosedAt = now;
        }

        Status = to;
        Record(to, now);
    }

    /// <summary>Applies an officer's workflow step; each step is allowed only from its own status.</summary>
    /// <param name="action">The step.</param>
    /// <param name="now">UTC now.</param>
    /// <param name="reopenWindow">How long after the resolution a reopen is allowed.</param>
    /// <exception cref="ConflictException"><see cref="CasesErrorCodes.InvalidTransition"/>.</exception>
    public void Apply(CaseAction action, DateTimeOffset now, TimeSpan reopenWindow)
    {
        var (from, to) = action switch
        {
            CaseAction.Start => (CaseStatus.Assigned, CaseStatus.InProgress),
            CaseAction.WaitForEnterprise => (CaseStatus.InProgress, CaseStatus.WaitingForEnterprise),
            CaseAction.Resume => (CaseStatus.WaitingForEnterprise, CaseStatus.InProgress),
            CaseAction.Resolve => (Status is CaseStatus.WaitingForEnterprise ? CaseStatus.WaitingForEnterprise : CaseStatus.InProgress, CaseStatus.Resolved),
            CaseAction.Close => (CaseStatus.Resolved, CaseStatus.Closed),
            CaseAction.Reopen => (CaseStatus.Resolved, CaseStatus.InProgress),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        if (Status != from)
        {
            throw new ConflictException(CasesErrorCodes.InvalidTransition,
                $"{action} needs a case in status {from}; this case is {Status}.")
            {
                MessageArgs = [Status],
            };
        }

        if (action == CaseAction.Reopen && ResolvedAt is { } resolved && now - resolved > reopenWindow)
        {
            throw new ConflictException(CasesErrorCodes.InvalidTransition,
                $"A case can be reopened within {reopenWindow.TotalDays:0.##} days of its resolution; this one was resolved on {Timing.VietnamTime.FormatDateTime(resolved)}.");
        }

        MoveTo(to, now);
        if (action == CaseAction.Reopen)
        {
            ReopenCount++;
            Rating = null;
            RatingComment = null;
            RatedAt = null;
        }
    }

    /// <summary>Records the first response (a public staff reply) when none was recorded.</summary>
    public void MarkResponded(DateTimeOffset now) => FirstRespondedAt ??= now;

    /// <summary>The enterprise rates the resolution.</summary>
    /// <exception cref="ConflictException"><see cref="CasesErrorCodes.CannotRate"/> when not Resolved/Closed or already rated.</exception>
    public void Rate(int rating, string? comment, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 5);
        if (Status is not (CaseStatus.Resolved or CaseStatus.Closed))
        {
            throw new ConflictException(CasesErrorCodes.CannotRate, $"Only a resolved or closed case can be rated; this case is {Status}.");
        }

        if (Rating is not null)
        {
            throw new ConflictException(CasesErrorCodes.CannotRate, "This resolution was already rated.");
        }

        Rating = rating;
        RatingComment = comment;
        RatedAt = now;
    }

    /// <summary>The statuses entered, oldest first, for the service-level clock.</summary>
    public IReadOnlyList<StatusAt> History() =>
        StatusChanges.OrderBy(c => c.At).ThenBy(c => c.Sequence).Select(c => new StatusAt(c.At, c.ToStatus)).ToList();

    private void Record(CaseStatus to, DateTimeOffset now) =>
        StatusChanges.Add(new SupportCaseStatusChange
        {
            SupportCaseId = Id, Sequence = StatusChanges.Count, ToStatus = to, At = now, UserId = ActingUserId,
        });
}

/// <summary>A status a case entered (its workflow history).</summary>
internal sealed class SupportCaseStatusChange : Entity
{
    public Guid SupportCaseId { get; set; }

    /// <summary>Order within the case (0 = opening).</summary>
    public int Sequence { get; set; }

    public CaseStatus ToStatus { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who applied it, or null (seed, job).</summary>
    public Guid? UserId { get; set; }
}
