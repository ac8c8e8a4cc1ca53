using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using SmeSupport.Domain;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.EInvoicing.Application;

/// <summary>
/// A text kept as a key of <see cref="ReconciliationTexts"/> and its arguments, so that a kept reconciliation or a step note is shown
/// in the reader's language, not in the language of whoever imported the file. Stored form: U+0002, the key, then each argument after
/// U+0003 (control characters that are not white space, so trimming keeps them); an argument is typed by a prefix: <c>s:</c> a step, <c>k:</c> a kind, <c>d:</c> an ISO date, <c>t:</c> a
/// <see cref="TaxCodeError"/> (worded as the registry words it: <see cref="TaxCodeMessages"/>), <c>p:</c> a comma-separated path of steps, <c>v:</c> verbatim text. A text without the leading U+0002
/// (an officer's own note, or a row kept before texts were coded) is shown as it is.
/// </summary>
internal static class CodedText
{
    private const char Start = '\u0002';
    private const char Separator = '\u0003';

    /// <summary>Encodes <paramref name="key"/> with <paramref name="args"/> (steps, kinds, dates, tax-code errors, step paths or text).</summary>
    public static string Of(string key, params object?[] args)
    {
        var sb = new StringBuilder().Append(Start).Append(key);
        foreach (var arg in args)
        {
            sb.Append(Separator).Append(arg switch
            {
                EInvoiceStep s => "s:" + s,
                EInvoiceKind k => "k:" + k,
                DateOnly d => "d:" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                TaxCodeError e => "t:" + e,
                IEnumerable<EInvoiceStep> path => "p:" + string.Join(',', path),
                null => "v:",
                _ => "v:" + Convert.ToString(arg, CultureInfo.InvariantCulture)?.Replace(Separator, ' ').Replace(Start, ' '),
            });
        }

        return sb.ToString();
    }

    /// <summary>True when <paramref name="text"/> is in the coded form.</summary>
    public static bool IsCoded(string? text) => text is { Length: > 1 } && text[0] == Start;

    /// <summary>The key of a coded text (null when not coded).</summary>
    public static string? KeyOf(string? text) => IsCoded(text) ? text![1..].Split(Separator)[0] : null;

    /// <summary>Renders a coded text in <paramref name="culture"/> with <paramref name="localizer"/>; a plain text is returned as it is.</summary>
    public static string Render(string text, IStringLocalizer localizer, CultureInfo culture)
    {
        if (!IsCoded(text))
        {
            return text;
        }

        var parts = text[1..].Split(Separator);
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            var args = parts.Skip(1).Select(a => (object)RenderArg(a, localizer, culture)).ToArray();
            var format = localizer[parts[0]];
            if (format.ResourceNotFound)
            {
                return parts[0] + (args.Length == 0 ? "" : ": " + string.Join(", ", args));
            }

            try
            {
                return string.Format(culture, format.Value, args);
            }
            catch (FormatException)
            {
                return format.Value;
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    private static string RenderArg(string arg, IStringLocalizer localizer, CultureInfo culture)
    {
        if (arg.Length < 2 || arg[1] != ':')
        {
            return arg;
        }

        var value = arg[2..];
        string Name(string prefix, string name) => localizer[prefix + name] is { ResourceNotFound: false } l ? l.Value : name;
        return arg[0] switch
        {
            's' => Name("Step.", value),
            'k' => Name("Kind.", value),
            't' => Enum.TryParse<TaxCodeError>(value, out var error) ? TaxCodeMessages.For(error, culture) : value,
            'p' => string.Join(" → ", value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Name("Step.", s))),
            'd' => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.ToString(culture.TwoLetterISOLanguageName == "vi" ? "dd/MM/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : value,
            _ => value,
        };
    }
}

/// <summary>Renders <see cref="CodedText"/> in the reader's language: the request's (as for error messages), else the current UI culture.</summary>
internal sealed class CodedTextRenderer(IStringLocalizerFactory factory, IHttpContextAccessor? accessor = null)
{
    private readonly IStringLocalizer _localizer = factory.Create(typeof(ReconciliationTexts));

    /// <summary>The reader's culture: <see cref="ErrorMessageServiceCollectionExtensions.ErrorCulture"/> in a request, else the current UI culture.</summary>
    public CultureInfo Culture => accessor?.HttpContext is { } http ? http.ErrorCulture() : CultureInfo.CurrentUICulture;

    /// <summary>One text in the reader's language; null stays null.</summary>
    public string? Render(string? text) => text is null ? null : CodedText.Render(text, _localizer, Culture);
}
