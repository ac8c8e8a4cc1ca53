using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Register;

/// <summary>
/// <c>/Register/Confirm?token=</c> (anonymous): the link from the e-mail. GET shows a button (so a mail scanner that
/// opens links confirms nothing, and opening it is never rate-limited); POST (antiforgery-protected, counted against the
/// confirmation allowance of <see cref="IRegistrationSubmissionLimit.TryAcquireConfirmation"/>, not the form's) confirms and shows the result or why the link is refused.
/// </summary>
public sealed class ConfirmModel(IRegistrationAppService registrations, IRegistrationSubmissionLimit submissionLimit, Microsoft.Extensions.Localization.IStringLocalizer<EnterpriseUiResource> localizer,
    IErrorMessageLocalizer errors)
    : PageModel
{
    /// <summary>The token from the link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>True once confirmed.</summary>
    public bool Confirmed { get; private set; }

    /// <summary>Why the link was refused.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>
    /// False once the link is known to be unusable (forged, expired or already used): the page then shows why, without the confirm
    /// button, so nobody is invited to try the same link again. True before the first try and after a refusal that may pass later
    /// (too many attempts).
    /// </summary>
    public bool CanTryAgain { get; private set; } = true;

    /// <summary>Shows the confirm button.</summary>
    public void OnGet()
    {
    }

    /// <summary>Confirms the e-mail address.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!submissionLimit.TryAcquireConfirmation(HttpContext.Connection.RemoteIpAddress?.ToString(), out var retryAfter))
        {
            ErrorMessage = RateLimited.Message(localizer, Response, retryAfter, "Confirm.Error.TooManyConfirmationAttempts");
            return Page();
        }

        try
        {
            await registrations.ConfirmAsync(Token, cancellationToken);
            Confirmed = true;
        }
        catch (BusinessException ex)
        {
            ErrorMessage = Formatting.LocalizerFallback.Or(localizer, $"Confirm.Error.{ex.Code[(ex.Code.LastIndexOf(':') + 1)..]}", errors.Localize(ex));
            CanTryAgain = ex.Code is not (EnterprisesErrorCodes.ConfirmationLinkInvalid or EnterprisesErrorCodes.ConfirmationLinkExpired
                or EnterprisesErrorCodes.ConfirmationLinkUsed);
        }

        return Page();
    }
}
