using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach.Templates;

/// <summary>The e-mail templates at <c>/Outreach/Templates</c> (<see cref="OutreachPermissions.Default"/>): name, purpose, languages.</summary>
[Authorize(Policy = OutreachPermissions.Default)]
public sealed class IndexModel(ICampaignAppService campaigns, IAuthorizationService authorization) : PageModel
{
    /// <summary>All templates by name.</summary>
    public IReadOnlyList<EmailTemplateDto> Templates { get; private set; } = [];

    /// <summary>True when the user may create and edit templates.</summary>
    public bool CanManage { get; private set; }

    /// <summary>A one-time notice after a save.</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Lists the templates.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Templates = await campaigns.GetTemplatesAsync(cancellationToken);
        CanManage = (await authorization.AuthorizeAsync(User, OutreachPermissions.Manage)).Succeeded;
    }
}
