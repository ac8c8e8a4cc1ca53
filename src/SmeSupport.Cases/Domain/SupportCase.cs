using SmeSupport.Cases.Contracts;
using SmeSupport.Domain;
using SmeSupport.Errors;

namespace SmeSupport.Cases.Domain;

/// <summary>
/// A request for support from an enterprise. The workflow lives here and only here (the service-level
/// clock and its pauses will hang on it later): New → Assigned → InProgress ⇄ WaitingForEnterprise →
/// Resolved → Closed; a Resolved case may be reopened (→ InProgress); Closed is final.
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

    public CaseStatus Status { get; private set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>UTC; cleared when reopened.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>True when the workflow allows going from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(CaseStatus from, CaseStatus to) => Transitions.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The statuses reachable in one step from <paramref name="from"/>.</summary>
    public static IReadOnlyList<CaseStatus> NextStatuses(CaseStatus from) => Transitions.TryGetValue(from, out var next) ? next : [];

    /// <summary>Opens a case: New, or Assigned when <paramref name="assigneeId"/> is given. Texts are expected trimmed and NFC.</summary>
    /// <exception cref="ArgumentException">Subject empty or too long, description too long (callers validate first and answer 400).</exception>
    public static SupportCase Open(Guid enterpriseId, Guid? contactId, string subject, string? description, CaseType type,
        CaseChannel channel, CasePriority priority, Guid? assigneeId, DateTimeOffset now)
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
        };
        if (assigneeId is { } assignee)
        {
            supportCase.Assign(assignee, now);
        }

        return supportCase;
    }

    /// <summary>Assigns (or reassigns) the case to an officer; a New case becomes Assigned.</summary>
    /// <exception cref="ConflictException"><see cref="CasesErrorCodes.InvalidTransition"/> when Resolved or Closed.</exception>
    public void Assign(Guid userId, DateTimeOffset now)
    {
        if (Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            throw new ConflictException(CasesErrorCodes.InvalidTransition, $"A {Status} case cannot be reassigned; reopen it first.");
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
                $"A case in status {Status} cannot become {to}; allowed: {(next.Count == 0 ? "none (the case is closed)" : string.Join(", ", next))}.");
        }

        if (to == CaseStatus.Resolved)
        {
            ResolvedAt = now;
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
    }
}
