using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Portal.Trials;

/// <summary>The enterprise portal's list of the signed-in enterprise's own trials (<c>/Portal/Trials</c>).</summary>
[Authorize(Policy = TrialsPermissions.OwnTrials)]
public sealed class IndexModel(ITrialPortalAppService trials) : PageModel
{
    /// <summary>Own trials, newest start first.</summary>
    public IReadOnlyList<TrialDto> Trials { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Trials = await trials.GetListAsync(cancellationToken);
}
