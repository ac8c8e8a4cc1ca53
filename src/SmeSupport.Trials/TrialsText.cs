using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Http;
using SmeSupport.Errors;

namespace SmeSupport.Trials;

/// <summary>
/// Field messages, skip reasons and enum display names of the Trials module, from <c>TrialsErrorMessages.resx</c> (Vietnamese, the
/// default) and <c>TrialsErrorMessages.en.resx</c> (English), in the reader's culture: the request's error culture
/// (<see cref="ErrorMessageServiceCollectionExtensions.ErrorCulture"/>: <c>?culture=</c>, the culture cookie, or for <c>/api</c>
/// <c>Accept-Language</c>), else the current UI culture. Dates are written dd/MM/yyyy in Vietnamese and yyyy-MM-dd in English;
/// enums are shown by their <c>Enum.&lt;Type&gt;.&lt;Name&gt;</c> display name.
/// </summary>
internal static class TrialsText
{
    private static readonly ResourceManager Resources = new(typeof(TrialsErrorMessages));

    // HttpContextAccessor keeps the current request in an AsyncLocal shared by all instances, so a private one sees the request.
    private static readonly HttpContextAccessor Accessor = new();

    /// <summary>The reader's culture.</summary>
    public static CultureInfo Culture => Accessor.HttpContext is { } http ? http.ErrorCulture() : CultureInfo.CurrentUICulture;

    /// <summary>The text <paramref name="key"/> with <paramref name="args"/> in the reader's culture.</summary>
    public static string Get(string key, params object?[] args) => Format(key, Culture, args);

    /// <summary>The text <paramref name="key"/> with <paramref name="args"/> in <paramref name="culture"/>; the key itself when unknown.</summary>
    public static string Format(string key, CultureInfo culture, params object?[] args)
    {
        var format = Resources.GetString(key, culture) ?? key;
        var values = args.Select(a => Arg(a, culture)).ToArray();
        try
        {
            return string.Format(culture, format, values);
        }
        catch (FormatException)
        {
            return format;
        }
    }

    /// <summary>
    /// An argument for an error code's message (<see cref="BusinessException.MessageArgs"/>) that shows <paramref name="value"/>'s display
    /// name in whatever culture the message is formatted in.
    /// </summary>
    public static object Name(Enum value) => new DisplayName(value);

    /// <summary>A date in <paramref name="culture"/>: dd/MM/yyyy in Vietnamese, yyyy-MM-dd otherwise.</summary>
    public static string Date(DateOnly date, CultureInfo culture) =>
        date.ToString(culture.TwoLetterISOLanguageName == "vi" ? "dd/MM/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object? Arg(object? arg, CultureInfo culture) => arg switch
    {
        DateOnly d => Date(d, culture),
        Enum e => EnumName(e, culture),
        _ => arg,
    };

    private static string EnumName(Enum value, CultureInfo culture) =>
        Resources.GetString($"Enum.{value.GetType().Name}.{value}", culture) ?? value.ToString();

    private sealed class DisplayName(Enum value) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) =>
            EnumName(value, formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture);

        public override string ToString() => ToString(null, CultureInfo.CurrentUICulture);
    }
}
