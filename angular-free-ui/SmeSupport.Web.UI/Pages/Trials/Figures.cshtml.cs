using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Trials;

/// <summary>
/// <c>/Trials/Figures</c>: per platform and per category, trials started, active, completed and adopted, the adopted share of
/// completed trials and the median days from start to adoption (<see cref="ITrialAppService.GetFiguresAsync"/>); a bar chart (SVG,
/// started and adopted per platform) with the same figures as a table.
/// </summary>
[Authorize(Policy = TrialsPermissions.Default)]
public sealed class FiguresModel(ITrialAppService trials) : PageModel
{
    /// <summary>The figures.</summary>
    public TrialFiguresDto Figures { get; private set; } = new();

    /// <summary>The largest "started" count (the chart's scale; at least 1).</summary>
    public int Scale { get; private set; } = 1;

    /// <summary>Loads the figures.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await trials.GetFiguresAsync(cancellationToken);
        Scale = Math.Max(1, Figures.ByPlatform.Select(r => r.Started).DefaultIfEmpty(0).Max());
    }
}
