namespace SmeSupport.Outreach;

/// <summary>
/// Marker of the Outreach module's own texts for API answers: <c>OutreachText.resx</c> (Vietnamese, the default) and
/// <c>OutreachText.en.resx</c> (English). Keys: the field messages of the campaign, schedule, segment and template rules
/// (<c>Campaign.*</c>, <c>Schedule.*</c>, <c>Segment.*</c>, <c>Template.*</c>, <c>Field.*</c>).
/// </summary>
internal sealed class OutreachText
{
    private static readonly System.Resources.ResourceManager Resources = new("SmeSupport.Outreach.OutreachText", typeof(OutreachText).Assembly);

    private OutreachText()
    {
    }

    /// <summary>
    /// The text of <paramref name="key"/> in the current UI culture (the request's: Vietnamese unless <c>?culture=en</c> or the
    /// culture cookie says otherwise) with <paramref name="args"/> filled in; the key itself when missing.
    /// </summary>
    internal static string Get(string key, params object[] args)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var text = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
