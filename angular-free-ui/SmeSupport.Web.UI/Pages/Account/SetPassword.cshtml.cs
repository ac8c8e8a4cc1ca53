using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Identity.Domain;

namespace SmeSupport.Web.UI.Pages.Account;

/// <summary>
/// <c>/Account/SetPassword?userId=…&amp;token=…</c> (anonymous): the page an invitation e-mail links to.
/// The token is an ASP.NET Core Identity password-reset token (<see cref="UserManager{TUser}.GeneratePasswordResetTokenAsync"/>):
/// it is bound to the user's security stamp, so it stops working once used (setting the password changes
/// the stamp) and after the token lifespan (<see cref="DataProtectionTokenProviderOptions.TokenLifespan"/>, one day by default).
/// On success the password is set and the e-mail marked confirmed in one update, then the user is sent to
/// the sign-in page. A forged, expired or used link, or an unknown user, shows one error and changes nothing;
/// password-rule failures are shown on the password field.
/// </summary>
public sealed class SetPasswordModel(UserManager<AppUser> userManager, IStringLocalizer<WebUIResource> localizer) : PageModel
{
    /// <summary>The user's id, from the link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    /// <summary>The password-reset token, from the link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>The form.</summary>
    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    /// <summary>True when the link cannot be used (forged, expired, already used, unknown user).</summary>
    public bool LinkInvalid { get; private set; }

    /// <summary>The e-mail of the user the link is for, shown above the form.</summary>
    public string? Email { get; private set; }

    /// <summary>The password rules in force, in the UI language, for the hint under the field.</summary>
    public IReadOnlyList<string> Rules
    {
        get
        {
            var rules = userManager.Options.Password;
            var list = new List<string> { localizer["SetPassword.TooShort", rules.RequiredLength] };
            if (rules.RequireUppercase)
            {
                list.Add(localizer["SetPassword.RequiresUpper"]);
            }

            if (rules.RequireLowercase)
            {
                list.Add(localizer["SetPassword.RequiresLower"]);
            }

            if (rules.RequireDigit)
            {
                list.Add(localizer["SetPassword.RequiresDigit"]);
            }

            if (rules.RequireNonAlphanumeric)
            {
                list.Add(localizer["SetPassword.RequiresNonAlphanumeric"]);
            }

            return list;
        }
    }

    /// <summary>Checks the link and shows the form, or the error.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        NoReferrer();
        var user = await FindUsableUserAsync();
        if (user is null)
        {
            LinkInvalid = true;
            return Page();
        }

        Email = user.Email;
        return Page();
    }

    /// <summary>Sets the password and confirms the e-mail; errors go next to the field or at the top.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        NoReferrer();
        var user = await FindUsableUserAsync();
        if (user is null)
        {
            LinkInvalid = true;
            return Page();
        }

        Email = user.Email;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Confirmed in the same update that stores the new password hash: ResetPasswordAsync verifies the
        // token first and saves the user (all columns) only when the token and the password rules pass.
        var wasConfirmed = user.EmailConfirmed;
        user.EmailConfirmed = true;
        var result = await userManager.ResetPasswordAsync(user, Token!, Input.Password!);
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = localizer["SetPassword.Done"].Value;
            return RedirectToPage("/Account/Login");
        }

        user.EmailConfirmed = wasConfirmed;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            LinkInvalid = true;
            return Page();
        }

        // One message with every broken rule: the field shows the first message of its key only.
        ModelState.AddModelError($"{nameof(Input)}.{nameof(SetPasswordInput.Password)}", string.Join(" ", result.Errors.Select(Describe)));

        return Page();
    }

    /// <summary>The user of the link when the link's token is valid for them now; otherwise null.</summary>
    private async Task<AppUser?> FindUsableUserAsync()
    {
        if (string.IsNullOrEmpty(Token) || Token.Length > 2048 || !Guid.TryParse(UserId, out var id)
            || await userManager.FindByIdAsync(id.ToString()) is not { } user)
        {
            return null;
        }

        return await userManager.VerifyUserTokenAsync(user, userManager.Options.Tokens.PasswordResetTokenProvider,
            UserManager<AppUser>.ResetPasswordTokenPurpose, Token)
            ? user
            : null;
    }

    /// <summary>The token is in the URL: keep it out of Referer headers.</summary>
    private void NoReferrer() => Response.Headers["Referrer-Policy"] = "no-referrer";

    /// <summary>A password-rule failure in the UI language (Identity's own text only for codes not listed).</summary>
    private string Describe(IdentityError error)
    {
        var rules = userManager.Options.Password;
        var text = error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => localizer["SetPassword.TooShort", rules.RequiredLength],
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => localizer["SetPassword.RequiresUniqueChars", rules.RequiredUniqueChars],
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => localizer["SetPassword.RequiresNonAlphanumeric"],
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => localizer["SetPassword.RequiresDigit"],
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => localizer["SetPassword.RequiresLower"],
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => localizer["SetPassword.RequiresUpper"],
            _ => null,
        };
        return text?.Value ?? error.Description;
    }

    /// <summary>Set-password form fields.</summary>
    public sealed class SetPasswordInput
    {
        /// <summary>The new password (rules: <see cref="IdentityOptions.Password"/>).</summary>
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [StringLength(128, ErrorMessage = "SetPassword.TooLong")]
        [Display(Name = "SetPassword.Password")]
        public string? Password { get; set; }

        /// <summary>The same password again.</summary>
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "SetPassword.Mismatch")]
        [Display(Name = "SetPassword.ConfirmPassword")]
        public string? ConfirmPassword { get; set; }
    }
}
