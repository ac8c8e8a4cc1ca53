using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Application;
using SmeSupport.EInvoicing.Contracts;
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
    }

    /// <summary>Query-string shape of the list endpoint.</summary>
    internal sealed record AdoptionListQuery(EInvoiceStep? Step, int? Page, int? PageSize)
    {
        public EInvoiceAdoptionListFilterDto ToFilter() => new() { Step = Step, Page = Page ?? 1, PageSize = PageSize ?? 20 };
    }
}
