using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SmeSupport.Web.UI.Pages;

/// <summary>
/// The page shown, in the UI's language, for a page request (not <c>/api</c>) answered with an error status and no body: an
/// address that does not exist (404), a method the page does not take (405), another 4xx, or a server fault. The host re-executes
/// the request here (<c>UseStatusCodePagesWithReExecute("/Status/{0}")</c>); the original status is kept. Anonymous, and takes any
/// method without an antiforgery token (a re-executed POST arrives here as a POST).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    /// <summary>
    /// The status code being explained, from the route only: a re-executed POST still carries the original body, which may be the
    /// very thing that failed (over the size limit, cut off), so the page never reads the form.
    /// </summary>
    public int Code { get; set; }

    /// <summary>Resource key of the heading.</summary>
    public string TitleKey => $"{Kind}.Title";

    /// <summary>Resource key of the explanation.</summary>
    public string TextKey => $"{Kind}.Text";

    private string Kind => Code switch
    {
        StatusCodes.Status404NotFound => "Status.NotFound",
        StatusCodes.Status405MethodNotAllowed => "Status.MethodNotAllowed",
        StatusCodes.Status403Forbidden => "AccessDenied",
        StatusCodes.Status413PayloadTooLarge => "Status.TooLarge",
        >= 500 => "Status.ServerError",
        _ => "Status.BadRequest",
    };

    /// <summary>Renders the page with the status asked for (400–599; anything else is shown as 404).</summary>
    public IActionResult OnGet() => Render();

    /// <summary>A re-executed POST (e.g. a 405 or a 404 on a form post) shows the same page.</summary>
    public IActionResult OnPost() => Render();

    private PageResult Render()
    {
        Code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
        if (Code is < 400 or > 599)
        {
            Code = StatusCodes.Status404NotFound;
        }

        Response.StatusCode = Code;
        return Page();
    }
}
