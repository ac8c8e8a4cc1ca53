using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Errors;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Web.UI.Pages.Reports;

/// <summary>Staff: one report with its filters, table, chart, exports and (with the share permission) the share form.</summary>
[Authorize(Policy = ReportingPermissions.Reports)]
public sealed class ViewModel(IReportAppService reports, ISharedReportAppService shares, IPartnerOrganizationAppService partners,
    IAuthorizationService authorization, IStringLocalizer<ReportingResource> localizer) : PageModel
{
    /// <summary>The report key (route).</summary>
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    /// <summary>The definition.</summary>
    public ReportDefinitionDto? Definition { get; private set; }

    /// <summary>The filters asked for.</summary>
    public ReportQueryDto Query { get; private set; } = new();

    /// <summary>The result, or null after an error.</summary>
    public ReportResultDto? Result { get; private set; }

    /// <summary>An error to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Partner organizations for the share form, or null without the share permission.</summary>
    public IReadOnlyList<PartnerOrganizationDto>? Partners { get; private set; }

    /// <summary>A notice after sharing.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Runs the report.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Definition = reports.GetDefinitions().FirstOrDefault(d => d.Key == Key);
        if (Definition is null)
        {
            return NotFound();
        }

        Query = ReportPageHelpers.FromQuery(Request.Query);
        try
        {
            Result = await reports.RunAsync(Key, Query, cancellationToken);
        }
        catch (BusinessException ex)
        {
            Error = ReportPageHelpers.Describe(ex);
        }

        if ((await authorization.AuthorizeAsync(User, ReportingPermissions.Share)).Succeeded)
        {
            Partners = await partners.GetListAsync(cancellationToken);
        }

        return Page();
    }

    /// <summary>Shares the report with the current filters.</summary>
    public async Task<IActionResult> OnPostShareAsync(Guid partnerOrganizationId, string[] columns, DateOnly? expiresOn, bool monthlyEmail,
        string? commune, string? cohort, string? size, string? legalForm, string? period, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, ReportingPermissions.Share)).Succeeded)
        {
            return Forbid();
        }

        var query = new ReportQueryDto { Commune = commune, Cohort = cohort, Size = size, LegalForm = legalForm, Period = period };
        try
        {
            await shares.CreateAsync(new CreateSharedReportDto
            {
                ReportKey = Key, PartnerOrganizationId = partnerOrganizationId, Filters = query, Columns = columns, ExpiresOn = expiresOn, MonthlyEmail = monthlyEmail,
            }, cancellationToken);
            Message = localizer["Reports.ShareCreated"];
        }
        catch (BusinessException ex)
        {
            Message = localizer["Reports.Error", ReportPageHelpers.Describe(ex)];
        }

        return Redirect(Url.Page("/Reports/View", new { key = Key }) + ReportPageHelpers.ToQueryString(query));
    }
}
