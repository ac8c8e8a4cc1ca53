using SmeSupport.Application;

namespace SmeSupport.Reporting.Contracts;

/// <summary>Permission names of the Reporting module.</summary>
public static class ReportingPermissions
{
    /// <summary>See the staff dashboard.</summary>
    public const string Dashboard = "SmeSupport.Reporting.Dashboard";

    /// <summary>Staff: run and export every report with any filters and columns.</summary>
    public const string Reports = "SmeSupport.Reporting.Reports";

    /// <summary>Staff: share a report with a partner organization and revoke shares.</summary>
    public const string Share = "SmeSupport.Reporting.Share";

    /// <summary>Admin: partner organizations and their users (invitations).</summary>
    public const string Partners = "SmeSupport.Reporting.Partners";

    /// <summary>Admin: read the partners' access log.</summary>
    public const string AccessLog = "SmeSupport.Reporting.AccessLog";

    /// <summary>TaxPartner: the reports shared with the user's own organization (shared columns and filters only).</summary>
    public const string PartnerView = "SmeSupport.Reporting.Partner";
}

/// <summary>Error codes of the Reporting module (Problem Details <c>code</c>).</summary>
public static class ReportingErrorCodes
{
    /// <summary>A filter or column outside the share was asked for (403).</summary>
    public const string OutsideShare = "SmeSupport:Reporting:OutsideShare";

    /// <summary>The period lies in the future (400).</summary>
    public const string FuturePeriod = "SmeSupport:Reporting:FuturePeriod";

    /// <summary>No month-end snapshot exists for the past period asked for (404).</summary>
    public const string NoSnapshot = "SmeSupport:Reporting:NoSnapshot";

    /// <summary>A partner organization with this code exists (409).</summary>
    public const string DuplicatePartnerCode = "SmeSupport:Reporting:DuplicatePartnerCode";

    /// <summary>The share is already revoked (409). No longer answered by revoking, which is idempotent; kept for clients that know the code.</summary>
    public const string AlreadyRevoked = "SmeSupport:Reporting:AlreadyRevoked";
}

/// <summary>The filters a report may allow (query parameter names).</summary>
public static class ReportFilterNames
{
    /// <summary>Commune/ward code (post-1 July 2025), integer.</summary>
    public const string Commune = "commune";

    /// <summary>Cohort name (exact, case-insensitive).</summary>
    public const string Cohort = "cohort";

    /// <summary>Size class: Micro, Small, Medium (enum name).</summary>
    public const string Size = "size";

    /// <summary>Legal form (enum name).</summary>
    public const string LegalForm = "legalForm";

    /// <summary>Month, <c>yyyy-MM</c> (Vietnam calendar): the current month reads live data, a past month its month-end snapshot; a future month is refused (400).</summary>
    public const string Period = "period";

    /// <summary>Every filter name.</summary>
    public static IReadOnlyList<string> All { get; } = [Commune, Cohort, Size, LegalForm, Period];
}

/// <summary>Columns that carry a machine key only (an enum name): kept in the API for programs, left out of exports and of the page's table.</summary>
public static class ReportCodeColumns
{
    /// <summary>True when <paramref name="columnKey"/> of report <paramref name="reportKey"/> holds enum names (size, legal form, case type keys).</summary>
    public static bool IsMachineKey(string reportKey, string columnKey) =>
        columnKey == "groupKey" && reportKey is "einvoice-by-size" or "einvoice-by-legal-form" or "case-service-levels";
}

/// <summary>A report column.</summary>
/// <param name="Key">Stable key, e.g. <c>issuing</c>.</param>
/// <param name="TitleVi">Vietnamese title.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="Numeric">True for numbers (right-aligned, numeric cells in XLSX).</param>
public sealed record ReportColumnDto(string Key, string TitleVi, string TitleEn, bool Numeric);

