using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Web.UI.Pages.Reports;

/// <summary>Admin: the partners' access log, newest first.</summary>
[Authorize(Policy = ReportingPermissions.AccessLog)]
public sealed class AccessLogModel(IReportAccessLogAppService log) : PageModel
{
    /// <summary>The page of entries.</summary>
    public PagedResultDto<ReportAccessLogEntryDto> Entries { get; private set; } = new([], 0);

    /// <summary>Page number (1-based).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Loads a page.</summary>
    public async Task OnGetAsync(int? p, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, p ?? 1);
        Entries = await log.GetListAsync(null, null, PageNumber, 100, cancellationToken);
    }
}
