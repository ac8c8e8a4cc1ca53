namespace SmeSupport.Enterprises.Contracts;

/// <summary>Languages a contact may read e-mail in (ISO 639-1 codes). Vietnamese is the default.</summary>
public static class ContactLanguages
{
    /// <summary>Vietnamese, the default.</summary>
    public const string Vietnamese = "vi";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Longest code stored.</summary>
    public const int MaxLength = 5;

    /// <summary>Every accepted code, default first.</summary>
    public static IReadOnlyList<string> All { get; } = [Vietnamese, English];

    /// <summary>The canonical code of <paramref name="value"/> (trimmed, case-insensitive), or null when it is blank or not supported.</summary>
    public static string? Normalize(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        Vietnamese => Vietnamese,
        English => English,
        _ => null,
    };
}
