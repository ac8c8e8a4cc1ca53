using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Identity.Domain;

namespace SmeSupport.Web.UI.Pages.Account;

/// <summary>
/// Sign-in with e-mail (the user name) and password through ASP.NET Core Identity's
/// <see cref="SignInManager{TUser}"/>; failures count towards lock-out.
/// </summary>
public sealed class LoginModel(SignInManager<AppUser> signInManager, IStringLocalizer<WebUIResource> localizer) : PageModel
{
    /// <summary>The form.</summary>
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    /// <summary>Local URL to return to after sign-in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>A one-time notice from the previous page (e.g. after setting a password).</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Why the sign-in failed, for display; null when it did not.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the form; a signed-in user goes straight on.</summary>
    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        return Page();
    }

    /// <summary>Checks the password; on success signs in and redirects to the return URL.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!.Trim();
        var result = await signInManager.PasswordSignInAsync(email, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await signInManager.UserManager.FindByNameAsync(email);
            if (user?.PreferredCulture is { } culture && SmeSupportWebUIExtensions.SupportedCultures.Contains(culture))
            {
                Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    CultureModel.CookieOptions(Request.IsHttps));
            }

            return LocalRedirect(SafeReturnUrl());
        }

        ErrorMessage = result.IsLockedOut
            ? localizer["Login.LockedOut"]
            : result.IsNotAllowed || result.RequiresTwoFactor
                ? localizer["Login.NotAllowed"]
                : localizer["Login.Invalid"];
        return Page();
    }

    private string SafeReturnUrl() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/");

    /// <summary>Login form fields.</summary>
    public sealed class LoginInput
    {
        /// <summary>E-mail address (user name).</summary>
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Login.Email")]
        public string? Email { get; set; }

        /// <summary>Password.</summary>
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Login.Password")]
        public string? Password { get; set; }

        /// <summary>Keep the sign-in cookie after the browser closes.</summary>
        [Display(Name = "Login.RememberMe")]
        public bool RememberMe { get; set; }
    }
}
