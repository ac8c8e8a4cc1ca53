using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Identity.Domain;

namespace SmeSupport.Web.UI.Pages;

/// <summary>
/// The language switch in the layout: POST <c>/Culture</c> with <c>culture</c> (<c>vi</c> or
/// <c>en</c>) and a local <c>returnUrl</c>; sets the culture cookie read by
/// <see cref="CookieRequestCultureProvider"/> and, for a signed-in user, remembers the choice.
/// </summary>
public sealed class CultureModel(UserManager<AppUser> userManager) : PageModel
{
    /// <summary>Cookie options of the culture cookie: one year, essential, HTTP only, Lax.</summary>
    public static CookieOptions CookieOptions(bool secure) => new()
    {
        Expires = DateTimeOffset.UtcNow.AddYears(1),
        IsEssential = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = secure,
        Path = "/",
    };

    /// <summary>Nothing to show: goes home.</summary>
    public IActionResult OnGet() => LocalRedirect(Url.Content("~/"));

    /// <summary>Sets the culture and goes back.</summary>
    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        if (culture is not null && SmeSupportWebUIExtensions.SupportedCultures.Contains(culture))
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), CookieOptions(Request.IsHttps));

            if (User.Identity?.IsAuthenticated == true && await userManager.GetUserAsync(User) is { } user
                && user.PreferredCulture != culture)
            {
                user.PreferredCulture = culture;
                await userManager.UpdateAsync(user);
            }
        }

        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));
    }
}
