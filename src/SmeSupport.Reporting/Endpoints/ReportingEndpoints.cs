using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Reporting.Endpoints;

/// <summary>
/// HTTP API of the Reporting module: staff <c>/api/reporting/…</c> (dashboard, reports, shares, partner organizations, access log)
/// and the partner's <c>/api/partner/reports</c>. Report filters are query parameters: commune, cohort, size, legalForm, period (yyyy-MM),
/// columns (comma-separated keys); a report answers one page (page, pageSize) with <c>totalRows</c>; an export holds every row.
/// </summary>
internal static class ReportingEndpoints
{
    /// <summary>Query-string binding of report filters.</summary>
    internal sealed record Query(
        [FromQuery] string? Commune, [FromQuery] string? Cohort, [FromQuery] string? Size, [FromQuery] string? LegalForm,
        [FromQuery] string? Period, [FromQuery] string? Columns, [FromQuery] string? Page, [FromQuery] string? PageSize)
    {
        public ReportQueryDto ToDto() => new()
        {
            Commune = Commune, Cohort = Cohort, Size = Size, LegalForm = LegalForm, Period = Period, Columns = Columns, Page = Page, PageSize = PageSize,
        };
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var staff = endpoints.MapGroup("/api/reporting").WithTags("Reporting");

        staff.MapGet("/dashboard", async (IDashboardAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetHeadlineAsync(ct)))
            .RequirePermission(ReportingPermissions.Dashboard)
            .WithSummary("The programme's headline figures.");

        staff.MapGet("/dashboard/figures", async ([AsParameters] Query q, IDashboardAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(q.ToDto(), ct)))
            .RequirePermission(ReportingPermissions.Dashboard)
            .WithSummary("The dashboard under filters (commune, cohort, size, period) with monthly trends. 400 bad filter or future period.")
            .ProducesValidationProblem();

        staff.MapGet("/reports", (IReportAppService service) => TypedResults.Ok(service.GetDefinitions()))
            .RequirePermission(ReportingPermissions.Reports)
            .WithSummary("Every report definition: key, columns (key, titles vi/en), allowed filters.");

        staff.MapGet("/reports/{key}", async (string key, [AsParameters] Query q, IReportAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RunAsync(key, q.ToDto(), ct)))
            .RequirePermission(ReportingPermissions.Reports)
            .WithSummary("Runs a report. 404 unknown report or no snapshot for a past month; 400 bad or disallowed filter, unknown column, future period.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        staff.MapGet("/reports/{key}/export.{format}", async (string key, string format, [AsParameters] Query q, IReportAppService service, CancellationToken ct) =>
                File(await service.ExportAsync(key, q.ToDto(), ParseFormat(format), ct)))
            .RequirePermission(ReportingPermissions.Reports)
            .WithSummary("Exports a report as xlsx or csv (same rules as the report).");

        staff.MapGet("/shares", async (Guid? partnerOrganizationId, ISharedReportAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(partnerOrganizationId, ct)))
            .RequirePermission(ReportingPermissions.Share)
            .WithSummary("Shares, newest first.");

        staff.MapPost("/shares", async (CreateSharedReportDto input, ISharedReportAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/reporting/shares/{created.Id}", created);
            })
            .RequirePermission(ReportingPermissions.Share)
            .WithSummary("Shares a report with a partner organization: fixed filters, a subset of columns, an optional expiry date, optional monthly e-mail. 400 with field errors.")
            .ProducesValidationProblem();

        staff.MapPost("/shares/{id:guid}/revoke", async (Guid id, ISharedReportAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RevokeAsync(id, ct)))
            .RequirePermission(ReportingPermissions.Share)
            .WithSummary("Revokes a share (effective on the partner's next request). Idempotent: an already revoked share is returned unchanged (200, its first revokedAt). 404.");

        var partners = staff.MapGroup("/partners").RequirePermission(ReportingPermissions.Partners);
        partners.MapGet("/", async (IPartnerOrganizationAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetListAsync(ct)))
            .WithSummary("Partner organizations.");
        partners.MapGet("/{id:guid}", async (Guid id, IPartnerOrganizationAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("One partner organization; 404.");
        partners.MapPost("/", async (SavePartnerOrganizationDto input, IPartnerOrganizationAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/reporting/partners/{created.Id}", created);
            })
            .WithSummary("Creates a partner organization. 400; 409 DuplicatePartnerCode.")
            .ProducesValidationProblem();
        partners.MapPut("/{id:guid}", async (Guid id, SavePartnerOrganizationDto input, IPartnerOrganizationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .WithSummary("Updates a partner organization. 400; 404; 409.");
        partners.MapDelete("/{id:guid}", async (Guid id, IPartnerOrganizationAppService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Deletes an organization without shares or users. 404; 409.");
        partners.MapGet("/{id:guid}/users", async (Guid id, IPartnerOrganizationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetUsersAsync(id, ct)))
            .WithSummary("The organization's TaxPartner users.");
        partners.MapPost("/{id:guid}/users", async (Guid id, InvitePartnerUserDto input, IPartnerOrganizationAppService service, IConfiguration configuration,
                CancellationToken ct) =>
            {
                var created = await service.InviteUserAsync(id, input, SmeSupport.Hosting.PublicUrls.For(configuration, "/Account/SetPassword"), ct);
                return TypedResults.Created($"/api/reporting/partners/{id}/users", created);
            })
            .WithSummary("Invites a TaxPartner user by e-mail (set-password link). 400; 404; 409 DuplicateEmail; 503 InvitationNotSent.")
            .ProducesValidationProblem();

        staff.MapGet("/access-log", async (Guid? sharedReportId, Guid? partnerOrganizationId, string? outcome, int? page, int? pageSize,
                IReportAccessLogAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(sharedReportId, partnerOrganizationId, outcome, page ?? 1, pageSize ?? 50, ct)))
            .RequirePermission(ReportingPermissions.AccessLog)
            .WithSummary("The partners' access log (views, exports, e-mails, and denied attempts with their reason), newest first; outcome=Allowed|Denied filters.");

        var partner = endpoints.MapGroup("/api/partner/reports").WithTags("Reporting (partner)").RequirePermission(ReportingPermissions.PartnerView);
        partner.MapGet("/", async (IPartnerReportAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetSharesAsync(ct)))
            .WithSummary("The reports shared with the caller's organization (active only).");
        partner.MapGet("/{id:guid}", async (Guid id, [AsParameters] Query q, IPartnerReportAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RunAsync(id, q.ToDto(), ct)))
            .WithSummary("Runs a shared report (logged). 404 not the caller's, expired or revoked; 403 OutsideShare; 400 bad filter or future period.");
        partner.MapGet("/{id:guid}/export.{format}", async (Guid id, string format, [AsParameters] Query q, IPartnerReportAppService service, CancellationToken ct) =>
                File(await service.ExportAsync(id, q.ToDto(), ParseFormat(format), ct)))
            .WithSummary("Exports a shared report as xlsx or csv (logged), under the same rules.");
    }

    private static ReportFormat ParseFormat(string format) => format.ToLowerInvariant() switch
    {
        "xlsx" => ReportFormat.Xlsx,
        "csv" => ReportFormat.Csv,
        _ => throw new SmeSupport.Errors.InputValidationException(new Dictionary<string, string[]> { ["format"] = [ReportingText.Get("Field.Format")] }),
    };

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult File(ReportFileDto file) => TypedResults.File(file.Content, file.ContentType, file.FileName);
}
