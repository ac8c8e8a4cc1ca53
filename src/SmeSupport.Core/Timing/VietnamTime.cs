namespace SmeSupport.Timing;

/// <summary>
/// The programme's local time zone, Asia/Ho_Chi_Minh (UTC+7, no daylight saving). Data is stored in
/// UTC; it is shown and scheduled in this zone (DOMAIN.md, "Vietnamese text").
/// </summary>
public static class VietnamTime
{
    /// <summary>IANA id of the zone.</summary>
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>The zone (ICU/IANA data; falls back to a fixed UTC+7 zone where that data is missing).</summary>
    public static TimeZoneInfo Zone { get; } = Load();

    /// <summary>Converts an instant to local Vietnam time.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>Today's date in Vietnam for the given clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>Formats a date as dd/MM/yyyy, the Vietnamese convention.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Formats an instant as dd/MM/yyyy HH:mm in Vietnam time.</summary>
    public static string FormatDateTime(DateTimeOffset utc) =>
        ToLocal(utc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static TimeZoneInfo Load()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), "Indochina Time", "Indochina Time");
        }
    }
}
