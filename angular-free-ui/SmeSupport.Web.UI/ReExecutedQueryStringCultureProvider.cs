using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;

namespace SmeSupport.Web.UI;

/// <summary>
/// The <c>?culture=</c> (and <c>?ui-culture=</c>) of the original request when a status code is re-executed to the status page
/// (<c>/Status/{code}</c>): the re-execution drops the query string, so without this a page asked for in English
/// (<c>?culture=en</c>) would show its "not found" page in Vietnamese. Null (next provider) for any other request.
/// </summary>
internal sealed class ReExecutedQueryStringCultureProvider : RequestCultureProvider
{
    /// <inheritdoc />
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var original = httpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalQueryString;
        if (string.IsNullOrEmpty(original))
        {
            return NullProviderCultureResult;
        }

        var query = QueryHelpers.ParseQuery(original);
        var culture = query.TryGetValue("culture", out var c) ? c.ToString() : null;
        var uiCulture = query.TryGetValue("ui-culture", out var u) ? u.ToString() : null;
        if (string.IsNullOrWhiteSpace(culture) && string.IsNullOrWhiteSpace(uiCulture))
        {
            return NullProviderCultureResult;
        }

        culture = string.IsNullOrWhiteSpace(culture) ? uiCulture! : culture;
        uiCulture = string.IsNullOrWhiteSpace(uiCulture) ? culture : uiCulture;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, uiCulture));
    }
}
