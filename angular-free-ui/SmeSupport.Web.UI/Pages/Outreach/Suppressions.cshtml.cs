using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach;

/// <summary><c>/Outreach/Suppressions</c>: addresses never sent to again for a purpose, why, when and from which event.</summary>
[Authorize(Policy = OutreachPermissions.Default)]
public sealed class SuppressionsModel(ICampaignAppService campaigns) : PageModel
{
    /// <summary>The suppressions, newest first.</summary>
    public IReadOnlyList<SuppressionDto> Rows { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await campaigns.GetSuppressionsAsync(1000, cancellationToken);
}