/// <summary>What a report is: its columns and the filters it accepts.</summary>
/// <param name="Key">Stable key, e.g. <c>einvoice-by-commune</c>.</param>
/// <param name="TitleVi">Vietnamese title.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="Columns">All columns, in order.</param>
/// <param name="AllowedFilters">Filter names from <see cref="ReportFilterNames"/>.</param>
/// <param name="ChartColumn">Key of the numeric column the chart draws, or null for a list.</param>
public sealed record ReportDefinitionDto(string Key, string TitleVi, string TitleEn, IReadOnlyList<ReportColumnDto> Columns,
    IReadOnlyList<string> AllowedFilters, string? ChartColumn);

/// <summary>A report request as it arrives (query strings, checked by the service; bad values give 400 field errors).</summary>
public sealed record ReportQueryDto
{
    /// <summary>Commune/ward code.</summary>
    public string? Commune { get; init; }

    /// <summary>Cohort name.</summary>
    public string? Cohort { get; init; }

    /// <summary>Size class name.</summary>
    public string? Size { get; init; }

    /// <summary>Legal form name.</summary>
    public string? LegalForm { get; init; }

    /// <summary>Month <c>yyyy-MM</c>.</summary>
    public string? Period { get; init; }

    /// <summary>Comma-separated column keys; empty means all (staff) or all shared (partner).</summary>
    public string? Columns { get; init; }

    /// <summary>Page of rows to return, from 1 (default 1). Not a filter: a partner may page through a share. Exports ignore it (all rows).</summary>
    public string? Page { get; init; }

    /// <summary>Rows per page, 1–<see cref="ReportPaging.MaxPageSize"/> (default <see cref="ReportPaging.DefaultPageSize"/>).</summary>
    public string? PageSize { get; init; }
}

/// <summary>Paging of report rows (the list of enterprises not issuing can hold tens of thousands of rows).</summary>
public static class ReportPaging
{
    /// <summary>Rows per page when none is asked: every grouped report (at most one row per commune plus the total) fits on one page.</summary>
    public const int DefaultPageSize = 200;

    /// <summary>The most rows a page may hold.</summary>
    public const int MaxPageSize = 1000;
}

/// <summary>Filters after checking. Null means "all".</summary>
public sealed record ReportFilterDto
{
    /// <summary>Commune/ward code.</summary>
    public int? Commune { get; init; }

    /// <summary>Cohort name.</summary>
    public string? Cohort { get; init; }

    /// <summary>Size class name (enum name).</summary>
    public string? Size { get; init; }

    /// <summary>Legal form (enum name).</summary>
    public string? LegalForm { get; init; }

    /// <summary>Month <c>yyyy-MM</c>, or null for the current month.</summary>
    public string? Period { get; init; }
}

/// <summary>A computed report.</summary>
/// <param name="Key">Report key.</param>
/// <param name="TitleVi">Vietnamese title.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="Period">The month the figures are for, <c>yyyy-MM</c>.</param>
/// <param name="FromSnapshot">True when read from the month-end snapshot (a past month).</param>
/// <param name="Filters">The filters applied.</param>
/// <param name="Columns">The columns returned, in order.</param>
/// <param name="Rows">One array of cells per row, in column order: strings and numbers (integers, or ratios 0–1 rounded to 4 places).</param>
/// <param name="ChartColumn">Key of the charted column when it is among <paramref name="Columns"/>, else null.</param>
/// <param name="TotalRows">Rows of the whole report (every page; a grouped report's total row included).</param>
/// <param name="Page">The page returned, from 1.</param>
/// <param name="PageSize">Rows per page; for an export, the row count (all rows).</param>
public sealed record ReportResultDto(string Key, string TitleVi, string TitleEn, string Period, bool FromSnapshot, ReportFilterDto Filters,
    IReadOnlyList<ReportColumnDto> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows, string? ChartColumn, int TotalRows = 0, int Page = 1,
    int PageSize = ReportPaging.DefaultPageSize);

/// <summary>An export file.</summary>
/// <param name="FileName">Suggested file name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Content">The bytes.</param>
public sealed record ReportFileDto(string FileName, string ContentType, byte[] Content);

/// <summary>Export formats.</summary>
public enum ReportFormat
{
    /// <summary>Office Open XML workbook.</summary>
    Xlsx = 0,

