using System.Globalization;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Trials;

/// <summary>Turns an application service's refusal into lines a page shows (the localized message, then each field's errors).</summary>
public static class PageErrors
{
    /// <summary>The localized message of <paramref name="exception"/> and its field errors, one line each.</summary>
    public static IReadOnlyList<string> Lines(BusinessException exception, IErrorMessageLocalizer localizer)
    {
        var lines = new List<string> { localizer.Localize(exception) };
        foreach (var (field, messages) in exception.Errors)
        {
            lines.AddRange(messages.Select(m => $"{field}: {m}"));
        }

        return lines;
    }

    /// <summary>Reads a <c>yyyy-MM-dd</c> date (the value of an HTML date input); null when empty or malformed.</summary>
    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A date as an HTML date input's value.</summary>
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
