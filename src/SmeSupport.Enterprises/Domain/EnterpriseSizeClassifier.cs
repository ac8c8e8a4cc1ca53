using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Enterprises.Domain;

/// <summary>
/// Derives an enterprise's size class from its sector, staff, revenue and capital, under Decree 80/2021/NĐ-CP, Art. 5.
/// </summary>
/// <remarks>
/// <para>A firm is of a size when it meets the employee limit <b>and</b> either the revenue or the capital limit.
/// Sizes are tried from the smallest: micro, then small, then medium; a firm meeting none is large. Limits are
/// inclusive ("không quá", not more than). Revenue and capital limits are in billions of VND:</para>
/// <list type="table">
/// <listheader><term>size</term><description>agriculture, industry, construction | trade and services</description></listheader>
/// <item><term>micro</term><description>≤10 staff; revenue ≤3 or capital ≤3 | ≤10 staff; revenue ≤10 or capital ≤3</description></item>
/// <item><term>small</term><description>≤100 staff; revenue ≤50 or capital ≤20 | ≤50 staff; revenue ≤100 or capital ≤50</description></item>
/// <item><term>medium</term><description>≤200 staff; revenue ≤200 or capital ≤100 | ≤100 staff; revenue ≤300 or capital ≤100</description></item>
/// </list>
/// <para>When a firm works in several sectors, the decree uses the one that brings it the most revenue (or, if that
/// cannot be told, employs the most staff); the caller chooses that sector and passes its group.</para>
/// </remarks>
public static class EnterpriseSizeClassifier
{
    private const decimal OneBillionVnd = 1_000_000_000m;

    private static readonly SizeLimit[] AgricultureIndustryConstructionLimits =
    [
        new(EnterpriseSize.Micro, 10, 3, 3),
        new(EnterpriseSize.Small, 100, 50, 20),
        new(EnterpriseSize.Medium, 200, 200, 100),
    ];

    private static readonly SizeLimit[] TradeServicesLimits =
    [
        new(EnterpriseSize.Micro, 10, 10, 3),
        new(EnterpriseSize.Small, 50, 100, 50),
        new(EnterpriseSize.Medium, 100, 300, 100),
    ];

    /// <summary>
    /// Tells which size-limit group a VSIC 2018 section or code belongs to: section A and B–F (agriculture, industry,
    /// construction) or G–U (trade and services).
    /// </summary>
    /// <param name="vsicSectionOrCode">
    /// A section letter (<c>"G"</c>), a 2- to 5-digit VSIC code (<c>"47"</c>, <c>"4711"</c>, <c>"47110"</c>), or a section
    /// letter followed by a code (<c>"G4711"</c>); case-insensitive, surrounding white space ignored. Only the
    /// first two digits (the division) are checked: deeper levels are not validated against the VSIC list.
    /// </param>
    /// <returns>
    /// The group, or <see langword="null"/> when the input is null, empty, malformed, names no VSIC 2018 section or
    /// division (e.g. <c>"V"</c>, <c>"04"</c>), or gives a letter that contradicts its digits (<c>"A4711"</c>).
    /// It never guesses: the caller must treat <see langword="null"/> as "sector unknown" and ask, not default.
    /// </returns>
    public static SectorGroup? SectorOf(string? vsicSectionOrCode)
    {
        var text = vsicSectionOrCode?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        VsicSection? byLetter = null;
        var digits = text.AsSpan();
        if (char.IsAsciiLetter(text[0]))
        {
            byLetter = VsicSections.FindByCode(text[0]);
            if (byLetter is null)
            {
                return null;
            }

            digits = digits[1..];
            if (digits.IsEmpty)
            {
                return byLetter.SectorGroup;
            }
        }

        if (digits.Length is < 2 or > 5)
        {
            return null;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        var division = ((digits[0] - '0') * 10) + (digits[1] - '0');
        var byDivision = VsicSections.FindByDivision(division);
        if (byDivision is null || (byLetter is not null && byLetter != byDivision))
        {
            return null;
        }

        return byDivision.SectorGroup;
    }

    /// <summary>
    /// Classifies an enterprise by size under Decree 80/2021/NĐ-CP, Art. 5.
    /// </summary>
    /// <param name="group">The sector group of the enterprise's main business line (see <see cref="SectorOf"/>).</param>
    /// <param name="employees">Average number of employees with social insurance over the year (lao động tham gia bảo hiểm xã hội bình quân năm).</param>
    /// <param name="revenueVnd">Total revenue of the year, in VND (not billions): 3 billion is <c>3_000_000_000m</c>.</param>
    /// <param name="capitalVnd">Total capital (tổng nguồn vốn, the balance-sheet total of the year), in VND.</param>
    /// <returns>The smallest size whose employee limit and revenue-or-capital limit the firm meets; <see cref="EnterpriseSize.Large"/> if none.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="employees"/>, <paramref name="revenueVnd"/> or <paramref name="capitalVnd"/> is negative, or
    /// <paramref name="group"/> is not a defined <see cref="SectorGroup"/>.
    /// </exception>
    public static EnterpriseSize Classify(SectorGroup group, int employees, decimal revenueVnd, decimal capitalVnd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(employees);
        ArgumentOutOfRangeException.ThrowIfNegative(revenueVnd);
        ArgumentOutOfRangeException.ThrowIfNegative(capitalVnd);

        var limits = group switch
        {
            SectorGroup.AgricultureIndustryConstruction => AgricultureIndustryConstructionLimits,
            SectorGroup.TradeServices => TradeServicesLimits,
            _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Unknown sector group."),
        };

        // The limits are in billions of VND; they are scaled up to VND (exact in decimal) rather than the figures
        // scaled down, so that a figure one đồng over a limit is never rounded back onto it.
        foreach (var limit in limits)
        {
            if (employees <= limit.MaxEmployees
                && (revenueVnd <= limit.MaxRevenueBillions * OneBillionVnd || capitalVnd <= limit.MaxCapitalBillions * OneBillionVnd))
            {
                return limit.Size;
            }
        }

        return EnterpriseSize.Large;
    }

    private sealed record SizeLimit(EnterpriseSize Size, int MaxEmployees, decimal MaxRevenueBillions, decimal MaxCapitalBillions);

    /// <summary>
    /// The VSIC 2018 section letter (A–U) of a section letter or code accepted by <see cref="SectorOf"/>
    /// (<c>"4711"</c> → <c>"G"</c>, <c>"g"</c> → <c>"G"</c>); null when <see cref="SectorOf"/> would return null.
    /// </summary>
    public static string? SectionOf(string? vsicSectionOrCode)
    {
        if (SectorOf(vsicSectionOrCode) is null)
        {
            return null;
        }

        var text = vsicSectionOrCode!.Trim();
        if (char.IsAsciiLetter(text[0]))
        {
            return char.ToUpperInvariant(text[0]).ToString();
        }

        var division = ((text[0] - '0') * 10) + (text[1] - '0');
        return VsicSections.FindByDivision(division)?.Code.ToString();
    }
}
