using System.Globalization;
using SmeSupport.Errors;
using SmeSupport.Timing;

namespace SmeSupport.Web.UI.Formatting;

/// <summary>Display helpers of the support-case pages: times in Asia/Ho_Chi_Minh, working minutes, error texts.</summary>
public static class CaseUi
{
    /// <summary>A UTC instant as <c>dd/MM/yyyy HH:mm</c> Vietnam time, or "—".</summary>
    public static string Time(DateTimeOffset? utc) => utc is { } t ? VietnamTime.FormatDateTime(t) : "—";

    /// <summary>Working minutes, rounded, in the current culture (e.g. <c>1.350</c>).</summary>
    public static string Minutes(double minutes) => Math.Round(minutes).ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A ratio 0–1 as a percentage with no decimals, or "—".</summary>
    public static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("N0", CultureInfo.CurrentCulture) + " %" : "—";

    /// <summary>A number with up to two decimals, or "—".</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.CurrentCulture) : "—";

    /// <summary>The text to show for a refused operation: its field errors, else its message.</summary>
    public static string Error(BusinessException exception) =>
        exception.Errors.Count > 0 ? string.Join(" ", exception.Errors.SelectMany(e => e.Value)) : exception.Message;

    /// <summary>
    /// The text to show for a refused operation in the page's language: its field errors, else the translation of its error
    /// code (<c>CasesErrorMessages</c> and the shared codes), else its own message.
    /// </summary>
    public static string Error(BusinessException exception, IErrorMessageLocalizer messages) =>
        exception.Errors.Count > 0 ? string.Join(" ", exception.Errors.SelectMany(e => e.Value)) : messages.Localize(exception);
}