    /// <summary>RFC 4180 CSV, UTF-8 with BOM; cells starting with = + - @ (or tab/CR) are prefixed with an apostrophe (OWASP CSV injection).</summary>
    Csv = 1,
}

/// <summary>Reports for staff (<see cref="ReportingPermissions.Reports"/>).</summary>
public interface IReportAppService
{
    /// <summary>Every report definition.</summary>
    IReadOnlyList<ReportDefinitionDto> GetDefinitions();

    /// <summary>Runs a report, one page of rows. 404 unknown key; 400 bad filter, column or paging, a filter the report does not allow, or a future period; 404 <c>NoSnapshot</c> for a past month without snapshot.</summary>
    Task<ReportResultDto> RunAsync(string key, ReportQueryDto query, CancellationToken cancellationToken = default);

    /// <summary>Runs and exports a report with all its rows (same rules as <see cref="RunAsync"/>; paging is ignored).</summary>
    Task<ReportFileDto> ExportAsync(string key, ReportQueryDto query, ReportFormat format, CancellationToken cancellationToken = default);
}

/// <summary>A partner organization (the provincial tax office, …).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">Name.</param>
/// <param name="Code">Short unique code, e.g. <c>CT-TINH</c>.</param>
/// <param name="ContactEmail">The organization's contact address.</param>
/// <param name="CreatedAt">When created (UTC).</param>
public sealed record PartnerOrganizationDto(Guid Id, string Name, string Code, string ContactEmail, DateTimeOffset CreatedAt);

/// <summary>Input to create or update a partner organization.</summary>
/// <param name="Name">1–200 characters.</param>
/// <param name="Code">1–50 characters: letters, digits, '-' or '_'; unique (case-insensitive).</param>
/// <param name="ContactEmail">A valid e-mail address, up to 256 characters.</param>
public sealed record SavePartnerOrganizationDto(string? Name, string? Code, string? ContactEmail);

/// <summary>Input to invite a TaxPartner user.</summary>
/// <param name="Email">E-mail address.</param>
/// <param name="FullName">Full name, up to 200 characters.</param>
public sealed record InvitePartnerUserDto(string? Email, string? FullName);

/// <summary>A user of a partner organization.</summary>
/// <param name="Id">User id.</param>
/// <param name="Email">E-mail.</param>
/// <param name="FullName">Full name.</param>
public sealed record PartnerUserDto(Guid Id, string Email, string? FullName);

/// <summary>Partner organizations and their users (<see cref="ReportingPermissions.Partners"/>).</summary>
public interface IPartnerOrganizationAppService
{
    /// <summary>All organizations by name.</summary>
    Task<IReadOnlyList<PartnerOrganizationDto>> GetListAsync(CancellationToken cancellationToken = default);

    /// <summary>One organization; 404 when unknown.</summary>
    Task<PartnerOrganizationDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Creates one; 400 bad input, 409 <c>DuplicatePartnerCode</c>.</summary>
    Task<PartnerOrganizationDto> CreateAsync(SavePartnerOrganizationDto input, CancellationToken cancellationToken = default);

    /// <summary>Updates one; 404, 400, 409 as for create.</summary>
    Task<PartnerOrganizationDto> UpdateAsync(Guid id, SavePartnerOrganizationDto input, CancellationToken cancellationToken = default);

    /// <summary>Deletes one with no share; 404 unknown; 409 when shares or users refer to it.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The organization's users.</summary>
    Task<IReadOnlyList<PartnerUserDto>> GetUsersAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Invites a TaxPartner user bound to the organization (an e-mail with a set-password link). 404, 400, 409 duplicate e-mail, 503 e-mail not sent.</summary>
    Task<PartnerUserDto> InviteUserAsync(Guid id, InvitePartnerUserDto input, string setPasswordUrlBase, CancellationToken cancellationToken = default);
}

