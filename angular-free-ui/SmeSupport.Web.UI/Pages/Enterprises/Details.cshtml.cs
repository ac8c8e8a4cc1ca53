using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>One enterprise at <c>/Enterprises/{id}</c>; 404 when unknown.</summary>
[Authorize(Policy = EnterprisesPermissions.Default)]
public sealed class DetailsModel(IEnterpriseAppService enterprises, IAuthorizationService authorization) : PageModel
{
    /// <summary>The enterprise.</summary>
    public EnterpriseDto Enterprise { get; private set; } = new();

    /// <summary>True when the user may edit it.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>A one-time notice after a save.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Loads the enterprise.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Enterprise = await enterprises.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        CanEdit = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Update)).Succeeded;
        return Page();
    }
}
