using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;

namespace SmeSupport.Web.UI.Pages.Portal;

/// <summary>
/// The enterprise portal's home at <c>/Portal</c> (<see cref="EnterprisesPermissions.OwnEnterprise"/>): the signed-in
/// EnterpriseUser's enterprise in brief, its contacts, and the ways into the portal's areas (profile, contacts and consents,
/// trials, e-invoice, support cases). An account bound to no enterprise gets 404.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.OwnEnterprise)]
public sealed class IndexModel(IEnterpriseAppService enterprises, IEnterpriseProfileAppService profile, ICurrentUser currentUser) : PageModel
{
    /// <summary>The own enterprise.</summary>
    public EnterpriseDto Enterprise { get; private set; } = new();

    /// <summary>Its contacts.</summary>
    public IReadOnlyList<ContactDto> Contacts { get; private set; } = [];

    /// <summary>Loads the enterprise; 404 when the account is bound to none.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (currentUser.EnterpriseId is not { } id)
        {
            return NotFound();
        }

        try
        {
            Enterprise = await enterprises.GetAsync(id, cancellationToken);
            Contacts = await profile.GetContactsAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return Page();
    }
}
