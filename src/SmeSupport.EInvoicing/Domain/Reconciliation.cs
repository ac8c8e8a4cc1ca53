using SmeSupport.Domain;
using SmeSupport.EInvoicing.Contracts;

using SmeSupport.EInvoicing.Application;

namespace SmeSupport.EInvoicing.Domain;

/// <summary>One import of a tax-office file, kept with its rows so it can be opened later.</summary>
internal sealed class ReconciliationImport : AuditedEntity
{
    public const int FileNameMaxLength = 255;

    public string FileName { get; set; } = "";

    public TaxOfficeFileFormat Format { get; set; }

    public bool BranchesToParent { get; set; }

    /// <summary>The columns found, "header → field", separated by new lines.</summary>
    public string Columns { get; set; } = "";

    public int TotalRows { get; set; }

    public int Matches { get; set; }

    public int Changes { get; set; }

    public int Conflicts { get; set; }

    public int UnknownTaxCodes { get; set; }

    public int Errors { get; set; }

    public int Accepted { get; set; }
}

/// <summary>One row of an import: what the file said, what we had, and what accepting it would record. Not audited (many rows).</summary>
internal sealed class ReconciliationRow : Entity
{
    public const int TextMaxLength = 200;
    public const int MessagesMaxLength = 4000;

    public Guid ImportId { get; set; }

    /// <summary>Row number in the file (header = 1).</summary>
    public int RowNumber { get; set; }

    public string? TaxCodeText { get; set; }

    public string? TaxCode { get; set; }

    public string? MatchedTaxCode { get; set; }

    public Guid? EnterpriseId { get; set; }

    public string? StatusText { get; set; }

    public EInvoiceStep? TheirStep { get; set; }

    public EInvoiceKind? TheirKind { get; set; }

    public string? ProviderText { get; set; }

    public Guid? TheirProviderId { get; set; }

    public DateOnly? SubmittedDate { get; set; }

    public DateOnly? AcceptedDate { get; set; }

    public DateOnly? RefusedDate { get; set; }

    public DateOnly? FirstInvoiceDate { get; set; }

    public DateOnly? StatusDate { get; set; }

    public EInvoiceStep? OurStep { get; set; }

    public DateOnly? OurStepDate { get; set; }

    public ReconciliationOutcome Outcome { get; set; }

    public ReconciliationDirection? Direction { get; set; }

    /// <summary>Planned steps, <c>step:yyyy-MM-dd</c> separated by <c>|</c> (see <see cref="ReconciliationRules.FormatPlan"/>).</summary>
    public string? PlannedSteps { get; set; }

    public EInvoiceKind? KindChange { get; set; }

    public Guid? ProviderChange { get; set; }

    /// <summary>Messages, one per line.</summary>
    public string? Messages { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public Guid? AcceptedBy { get; set; }

    /// <summary>Their facts, as the rules read them.</summary>
    public TheirFacts Theirs => new(TheirStep!.Value, TheirKind, TheirProviderId, SubmittedDate, AcceptedDate, RefusedDate, FirstInvoiceDate, StatusDate);
}

/// <summary>What the tax office's row says.</summary>
internal sealed record TheirFacts(EInvoiceStep Step, EInvoiceKind? Kind, Guid? ProviderId, DateOnly? SubmittedDate, DateOnly? AcceptedDate,
    DateOnly? RefusedDate, DateOnly? FirstInvoiceDate, DateOnly? StatusDate);

/// <summary>What our adoption record says (NotRegistered with no date when there is none).</summary>
internal sealed record OurFacts(EInvoiceStep Step, DateOnly? Date, EInvoiceKind? Kind, Guid? ProviderId)
{
    public static OurFacts None { get; } = new(EInvoiceStep.NotRegistered, null, null, null);
}

/// <summary>How a row compares.</summary>
internal sealed record Comparison(ReconciliationOutcome Outcome, ReconciliationDirection Direction, IReadOnlyList<PlannedStepDto> Plan,
    EInvoiceKind? KindChange, Guid? ProviderChange, string? Message);

/// <summary>
/// Compares the tax office's facts with ours. Their status is authoritative (DOMAIN.md), but a record only moves forward along the
/// adoption order (<see cref="EInvoiceAdoption"/>): when theirs is ahead, the steps between are planned with the file's dates (an
/// intermediate step with no date of its own takes the date of the next dated step: it happened no later than that); when ours is
/// ahead, or their dates fall before ours, it is a conflict for staff to look at.
/// </summary>
internal static class ReconciliationRules
{
    public static Comparison Compare(OurFacts ours, TheirFacts theirs)
    {
        var kindChange = theirs.Kind is { } k && k != ours.Kind ? k : (EInvoiceKind?)null;
        var providerChange = theirs.ProviderId is { } p && p != ours.ProviderId ? p : (Guid?)null;
        var attributes = kindChange is not null || providerChange is not null;

        if (theirs.Step == ours.Step)
        {
            return attributes
                ? new Comparison(ReconciliationOutcome.Change, ReconciliationDirection.Same, [], kindChange, providerChange,
                    Describe(kindChange, providerChange))
                : new Comparison(ReconciliationOutcome.Match, ReconciliationDirection.Same, [], null, null, null);
        }

        var path = Path(ours.Step, theirs.Step);
        if (path is null)
        {
            return new Comparison(ReconciliationOutcome.Conflict, ReconciliationDirection.OursAhead, [], null, null,
                ours.Date is { } since
                    ? CodedText.Of("Compare.OursAheadSince", ours.Step, theirs.Step, since)
                    : CodedText.Of("Compare.OursAhead", ours.Step, theirs.Step));
        }

        var dates = new DateOnly?[path.Count];
        for (var i = 0; i < path.Count; i++)
        {
            dates[i] = DateOf(path[i], theirs, isLast: i == path.Count - 1);
        }

        if (dates[^1] is null)
        {
            return new Comparison(ReconciliationOutcome.Conflict, ReconciliationDirection.OursBehind, [], null, null,
                CodedText.Of("Compare.NoDate", ours.Step, theirs.Step));
        }

        for (var i = path.Count - 2; i >= 0; i--)
        {
            dates[i] ??= dates[i + 1];
        }

        var previous = ours.Date;
        for (var i = 0; i < path.Count; i++)
        {
            if (previous is { } before && dates[i]!.Value < before)
            {
                // A refusal we know of, and their (older) submission: that submission is the one we already have.
                if (i == 0 && ours.Step == EInvoiceStep.Refused && path[0] == EInvoiceStep.RegistrationSubmitted && path.Count == 1)
                {
                    return new Comparison(ReconciliationOutcome.Conflict, ReconciliationDirection.OursAhead, [], null, null,
                        CodedText.Of("Compare.RefusedAfterSubmission", EInvoiceStep.Refused, dates[0]!.Value));
                }

                return new Comparison(ReconciliationOutcome.Conflict, ReconciliationDirection.OursBehind, [], null, null,
                    i == 0
                        ? CodedText.Of("Compare.DateBeforeOurs", ours.Step, theirs.Step, path[i], dates[i]!.Value, before)
                        : CodedText.Of("Compare.DateBeforeTheirs", ours.Step, theirs.Step, path[i], dates[i]!.Value, path[i - 1], before));
            }

            previous = dates[i];
        }

        var plan = path.Select((step, i) => new PlannedStepDto(step, dates[i]!.Value)).ToList();
        return new Comparison(ReconciliationOutcome.Change, ReconciliationDirection.OursBehind, plan, kindChange, providerChange,
            CodedText.Of("Compare.Behind", ours.Step, path) + (attributes ? "\n" + Describe(kindChange, providerChange) : ""));
    }

