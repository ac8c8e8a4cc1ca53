using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Http;
using SmeSupport.Errors;

namespace SmeSupport.Reporting;

/// <summary>
/// Field messages of the Reporting module, from <c>ReportingErrorMessages.resx</c> (Vietnamese, the default) and
/// <c>ReportingErrorMessages.en.resx</c> (English), in the reader's culture: the request's error culture
/// (<see cref="ErrorMessageServiceCollectionExtensions.ErrorCulture"/>), else the current UI culture.
/// </summary>
internal static class ReportingText
{
    private static readonly ResourceManager Resources = new(typeof(ReportingErrorMessages));

    // HttpContextAccessor keeps the current request in an AsyncLocal shared by all instances, so a private one sees the request.
    private static readonly HttpContextAccessor Accessor = new();

    /// <summary>The reader's culture.</summary>
    public static CultureInfo Culture => Accessor.HttpContext is { } http ? http.ErrorCulture() : CultureInfo.CurrentUICulture;

    /// <summary>The text <paramref name="key"/> with <paramref name="args"/> in the reader's culture; the key itself when unknown.</summary>
    public static string Get(string key, params object?[] args)
    {
        var culture = Culture;
        var format = Resources.GetString(key, culture) ?? key;
        try
        {
            return string.Format(culture, format, args);
        }
        catch (FormatException)
        {
            return format;
        }
    }
}
