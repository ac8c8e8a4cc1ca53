using System.Globalization;
using System.Resources;

namespace SmeSupport.Enterprises;

/// <summary>
/// Marker of the Enterprises module's error messages keyed by error code (<see cref="Contracts.EnterprisesErrorCodes"/>):
/// <c>EnterprisesErrorMessages.resx</c> (Vietnamese, the default) and <c>EnterprisesErrorMessages.en.resx</c> (English), registered with
/// <c>AddErrorMessages</c>. Besides one message per code the files hold the parts a code's message is built from when the same code has
/// several causes (keys <c>{Rule}.{Cause}</c>, e.g. <c>ImportFileUnreadable.XlsxNotZip</c>), given as <see cref="Part"/> arguments.
/// </summary>
internal sealed class EnterprisesErrorMessages
{
    private static readonly ResourceManager Resources = new(typeof(EnterprisesErrorMessages));

    private EnterprisesErrorMessages()
    {
    }

    /// <summary>
    /// An argument for a coded message (<see cref="Errors.BusinessException.MessageArgs"/>) that renders the part <paramref name="key"/>
    /// of these resources, with <paramref name="args"/> filled in, in whatever culture the message is formatted in.
    /// </summary>
    internal static object Part(string key, params object?[] args) => new Formatted(c => Render(key, c, args));

    /// <summary>An argument that renders <paramref name="items"/> (strings or <see cref="Part"/>s) joined by ", " in the message's culture.</summary>
    internal static object List(IEnumerable<object?> items)
    {
        var list = items.ToList();
        return new Formatted(c => string.Join(", ", list.Select(i => i is IFormattable f ? f.ToString(null, c) : i?.ToString())));
    }

    /// <summary>An argument that renders <paramref name="parts"/> (strings or <see cref="Part"/>s) one after the other, separated by a space.</summary>
    internal static object Sentences(params object?[] parts) =>
        new Formatted(c => string.Join(" ", parts.Select(i => i is IFormattable f ? f.ToString(null, c) : i?.ToString())));

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in; the key when missing.</summary>
    internal static string Render(string key, CultureInfo culture, params object?[] args)
    {
        var text = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }

    private sealed class Formatted(Func<CultureInfo, string> render) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) =>
            render(formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture);

        public override string ToString() => render(CultureInfo.CurrentUICulture);
    }
}
