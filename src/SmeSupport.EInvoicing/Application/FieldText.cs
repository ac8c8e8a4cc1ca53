using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Http;
using SmeSupport.Errors;

namespace SmeSupport.EInvoicing.Application;

/// <summary>
/// Field-level validation messages of the EInvoicing module (<c>Field.*</c> keys of <see cref="ReconciliationTexts"/>: Vietnamese by
/// default, English in <c>.en.resx</c>), in the reader's culture: the request's error culture (<c>?culture=</c>, the culture cookie, or
/// for <c>/api</c> <c>Accept-Language</c>), else the current UI culture. Dates are written dd/MM/yyyy in Vietnamese, yyyy-MM-dd otherwise.
/// </summary>
internal static class FieldText
{
    private static readonly ResourceManager Resources = new(typeof(ReconciliationTexts));

    // HttpContextAccessor keeps the current request in an AsyncLocal shared by all instances, so a private one sees the request.
    private static readonly HttpContextAccessor Accessor = new();

    /// <summary>The reader's culture.</summary>
    public static CultureInfo Culture => Accessor.HttpContext is { } http ? http.ErrorCulture() : CultureInfo.CurrentUICulture;

    /// <summary>The text <paramref name="key"/> with <paramref name="args"/> in the reader's culture; the key itself when unknown.</summary>
    public static string Get(string key, params object?[] args)
    {
        var culture = Culture;
        var format = Resources.GetString(key, culture) ?? key;
        var values = args.Select(a => a is DateOnly d
            ? d.ToString(culture.TwoLetterISOLanguageName == "vi" ? "dd/MM/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : a).ToArray();
        try
        {
            return string.Format(culture, format, values);
        }
        catch (FormatException)
        {
            return format;
        }
    }
}
