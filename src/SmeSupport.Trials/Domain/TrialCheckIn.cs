using SmeSupport.Domain;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Trials.Domain;

/// <summary>A dated check-in during a trial: usage, satisfaction 1–5 and notes. Never changed once recorded.</summary>
internal sealed class TrialCheckIn : Entity
{
    public const int NotesMaxLength = 2000;

    public Guid TrialId { get; set; }

    /// <summary>Vietnam date; within the trial's start and end dates.</summary>
    public DateOnly Date { get; set; }

    public TrialUsageLevel UsageLevel { get; set; }

    /// <summary>1–5.</summary>
    public int Satisfaction { get; set; }

    public string? Notes { get; set; }

    public TrialCheckInSource Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? RecordedBy { get; set; }
}

/// <summary>The enterprise's feedback on a trial (rating 1–5, comment, whether it means to continue).</summary>
internal sealed class TrialFeedback : Entity
{
    public const int CommentMaxLength = 2000;

    public Guid TrialId { get; set; }

    /// <summary>1–5.</summary>
    public int Rating { get; set; }

    public string? Comment { get; set; }

    public bool? WouldContinue { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public Guid? SubmittedBy { get; set; }
}