/// <summary>A report shared with a partner organization.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ReportKey">The report.</param>
/// <param name="ReportTitleVi">Report title (Vietnamese).</param>
/// <param name="ReportTitleEn">Report title (English).</param>
/// <param name="PartnerOrganizationId">The organization.</param>
/// <param name="PartnerOrganizationName">Its name.</param>
/// <param name="Filters">The fixed filters (null members: not fixed; a partner may not narrow them, except the period when not fixed).</param>
/// <param name="Columns">The shared column keys, in order.</param>
/// <param name="ExpiresOn">Last day (Vietnam date) it may be seen, or null for until revoked.</param>
/// <param name="RevokedAt">When revoked (UTC), or null.</param>
/// <param name="MonthlyEmail">True when the XLSX is e-mailed to the organization's users each month.</param>
/// <param name="IsActive">Neither revoked nor expired today.</param>
/// <param name="CreatedAt">When shared (UTC).</param>
public sealed record SharedReportDto(Guid Id, string ReportKey, string ReportTitleVi, string ReportTitleEn, Guid PartnerOrganizationId,
    string PartnerOrganizationName, ReportFilterDto Filters, IReadOnlyList<string> Columns, DateOnly? ExpiresOn, DateTimeOffset? RevokedAt,
    bool MonthlyEmail, bool IsActive, DateTimeOffset CreatedAt);

/// <summary>Input to share a report.</summary>
public sealed record CreateSharedReportDto
{
    /// <summary>Report key. Required.</summary>
    public string? ReportKey { get; init; }

    /// <summary>The organization. Required.</summary>
    public Guid? PartnerOrganizationId { get; init; }

    /// <summary>Fixed filters (only those the report allows).</summary>
    public ReportQueryDto? Filters { get; init; }

    /// <summary>Shared column keys (at least one, each a column of the report).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Last day it may be seen (Vietnam date, today or later), or null for until revoked.</summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>E-mail the XLSX to the organization's users each month.</summary>
    public bool MonthlyEmail { get; init; }
}

/// <summary>Shares for staff (<see cref="ReportingPermissions.Share"/>).</summary>
public interface ISharedReportAppService
{
    /// <summary>Shares, newest first, optionally of one organization.</summary>
    Task<IReadOnlyList<SharedReportDto>> GetListAsync(Guid? partnerOrganizationId, CancellationToken cancellationToken = default);

