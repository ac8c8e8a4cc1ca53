using SmeSupport.Domain;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.EInvoicing.Domain;

/// <summary>A licensed e-invoice provider. Providers are data: added and retired by officers, seeded at start.</summary>
internal sealed class EInvoiceProvider : AuditedEntity
{
    public const int NameMaxLength = 100;
    public const int CompanyMaxLength = 150;
    public const int WebsiteMaxLength = 255;

    public string Name { get; set; } = "";

    public string Company { get; set; } = "";

    public string? Website { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>
/// One enterprise's e-invoice adoption (Decree 123/2020/NĐ-CP; Circular 78/2021/TT-BTC): a sequence of
/// dated facts. The order of steps lives here and only here:
/// NotRegistered → RegistrationSubmitted (form 01/ĐKTĐ-HĐĐT) → Accepted or Refused; Refused →
/// RegistrationSubmitted again; Accepted → FirstInvoiceIssued → IssuingRegularly. Each step's date is
/// on or after the previous step's date. The tax office holds the authoritative status; this is what
/// the office has learned.
/// </summary>
internal sealed class EInvoiceAdoption : AuditedEntity
{
    public const int NoteMaxLength = 500;

    private static readonly Dictionary<EInvoiceStep, EInvoiceStep[]> NextSteps = new()
    {
        [EInvoiceStep.NotRegistered] = [EInvoiceStep.RegistrationSubmitted],
        [EInvoiceStep.RegistrationSubmitted] = [EInvoiceStep.Accepted, EInvoiceStep.Refused],
        [EInvoiceStep.Refused] = [EInvoiceStep.RegistrationSubmitted],
        [EInvoiceStep.Accepted] = [EInvoiceStep.FirstInvoiceIssued],
        [EInvoiceStep.FirstInvoiceIssued] = [EInvoiceStep.IssuingRegularly],
        [EInvoiceStep.IssuingRegularly] = [],
    };

    public Guid EnterpriseId { get; set; }

    public EInvoiceStep CurrentStep { get; private set; } = EInvoiceStep.NotRegistered;

    /// <summary>Date of the current step; null at NotRegistered.</summary>
    public DateOnly? CurrentStepDate { get; private set; }

    public EInvoiceKind? Kind { get; set; }

    public Guid? ProviderId { get; set; }

    public List<EInvoiceStepRecord> Steps { get; } = [];

    /// <summary>True when <paramref name="next"/> may follow <paramref name="current"/>.</summary>
    public static bool CanFollow(EInvoiceStep current, EInvoiceStep next) =>
        NextSteps.TryGetValue(current, out var allowed) && allowed.Contains(next);

    /// <summary>The steps that may follow <paramref name="current"/>.</summary>
    public static IReadOnlyList<EInvoiceStep> AllowedAfter(EInvoiceStep current) =>
        NextSteps.TryGetValue(current, out var allowed) ? allowed : [];

    /// <summary>
    /// The earliest date a step may carry: 2000-01-01. Earlier dates (0001-01-01) are typing mistakes: Vietnamese e-invoices date from
    /// Circular 32/2011/TT-BTC (2011) and became mandatory on 1 July 2022 (Decree 123/2020/ND-CP), so a generous floor of 2000 keeps
    /// every genuine historical record while refusing the absurd. The latest is today (Vietnam time), checked where the clock is known.
    /// </summary>
    public static readonly DateOnly EarliestStepDate = new(2000, 1, 1);

    /// <summary>
    /// The records in the order they were reached: by date, then by when they were recorded; records sharing both (several steps
    /// recorded at once on one date, e.g. a tax-office row planning Refused → RegistrationSubmitted → Accepted all on 28/11) are put
    /// in the order of the adoption funnel as a chain each of whose steps may follow the one before (<see cref="CanFollow"/>),
    /// starting from the step before them. Ties that form no such chain keep step order.
    /// </summary>
    public static List<EInvoiceStepRecord> InReachedOrder(IEnumerable<EInvoiceStepRecord> records)
    {
        var sorted = records.OrderBy(r => r.Date).ThenBy(r => r.RecordedAt).ThenBy(r => r.Step).ThenBy(r => r.Id).ToList();
        var result = new List<EInvoiceStepRecord>(sorted.Count);
        var previous = EInvoiceStep.NotRegistered;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i + 1;
            while (j < sorted.Count && sorted[j].Date == sorted[i].Date && sorted[j].RecordedAt == sorted[i].RecordedAt)
            {
                j++;
            }

            var group = sorted.GetRange(i, j - i);
            if (group.Count > 1 && Chain(previous, group, []) is { } chain)
            {
                group = chain;
            }

            result.AddRange(group);
            previous = group[^1].Step;
            i = j;
        }

        return result;
    }

    private static List<EInvoiceStepRecord>? Chain(EInvoiceStep previous, List<EInvoiceStepRecord> left, List<EInvoiceStepRecord> taken)
    {
        if (left.Count == 0)
        {
            return taken;
        }

        foreach (var r in left)
        {
            if (CanFollow(previous, r.Step)
                && Chain(r.Step, left.Where(x => !ReferenceEquals(x, r)).ToList(), [.. taken, r]) is { } chain)
            {
                return chain;
            }
        }

        return null;
    }

    /// <summary>Records a step reached on <paramref name="date"/> and makes it current. Returns the new record (add it to the unit of work).</summary>
    /// <exception cref="ConflictException"><see cref="EInvoicingErrorCodes.StepOutOfOrder"/>: the step does not follow the current one, or the date is before the current step's date.</exception>
    public EInvoiceStepRecord RecordStep(EInvoiceStep step, DateOnly date, EInvoiceStepSource source, string? note, DateTimeOffset now, Guid? userId)
    {
        if (!CanFollow(CurrentStep, step))
        {
            var allowed = AllowedAfter(CurrentStep);
            throw new ConflictException(EInvoicingErrorCodes.StepOutOfOrder,
                $"{step} cannot follow {CurrentStep}; next allowed: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))}.")
            {
                MessageArgs = [Application.MessageArgs.Step(step), Application.MessageArgs.Step(CurrentStep)],
            };
        }

        if (CurrentStepDate is { } previous && date < previous)
        {
            throw new ConflictException(EInvoicingErrorCodes.StepOutOfOrder,
                $"{step} is dated {date:yyyy-MM-dd}, before the current step {CurrentStep} dated {previous:yyyy-MM-dd}.")
            {
                MessageArgs = [Application.MessageArgs.Step(step), Application.MessageArgs.Step(CurrentStep)],
            };
        }

        var record = new EInvoiceStepRecord
        {
            AdoptionId = Id,
            Step = step,
            Date = date,
            Source = source,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            RecordedAt = now,
            RecordedBy = userId,
        };
        Steps.Add(record);
        CurrentStep = step;
        CurrentStepDate = date;
        return record;
    }
}

/// <summary>One dated adoption fact; never changed once recorded.</summary>
internal sealed class EInvoiceStepRecord : Entity
{
    public Guid AdoptionId { get; set; }

    public EInvoiceStep Step { get; set; }

    /// <summary>When it happened (Vietnam date).</summary>
    public DateOnly Date { get; set; }

    public EInvoiceStepSource Source { get; set; }

    public string? Note { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    public Guid? RecordedBy { get; set; }
}

/// <summary>
/// How many e-invoices an enterprise issued in one calendar month (Vietnam time), as the office learned it. One row per
/// enterprise and month: recording the month again replaces the count (the audit log keeps the old value).
/// </summary>
internal sealed class EInvoiceMonthlyCount : AuditedEntity
{
    /// <summary>Length of <see cref="Month"/>: <c>yyyy-MM</c>.</summary>
    public const int MonthLength = 7;

    /// <summary>The enterprise (Enterprises module; no foreign key across modules).</summary>
    public Guid EnterpriseId { get; set; }

    /// <summary>The month, <c>yyyy-MM</c> (sorts in time order as text).</summary>
    public string Month { get; set; } = "";

    /// <summary>Invoices issued in the month, 0 or more.</summary>
    public int Count { get; set; }

    public EInvoiceStepSource Source { get; set; }

    public string? Note { get; set; }
}
