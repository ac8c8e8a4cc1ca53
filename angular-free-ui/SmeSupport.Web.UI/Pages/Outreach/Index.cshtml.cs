using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach;

/// <summary>
/// <c>/Outreach</c>: the campaigns, newest first, with purpose, template, segment, schedule, status and the figures of the
/// last run; tabs to segments, suppressions and templates.
/// </summary>
[Authorize(Policy = OutreachPermissions.Default)]
public sealed class IndexModel(ICampaignAppService campaigns, ISegmentAppService segments, IAuthorizationService authorization) : PageModel
{
    /// <summary>One line of the list.</summary>
    /// <param name="Campaign">The campaign.</param>
    /// <param name="TemplateName">Its template's name.</param>
    /// <param name="SegmentName">Its segment's name, or null (programme statuses).</param>
    /// <param name="LastRun">Figures of its newest run, or null.</param>
    public sealed record Row(CampaignDto Campaign, string TemplateName, string? SegmentName, CampaignRunFiguresDto? LastRun);

    /// <summary>The campaigns.</summary>
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>True when the user may create and change campaigns.</summary>
    public bool CanManage { get; private set; }

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanManage = (await authorization.AuthorizeAsync(User, OutreachPermissions.Manage)).Succeeded;
        var templates = (await campaigns.GetTemplatesAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.Name);
        var segmentNames = (await segments.GetListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var rows = new List<Row>();
        foreach (var c in await campaigns.GetCampaignsAsync(cancellationToken))
        {
            var figures = c.Counts.Total > 0 ? await campaigns.GetFiguresAsync(c.Id, cancellationToken) : null;
            rows.Add(new Row(c, templates.GetValueOrDefault(c.TemplateId, "?"),
                c.SegmentId is { } s ? segmentNames.GetValueOrDefault(s) : null, figures is { Runs.Count: > 0 } ? figures.Runs[0] : null));
        }

        Rows = rows;
    }
}
