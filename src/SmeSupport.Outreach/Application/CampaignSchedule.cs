using Cronos;
using SmeSupport.Timing;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// Occurrences of a recurring campaign: a five-field cron expression (Cronos) read in Asia/Ho_Chi_Minh
/// (<see cref="VietnamTime.Zone"/>, UTC+7 without daylight saving), bounded by a first and a last instant.
/// </summary>
internal static class CampaignSchedule
{
    /// <summary>Parses a five-field cron expression; null when it does not parse.</summary>
    public static CronExpression? TryParse(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return null;
        }

        try
        {
            return CronExpression.Parse(cron.Trim());
        }
        catch (CronFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first occurrence strictly after <paramref name="afterUtc"/> (or at <paramref name="startsAt"/> when that lies
    /// later, inclusive) and not after <paramref name="endsAt"/>; null when there is none.
    /// </summary>
    public static DateTimeOffset? Next(string cron, DateTimeOffset afterUtc, DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        var expression = TryParse(cron);
        if (expression is null)
        {
            return null;
        }

        DateTimeOffset? next = startsAt is { } s && s > afterUtc
            ? expression.GetNextOccurrence(s.ToUniversalTime(), VietnamTime.Zone, inclusive: true)
            : expression.GetNextOccurrence(afterUtc.ToUniversalTime(), VietnamTime.Zone, inclusive: false);
        return next is { } n && (endsAt is null || n <= endsAt) ? n.ToUniversalTime() : null;
    }

    /// <summary>The run key of a cron occurrence: <c>cron:yyyy-MM-ddTHH:mm:ssZ</c> (UTC).</summary>
    public static string KeyOf(DateTimeOffset occurrence) =>
        "cron:" + occurrence.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The run key of a manual send of a recurring campaign.</summary>
    public static string ManualKeyOf(DateTimeOffset at) =>
        "manual:" + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The last schedulable Vietnam wall-clock time: the end of 31/12/2100.</summary>
    public static readonly DateTime LatestLocal = new(2100, 12, 31, 23, 59, 59, DateTimeKind.Unspecified);

    /// <summary>Outcome of <see cref="CheckLocal"/>.</summary>
    public enum LocalCheck
    {
        /// <summary>Absent or a plain wall-clock time within range.</summary>
        Ok,

        /// <summary>The value carried an offset or <c>Z</c> (its kind is Local or Utc).</summary>
        HasOffset,

        /// <summary>After <see cref="LatestLocal"/>.</summary>
        TooLate,
    }

    /// <summary>
    /// Checks a bound Vietnam wall-clock value: System.Text.Json turns <c>…+02:00</c> into a Local-kind and <c>…Z</c> into
    /// a Utc-kind <see cref="DateTime"/>; only Unspecified is a wall-clock time. Values after <see cref="LatestLocal"/> are refused.
    /// </summary>
    public static LocalCheck CheckLocal(DateTime? local) => local switch
    {
        null => LocalCheck.Ok,
        { Kind: not DateTimeKind.Unspecified } => LocalCheck.HasOffset,
        { } v when v > LatestLocal => LocalCheck.TooLate,
        _ => LocalCheck.Ok,
    };

    /// <summary>A Vietnam wall-clock time (no offset) as UTC.</summary>
    public static DateTimeOffset FromLocal(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), VietnamTime.Zone), TimeSpan.Zero);
}
