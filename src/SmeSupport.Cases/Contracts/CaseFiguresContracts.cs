namespace SmeSupport.Cases.Contracts;

/// <summary>How case figures are grouped.</summary>
public enum CaseFiguresGroupBy
{
    /// <summary>By case type.</summary>
    Type = 0,

    /// <summary>By the enterprise's current commune/ward.</summary>
    Commune = 1,

    /// <summary>By assignee (cases without one form their own group, key null).</summary>
    Officer = 2,
}

/// <summary>Query of the case figures.</summary>
public sealed record CaseFiguresQueryDto
{
    /// <summary>First day (Vietnam) of the period: cases opened on or after it. Default: 29 days before <see cref="To"/>.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day (Vietnam) of the period, inclusive. Default: today.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Grouping; default <see cref="CaseFiguresGroupBy.Type"/>.</summary>
    public CaseFiguresGroupBy? GroupBy { get; init; }
}

/// <summary>
/// Figures of a set of cases: those opened in the period (of enterprises not deleted), measured now.
/// <list type="bullet">
/// <item><description><b>Open</b>: not Resolved nor Closed. <b>Overdue</b>: open, with the first response still missing past its due time or the resolution target exceeded.</description></item>
/// <item><description><b>First-response compliance</b>: of the cases whose first response is decided (answered, or unanswered past the due time), the share answered in time.</description></item>
/// <item><description><b>Resolution compliance</b>: of the cases whose resolution is decided (Resolved/Closed, or open past the target), the share resolved within the target.</description></item>
/// <item><description><b>Medians</b>: working minutes (Mon–Fri 07:30–11:30, 13:30–17:00, holidays excluded) from opening to the first response, and running working time (pauses excluded) to the resolution of Resolved/Closed cases; the mean of the two middle values for an even count.</description></item>
/// <item><description><b>Satisfaction</b>: the mean of the enterprises' ratings (1–5) and their count.</description></item>
/// </list>
/// Ratios and averages are null when nothing was measured.
/// </summary>
public sealed record CaseFiguresRowDto
{
    /// <summary>Group key: the type name, the ward code, or the officer's user id; null for the total and for "no officer".</summary>
    public string? Key { get; init; }

    /// <summary>Readable label: type name, commune name, officer's name or e-mail; null for the total.</summary>
    public string? Label { get; init; }

    /// <summary>Cases opened in the period.</summary>
    public int Cases { get; init; }

    /// <summary>Of them, still open.</summary>
    public int Open { get; init; }

    /// <summary>Of the open ones, overdue.</summary>
    public int Overdue { get; init; }

    /// <summary>Cases whose first response is decided.</summary>
    public int FirstResponseMeasured { get; init; }

    /// <summary>Of them, answered in time.</summary>
    public int FirstResponseMet { get; init; }

    /// <summary>FirstResponseMet / FirstResponseMeasured (0–1), or null.</summary>
    public double? FirstResponseCompliance { get; init; }

    /// <summary>Cases whose resolution is decided.</summary>
    public int ResolutionMeasured { get; init; }

    /// <summary>Of them, resolved within the target.</summary>
    public int ResolutionMet { get; init; }

    /// <summary>ResolutionMet / ResolutionMeasured (0–1), or null.</summary>
    public double? ResolutionCompliance { get; init; }

    /// <summary>Median working minutes to the first response, or null.</summary>
    public double? MedianFirstResponseMinutes { get; init; }

    /// <summary>Median running working minutes to the resolution, or null.</summary>
    public double? MedianResolutionMinutes { get; init; }

    /// <summary>Mean rating 1–5 (two decimals), or null.</summary>
    public double? AverageRating { get; init; }

    /// <summary>Ratings given.</summary>
    public int Ratings { get; init; }
}

/// <summary>Case figures of a period, in total and by group.</summary>
/// <param name="From">First day of the period (Vietnam).</param>
/// <param name="To">Last day, inclusive.</param>
/// <param name="GroupBy">Grouping.</param>
/// <param name="Total">All cases of the period.</param>
/// <param name="Groups">One row per group, most cases first.</param>
public sealed record CaseFiguresDto(DateOnly From, DateOnly To, CaseFiguresGroupBy GroupBy, CaseFiguresRowDto Total, IReadOnlyList<CaseFiguresRowDto> Groups);

/// <summary>Service-level figures of the support cases.</summary>
public interface ICaseFiguresAppService
{
    /// <summary>Figures of the cases opened in the period, grouped.</summary>
    /// <exception cref="Errors.InputValidationException">From or To outside 2000-01-01..2100-12-31, From after To, or a period over 5 years (400).</exception>
    Task<CaseFiguresDto> GetAsync(CaseFiguresQueryDto query, CancellationToken cancellationToken = default);
}