    /// <summary>The shortest sequence of steps leading from <paramref name="from"/> to <paramref name="to"/> (excluding <paramref name="from"/>), or null.</summary>
    public static IReadOnlyList<EInvoiceStep>? Path(EInvoiceStep from, EInvoiceStep to)
    {
        var previous = new Dictionary<EInvoiceStep, EInvoiceStep> { [from] = from };
        var queue = new Queue<EInvoiceStep>([from]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var next in EInvoiceAdoption.AllowedAfter(current))
            {
                if (previous.TryAdd(next, current))
                {
                    if (next == to)
                    {
                        var path = new List<EInvoiceStep> { to };
                        for (var s = current; s != from; s = previous[s])
                        {
                            path.Add(s);
                        }

                        path.Reverse();
                        return path;
                    }

                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    private static DateOnly? DateOf(EInvoiceStep step, TheirFacts theirs, bool isLast)
    {
        var own = step switch
        {
            EInvoiceStep.RegistrationSubmitted => theirs.SubmittedDate,
            EInvoiceStep.Accepted => theirs.AcceptedDate,
            EInvoiceStep.Refused => theirs.RefusedDate,
            EInvoiceStep.FirstInvoiceIssued => theirs.FirstInvoiceDate,
            _ => null,
        };
        return own ?? (isLast ? theirs.StatusDate : null);
    }

    /// <summary>Coded texts (one per line) for a change of kind and/or provider.</summary>
    private static string Describe(EInvoiceKind? kind, Guid? provider) =>
        string.Join("\n", new[] { kind is { } k ? CodedText.Of("Compare.KindBecomes", k) : null, provider is not null ? CodedText.Of("Compare.ProviderChanges") : null }
            .OfType<string>());

    public static string? FormatPlan(IReadOnlyList<PlannedStepDto> plan) =>
        plan.Count == 0 ? null : string.Join('|', plan.Select(p => $"{(int)p.Step}:{p.Date:yyyy-MM-dd}"));

    public static IReadOnlyList<PlannedStepDto> ParsePlan(string? text) =>
        string.IsNullOrEmpty(text) ? []
        : text.Split('|').Select(part =>
        {
            var bits = part.Split(':');
            return new PlannedStepDto((EInvoiceStep)int.Parse(bits[0], System.Globalization.CultureInfo.InvariantCulture),
                DateOnly.ParseExact(bits[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
}

/// <summary>A step an enterprise reported through the portal; it counts only once staff confirm it (then it is recorded, source Enterprise).</summary>
internal sealed class ReportedStep : AuditedEntity
{
    public Guid EnterpriseId { get; set; }

    public EInvoiceStep Step { get; set; }

    public DateOnly Date { get; set; }

    public EInvoiceKind? Kind { get; set; }

    public Guid? ProviderId { get; set; }

    public string? Note { get; set; }

    public ReportedStepState State { get; set; }

    public DateTimeOffset ReportedAt { get; set; }

    public Guid? ReportedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    public string? DecisionNote { get; set; }
}
