using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Identity.Domain;

namespace SmeSupport.Web.UI.Pages.Account;

/// <summary>Signs out (POST only; a GET shows a button that posts).</summary>
public sealed class LogoutModel(SignInManager<AppUser> signInManager) : PageModel
{
    /// <summary>Signs out and goes to the login page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