    /// <summary>Creates a share. 400 bad input (unknown report, organization, column or filter; past expiry).</summary>
    Task<SharedReportDto> CreateAsync(CreateSharedReportDto input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes a share: effective on the partner's next request. Idempotent: a share already revoked is returned unchanged (its first
    /// revocation time), so one revocation is recorded however many times or in parallel it is asked. 404 unknown.
    /// </summary>
    Task<SharedReportDto> RevokeAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reports shared with the signed-in TaxPartner user's organization (<see cref="ReportingPermissions.PartnerView"/>). Every rule is
/// checked on each call against the stored share (no cached grant): another organization's share, an expired or a revoked one → 404;
/// a filter or column outside the share → 403 <c>OutsideShare</c>; a future period → 400. Every view and export is logged.
/// </summary>
public interface IPartnerReportAppService
{
    /// <summary>The organization's active shares.</summary>
    Task<IReadOnlyList<SharedReportDto>> GetSharesAsync(CancellationToken cancellationToken = default);

    /// <summary>One active share of the organization (404 otherwise).</summary>
    Task<SharedReportDto> GetShareAsync(Guid shareId, CancellationToken cancellationToken = default);

    /// <summary>Runs the shared report under the share's filters and columns; logged as a view.</summary>
    Task<ReportResultDto> RunAsync(Guid shareId, ReportQueryDto query, CancellationToken cancellationToken = default);

    /// <summary>Exports the shared report; logged as an export.</summary>
    Task<ReportFileDto> ExportAsync(Guid shareId, ReportQueryDto query, ReportFormat format, CancellationToken cancellationToken = default);
}

/// <summary>One recorded partner access.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="At">When (UTC).</param>
/// <param name="UserId">The user, or null for a scheduled e-mail.</param>
/// <param name="UserEmail">The user's (or recipient's) e-mail.</param>
/// <param name="PartnerOrganizationId">The organization.</param>
/// <param name="SharedReportId">The share.</param>
/// <param name="ReportKey">The report.</param>
/// <param name="Filters">The applied filters and columns (JSON).</param>
/// <param name="Action"><c>View</c>, <c>ExportXlsx</c>, <c>ExportCsv</c> or <c>Email</c>.</param>
/// <param name="Outcome"><see cref="ReportAccessOutcomes.Allowed"/> or <see cref="ReportAccessOutcomes.Denied"/>.</param>
/// <param name="Reason">For a denial, one of <see cref="ReportAccessDenialReasons"/> (OutsideShare followed by the refused filter and column names); null when allowed.</param>
public sealed record ReportAccessLogEntryDto(Guid Id, DateTimeOffset At, Guid? UserId, string UserEmail, Guid PartnerOrganizationId,
    Guid SharedReportId, string ReportKey, string Filters, string Action, string Outcome, string? Reason);

/// <summary>Outcomes of a partner's access.</summary>
public static class ReportAccessOutcomes
{
    /// <summary>Data was shown, exported or e-mailed.</summary>
    public const string Allowed = "Allowed";

    /// <summary>The request was refused (404 or 403 or 400 future period); nothing was shown.</summary>
    public const string Denied = "Denied";
}

/// <summary>Why a partner's request was denied (recorded in the access log).</summary>
public static class ReportAccessDenialReasons
{
    /// <summary>No share has this id (404).</summary>
    public const string NotFound = "NotFound";

    /// <summary>The share belongs to another organization: the report is not shared with the caller's (404).</summary>
    public const string OtherOrganization = "OtherOrganization";

    /// <summary>The share was revoked (404).</summary>
    public const string Revoked = "Revoked";

    /// <summary>The share's last day has passed (404).</summary>
    public const string Expired = "Expired";

    /// <summary>A filter or column outside the share (403); followed by ": " and the names.</summary>
    public const string OutsideShare = "OutsideShare";

    /// <summary>A period in the future (400).</summary>
    public const string FuturePeriod = "FuturePeriod";

    /// <summary>A malformed request: a value that does not parse or is not allowed (400); followed by ": " and the field names.</summary>
    public const string BadRequest = "BadRequest";
}

/// <summary>The partners' access log (<see cref="ReportingPermissions.AccessLog"/>).</summary>
public interface IReportAccessLogAppService
{
    /// <summary>
    /// Entries newest first, optionally of one share or organization and of one outcome (<c>Allowed</c> or <c>Denied</c>, case-insensitive);
    /// 400 bad paging (page ≥ 1, 1 ≤ pageSize ≤ 200) or unknown outcome.
    /// </summary>
    Task<PagedResultDto<ReportAccessLogEntryDto>> GetListAsync(Guid? sharedReportId, Guid? partnerOrganizationId, string? outcome, int page, int pageSize,
        CancellationToken cancellationToken = default);
}

/// <summary>The programme's headline figures for the staff dashboard.</summary>
/// <param name="PilotEnterprises">Enterprises in the pilot: programme status Pilot (the 150 enterprises of the support programme).</param>
/// <param name="TotalEnterprises">All enterprises in the registry (not deleted).</param>
/// <param name="IssuingEInvoices">Pilot enterprises that issue e-invoices (first invoice issued or issuing regularly).</param>
/// <param name="IssuingEInvoicesShare">IssuingEInvoices / PilotEnterprises, 0–1, against the programme's target of 1 (100%); 0 when there is no pilot enterprise.</param>
/// <param name="ActiveTrials">Trials with status Active.</param>
/// <param name="OpenCases">Cases not Resolved or Closed.</param>
/// <param name="EmailsSent">E-mails accepted for delivery, all time.</param>
public sealed record DashboardHeadlineDto(int PilotEnterprises, int TotalEnterprises, int IssuingEInvoices,
    double IssuingEInvoicesShare, int ActiveTrials, int OpenCases, int EmailsSent);

/// <summary>A labelled count for the dashboard's charts.</summary>
/// <param name="Label">Readable label in the request's language (Vietnamese by default, English second): a status, step, platform name or month.</param>
/// <param name="Value">Count.</param>
/// <param name="Key">Stable key: the enum name (e.g. <c>Pilot</c>), platform name or month <c>yyyy-MM</c>.</param>
public sealed record DashboardPointDto(string Label, int Value, string? Key = null);

/// <summary>Outreach e-mails of one month (Vietnam calendar, by the runs' start), over every campaign.</summary>
/// <param name="Month"><c>yyyy-MM</c>.</param>
/// <param name="Sent">Accepted by the provider.</param>
/// <param name="Delivered">Reported delivered.</param>
/// <param name="Opened">Reported opened at least once.</param>
public sealed record DashboardOutreachMonthDto(string Month, int Sent, int Delivered, int Opened);

/// <summary>The staff dashboard: figures under the filters, with monthly series from the month-end snapshots plus the current month.</summary>
/// <param name="Filters">Filters applied (commune, cohort, size; period = the month shown).</param>
/// <param name="Enterprises">Enterprises in the selection.</param>
/// <param name="ByStatus">Enterprises by programme status (key = enum name).</param>
/// <param name="PilotEnterprises">Of the selection, enterprises in the pilot (programme status Pilot).</param>
/// <param name="Funnel">E-invoice funnel of the pilot enterprises in the selection (keys Enterprises, RegistrationSubmitted, Accepted, FirstInvoiceIssued, IssuingRegularly; cumulative).</param>
/// <param name="IssuingShare">Pilot enterprises issuing / pilot enterprises, 0–1, against the programme's target of 1 (100%); 0 when there is none.</param>
/// <param name="TrialsByPlatform">Trials by platform.</param>
/// <param name="TrialsByOutcome">Trials by status/outcome (keys Planned, Active, Adopted, NotAdopted, Cancelled).</param>
/// <param name="OpenCases">Cases not resolved or closed.</param>
/// <param name="OverdueCases">Open cases whose resolution target is breached.</param>
/// <param name="ServiceLevelCompliance">Share of cases with neither target breached, 0–1 (1 when there are none).</param>
/// <param name="OutreachSent">Outreach e-mails accepted by the provider (every campaign: campaigns are not filtered by commune, cohort or size).</param>
/// <param name="OutreachFailed">Outreach e-mails refused.</param>
/// <param name="OutreachDelivered">Outreach e-mails reported delivered.</param>
/// <param name="OutreachOpened">Outreach e-mails reported opened.</param>
/// <param name="OutreachByMonth">Sent, delivered and opened per month, oldest first.</param>
/// <param name="IssuingTrend">Issuing enterprises per month (snapshots, then the current month).</param>
/// <param name="OpenCasesTrend">Open cases per month.</param>
public sealed record DashboardDto(ReportFilterDto Filters, int Enterprises, IReadOnlyList<DashboardPointDto> ByStatus, int PilotEnterprises,
    IReadOnlyList<DashboardPointDto> Funnel, double IssuingShare, IReadOnlyList<DashboardPointDto> TrialsByPlatform,
    IReadOnlyList<DashboardPointDto> TrialsByOutcome, int OpenCases, int OverdueCases, double ServiceLevelCompliance, int OutreachSent,
    int OutreachFailed, int OutreachDelivered, int OutreachOpened, IReadOnlyList<DashboardOutreachMonthDto> OutreachByMonth,
    IReadOnlyList<DashboardPointDto> IssuingTrend, IReadOnlyList<DashboardPointDto> OpenCasesTrend);

/// <summary>Dashboard figures.</summary>
public interface IDashboardAppService
{
    /// <summary>The headline figures, computed now.</summary>
    Task<DashboardHeadlineDto> GetHeadlineAsync(CancellationToken cancellationToken = default);

    /// <summary>The dashboard under filters (commune, cohort, size, period). 400 bad filter or future period.</summary>
    Task<DashboardDto> GetAsync(ReportQueryDto query, CancellationToken cancellationToken = default);
}
