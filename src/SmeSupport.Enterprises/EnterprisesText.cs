namespace SmeSupport.Enterprises;

/// <summary>
/// Marker of the Enterprises module's own texts for API answers: <c>EnterprisesText.resx</c> (Vietnamese, the default) and
/// <c>EnterprisesText.en.resx</c> (English). Keys: enum value names (<c>LegalForm.JointStockCompany</c>, <c>Size.Micro</c>,
/// <c>ProgrammeStatus.Pilot</c>), shown in the timeline's change lists instead of the stored numbers; and the field messages of the
/// enterprise rules (<c>Validation.*</c>, see <see cref="Application.EnterpriseInputValidator"/>).
/// </summary>
internal sealed class EnterprisesText
{
    private static readonly System.Resources.ResourceManager Resources = new("SmeSupport.Enterprises.EnterprisesText", typeof(EnterprisesText).Assembly);

    private EnterprisesText()
    {
    }

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/>, or null when missing.</summary>
    internal static string? GetIn(string key, System.Globalization.CultureInfo culture) => Resources.GetString(key, culture);

    /// <summary>
    /// The text of <paramref name="key"/> in the current UI culture with <paramref name="args"/> filled in, for static code that has no
    /// injected localizer; the key itself when missing.
    /// </summary>
    internal static string Get(string key, params object[] args)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var text = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
