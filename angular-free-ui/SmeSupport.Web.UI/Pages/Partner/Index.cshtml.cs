using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Web.UI.Pages.Partner;

/// <summary>TaxPartner: the reports shared with the user's organization (active only).</summary>
[Authorize(Policy = ReportingPermissions.PartnerView)]
public sealed class IndexModel(IPartnerReportAppService reports) : PageModel
{
    /// <summary>Active shares.</summary>
    public IReadOnlyList<SharedReportDto> Shares { get; private set; } = [];

    /// <summary>Loads the shares.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Shares = await reports.GetSharesAsync(cancellationToken);
}
