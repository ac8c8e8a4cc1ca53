using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Application;
using SmeSupport.EInvoicing.Application;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;

namespace SmeSupport.EInvoicing.Endpoints;

/// <summary>HTTP API of the EInvoicing module: <c>/api/einvoicing</c>.</summary>
internal static class EInvoicingEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/einvoicing").WithTags("E-invoicing").RequirePermission(EInvoicingPermissions.Default);

        group.MapGet("/providers", async (bool? includeInactive, IEInvoiceProviderAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(includeInactive ?? false, ct)))
            .WithSummary("Licensed e-invoice providers by name; inactive ones only with includeInactive=true.")
            .Produces<IReadOnlyList<EInvoiceProviderDto>>();

        group.MapGet("/adoptions", async ([AsParameters] AdoptionListQuery query, IEInvoiceAdoptionAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(query.ToFilter(), ct)))
            .WithSummary("Adoption records by current step, newest step date first; filter by step; page (1-based), pageSize 1–200.")
            .Produces<PagedResultDto<EInvoiceAdoptionListItemDto>>()
            .ProducesValidationProblem();

        group.MapGet("/adoptions/{enterpriseId:guid}", async (Guid enterpriseId, IEInvoiceAdoptionAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(enterpriseId, ct)))
            .WithSummary("One enterprise's adoption with its dated steps; 404 when the enterprise is unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/adoptions/{enterpriseId:guid}/steps", async Task<Created<EInvoiceAdoptionDto>> (Guid enterpriseId,
                RecordEInvoiceStepDto input, IEInvoiceAdoptionAppService service, CancellationToken ct) =>
            {
                var adoption = await service.RecordStepAsync(enterpriseId, input, ct);
                return TypedResults.Created($"/api/einvoicing/adoptions/{enterpriseId}", adoption);
            })
            .RequirePermission(EInvoicingPermissions.Manage)
            .WithSummary("Records the next adoption step. 400 field errors; 404 unknown enterprise; 409 SmeSupport:EInvoicing:StepOutOfOrder.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/adoptions/{enterpriseId:guid}/monthly-counts", async (Guid enterpriseId, IEInvoiceAdoptionAppService service,
                CancellationToken ct) => TypedResults.Ok(await service.GetMonthlyCountsAsync(enterpriseId, ct)))
            .WithSummary("One enterprise's monthly e-invoice counts, newest month first; 404 when the enterprise is unknown.")
            .Produces<IReadOnlyList<EInvoiceMonthlyCountDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/adoptions/{enterpriseId:guid}/monthly-counts/{month}", async Task<Results<Created<SaveEInvoiceMonthlyCountResultDto>,
                Ok<SaveEInvoiceMonthlyCountResultDto>>> (Guid enterpriseId, string month, SaveEInvoiceMonthlyCountDto input,
                IEInvoiceAdoptionAppService service, CancellationToken ct) =>
            {
                var result = await service.SaveMonthlyCountAsync(enterpriseId, input with { Month = month }, ct);
                return result.Created
                    ? TypedResults.Created($"/api/einvoicing/adoptions/{enterpriseId}/monthly-counts", result)
                    : TypedResults.Ok(result);
            })
            .RequirePermission(EInvoicingPermissions.Manage)
            .WithSummary("Records the invoice count of a month (yyyy-MM, not in the future; count >= 0; source Officer|TaxOfficeFile|Enterprise). "
                         + "201 for a new month, 200 when it replaces the month's earlier count (kept in the audit log). 400; 404.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapReconciliation(group);
        MapPortalAndReview(endpoints, group);
    }

    /// <summary>Largest tax-office file accepted, bytes (<see cref="ReconciliationLimits.MaxFileBytes"/>, 20 MiB).</summary>
    public const long MaxFileBytes = ReconciliationLimits.MaxFileBytes;

    /// <summary>413 <see cref="ReconciliationErrorCodes.FileTooLarge"/> naming the limit (in MiB; also <c>maxBytes</c> in the Problem Details).</summary>
    private static BusinessException FileTooLarge()
    {
        var ex = new BusinessException(ReconciliationErrorCodes.FileTooLarge,
            $"The file is larger than the {MaxFileBytes / (1024 * 1024)} MiB a reconciliation takes; split it into smaller files.",
            StatusCodes.Status413PayloadTooLarge)
        {
            MessageArgs = [MaxFileBytes / (1024 * 1024)],
        };
        ex.Extensions["maxBytes"] = MaxFileBytes;
        return ex;
    }

    /// <summary>
    /// Reads the multipart form with the reconciliation's own limits rather than the server-wide ones (Kestrel's 30,000,000-byte
    /// body, FormOptions' 128 MiB part): body at most <see cref="ReconciliationLimits.MaxFileBytes"/> +
    /// <see cref="ReconciliationLimits.MultipartOverheadBytes"/>, the file part at most <see cref="ReconciliationLimits.MaxFileBytes"/>.
    /// </summary>
    /// <exception cref="BusinessException">413 <see cref="ReconciliationErrorCodes.FileTooLarge"/> beyond either.</exception>
    private static async Task<IFormCollection> ReadLimitedFormAsync(HttpRequest request, CancellationToken ct)
    {
        const long maxBody = MaxFileBytes + ReconciliationLimits.MultipartOverheadBytes;
        if (request.ContentLength > maxBody)
        {
            throw FileTooLarge();
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBody;
        }

        var feature = new Microsoft.AspNetCore.Http.Features.FormFeature(request, new Microsoft.AspNetCore.Http.Features.FormOptions
        {
            MultipartBodyLengthLimit = MaxFileBytes,
            ValueLengthLimit = 1024,
            ValueCountLimit = 16,
        });
        try
        {
            return await feature.ReadFormAsync(ct);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw FileTooLarge();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw FileTooLarge();
        }
    }

    private static void MapReconciliation(RouteGroupBuilder group)
    {
        var rec = group.MapGroup("/reconciliations").RequirePermission(EInvoicingPermissions.Manage);

        rec.MapGet("/template", (string? format, IReconciliationTemplate template) =>
            {
                var file = template.Create(format);
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .WithSummary("A tax-office file template for the import: format=csv (default, also when empty; UTF-8 with BOM) or xlsx; Vietnamese headers and two example rows. 400 on another format.")
            .ProducesValidationProblem();

        rec.MapPost("/", async Task<Created<ReconciliationImportDto>> (HttpRequest request, IEInvoiceReconciliationAppService service, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                {
                    throw new BusinessException(ReconciliationErrorCodes.UnreadableFile,
                        "Send the file as multipart/form-data in the field 'file' (CSV or XLSX), with branchesToParent=true|false.");
                }

                var form = await ReadLimitedFormAsync(request, ct);
                var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
                if (file is null || file.Length == 0)
                {
                    throw new BusinessException(ReconciliationErrorCodes.EmptyFile, "No file was sent (multipart field 'file'), or it is empty.");
                }

                if (file.Length > MaxFileBytes)
                {
                    throw FileTooLarge();
                }

                var branches = form["branchesToParent"].ToString();
                if (branches.Length > 0 && !bool.TryParse(branches, out _))
                {
                    new FieldErrors().Add("branchesToParent", FieldText.Get("Field.BranchesToParent")).ThrowIfAny();
                }

                await using var stream = file.OpenReadStream();
                var import = await service.ImportAsync(stream, file.FileName, branches.Length > 0 && bool.Parse(branches), ct);
                return TypedResults.Created($"/api/einvoicing/reconciliations/{import.Id}", import);
            })
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Imports a tax-office list (CSV or XLSX, columns by Vietnamese or English header: tax code, status, kind, provider, dates) and "
                         + "reports matches, changes, conflicts, unknown tax codes and row errors. Changes nothing until rows are accepted. 400 with "
                         + "SmeSupport:EInvoicing:UnreadableFile|EmptyFile|NoHeaderRow|NoDataRows|NotXlsx|NotAWorkbook|OldExcelFormat|NotUtf8Text|NotText|"
                         + "UnknownColumns|MissingColumns|RepeatedColumns|TooManyRows; 413 SmeSupport:EInvoicing:FileTooLarge above 20 MiB; nothing is stored.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        rec.MapGet("/", async (int? page, int? pageSize, IEInvoiceReconciliationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(new PagedRequestDto { Page = page ?? 1, PageSize = pageSize ?? 20 }, ct)))
            .WithSummary("Kept imports, newest first.")
            .Produces<PagedResultDto<ReconciliationImportDto>>();

        rec.MapGet("/{id:guid}", async (Guid id, IEInvoiceReconciliationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("One import's summary; 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        rec.MapGet("/{id:guid}/rows", async (Guid id, ReconciliationOutcome? outcome, bool? accepted, int? page, int? pageSize,
                IEInvoiceReconciliationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetRowsAsync(id, new ReconciliationRowFilterDto
                {
                    Outcome = outcome, Accepted = accepted, Page = page ?? 1, PageSize = pageSize ?? 50,
                }, ct)))
            .WithSummary("An import's rows in file order: filter by outcome (Match, Change, Conflict, UnknownTaxCode, Error) and accepted.")
            .Produces<PagedResultDto<ReconciliationRowDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        rec.MapPost("/{id:guid}/accept", async (Guid id, AcceptReconciliationDto? input, IEInvoiceReconciliationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.AcceptAsync(id, input ?? new AcceptReconciliationDto(), ct)))
            .WithSummary("Accepts rows (rowNumbers) or, with no body, every pending change: records their steps (source TaxOfficeFile). "
                         + "400 unknown rows; 409 SmeSupport:EInvoicing:RowNotAcceptable|RowStale for named rows (also a row whose enterprise was deleted since); nothing is changed then. Accept-all skips stale rows and rows of deleted enterprises and lists them.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rec.MapPost("/{id:guid}/rows/{rowNumber:int}/accept", async (Guid id, int rowNumber, IEInvoiceReconciliationAppService service,
                CancellationToken ct) =>
                TypedResults.Ok(await service.AcceptAsync(id, new AcceptReconciliationDto { RowNumbers = [rowNumber] }, ct)))
            .WithSummary("Accepts one row. 400 unknown row; 409 SmeSupport:EInvoicing:RowNotAcceptable|RowStale.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapPortalAndReview(IEndpointRouteBuilder endpoints, RouteGroupBuilder group)
    {
        group.MapGet("/funnel", async (EInvoiceFunnelDimension? by, ProgrammeStatus? programmeStatus, IEInvoiceFunnelAppService service,
                CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(by ?? EInvoiceFunnelDimension.Commune, programmeStatus, ct)))
            .WithSummary("Adoption funnel (enterprises, registration submitted+, refused, accepted+, first invoice+, issuing regularly) "
                         + "by=Commune|Size|LegalForm|Industry, optionally for one programmeStatus.")
            .Produces<EInvoiceFunnelDto>()
            .ProducesValidationProblem();

        var review = group.MapGroup("/reported-steps").RequirePermission(EInvoicingPermissions.Manage);
        review.MapGet("/", async (ReportedStepState? state, int? page, int? pageSize, IReportedStepAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(state, new PagedRequestDto { Page = page ?? 1, PageSize = pageSize ?? 20 }, ct)))
            .WithSummary("Steps enterprises reported, by state (default Pending), oldest first.")
            .Produces<PagedResultDto<ReportedStepDto>>();
        review.MapPost("/{id:guid}/confirm", async (Guid id, IReportedStepAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ConfirmAsync(id, ct)))
            .WithSummary("Confirms a reported step: it is recorded (source Enterprise) and counts. 404; 409 ReportedStepDecided, StepOutOfOrder or EnterpriseDeleted.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        review.MapPost("/{id:guid}/reject", async (Guid id, RejectReportedStepDto? input, IReportedStepAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RejectAsync(id, input ?? new RejectReportedStepDto(), ct)))
            .WithSummary("Rejects a reported step with an optional reason. 404; 409 ReportedStepDecided.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var portal = endpoints.MapGroup("/api/portal/einvoicing").WithTags("Portal").RequirePermission(EInvoicingPermissions.OwnAdoption);
        portal.MapGet("/", async (IEInvoicePortalAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(ct)))
            .WithSummary("The signed-in enterprise's e-invoice status (confirmed steps) and the steps it reported.")
            .Produces<EInvoicePortalDto>();
        portal.MapPost("/steps", async Task<Created<ReportedStepDto>> (ReportEInvoiceStepDto input, IEInvoicePortalAppService service,
                CancellationToken ct) =>
            {
                var reported = await service.ReportStepAsync(input, ct);
                return TypedResults.Created("/api/portal/einvoicing", reported);
            })
            .WithSummary("Reports a step; it waits for staff and does not count until confirmed. 400; 409 StepOutOfOrder or ReportedStepPending.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Query-string shape of the list endpoint.</summary>
    internal sealed record AdoptionListQuery(EInvoiceStep? Step, int? Page, int? PageSize)
    {
        public EInvoiceAdoptionListFilterDto ToFilter() => new() { Step = Step, Page = Page ?? 1, PageSize = PageSize ?? 20 };
    }
}
