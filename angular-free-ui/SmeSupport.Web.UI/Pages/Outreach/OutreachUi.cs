using System.Globalization;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach;

/// <summary>Helpers shared by the outreach pages: schedules as text, field errors, local date-time inputs.</summary>
public static class OutreachUi
{
    /// <summary>The field errors of a refusal (keys as the API names them, e.g. <c>cron</c>, <c>rules.wardCodes</c>).</summary>
    public static IReadOnlyDictionary<string, string[]> Fields(BusinessException exception) => exception.Errors;

    /// <summary>The value of an HTML <c>datetime-local</c> input for a UTC instant, in Vietnam time.</summary>
    public static string? LocalInput(DateTimeOffset? utc) =>
        utc is { } u ? SmeSupport.Timing.VietnamTime.ToLocal(u).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>A UTC instant in Vietnam time, <c>dd/MM/yyyy HH:mm</c>.</summary>
    public static string Local(DateTimeOffset? utc) => utc is { } u ? SmeSupport.Timing.VietnamTime.FormatDateTime(u) : "—";

    /// <summary>Reads a <c>datetime-local</c> value (<c>yyyy-MM-ddTHH:mm</c>); null when empty or malformed.</summary>
    public static DateTime? ParseLocal(string? text) =>
        DateTime.TryParseExact(text?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;

    /// <summary>Bootstrap badge class of a campaign status.</summary>
    public static string StatusBadge(CampaignStatus status) => status switch
    {
        CampaignStatus.Scheduled => "text-bg-primary",
        CampaignStatus.Paused => "text-bg-warning",
        CampaignStatus.Completed => "text-bg-success",
        CampaignStatus.Cancelled => "text-bg-secondary",
        _ => "text-bg-light",
    };
}
