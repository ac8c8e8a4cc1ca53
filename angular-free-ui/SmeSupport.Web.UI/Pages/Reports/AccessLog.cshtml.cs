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

    /// <summary>The outcome shown (<c>Allowed</c>, <c>Denied</c>), or null for all.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Loads a page, optionally of one outcome (an unknown outcome shows all).</summary>
    public async Task OnGetAsync(int? p, string? outcome, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, p ?? 1);
        Outcome = outcome is ReportAccessOutcomes.Allowed or ReportAccessOutcomes.Denied ? outcome : null;
        Entries = await log.GetListAsync(null, null, Outcome, PageNumber, 100, cancellationToken);
    }
}
