using Microsoft.Extensions.Localization;

namespace SmeSupport.Web.UI.Formatting;

/// <summary>Localized text for values that come from data (status names, field names) and may have no resource.</summary>
public static class LocalizerFallback
{
    /// <summary>The resource <paramref name="key"/>, or <paramref name="fallback"/> as it is when the resource has no such key.</summary>
    public static string Or(this IStringLocalizer localizer, string key, string? fallback)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer[key];
        return text.ResourceNotFound ? fallback ?? "" : text.Value;
    }
}
