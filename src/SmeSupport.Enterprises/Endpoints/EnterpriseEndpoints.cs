using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Enterprises.Endpoints;

/// <summary>HTTP API of the registry: <c>/api/enterprises</c> and <c>/api/administrative-units</c>.</summary>
internal static class EnterpriseEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/enterprises").WithTags("Enterprises").RequireAuthorization();

        group.MapGet("/", async ([AsParameters] EnterpriseListQuery query, IEnterpriseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(query.ToFilter(), ct)))
            .WithSummary("Lists enterprises: free-text search (diacritic-insensitive) over names and tax-code prefix, filters, paging.")
            .Produces<PagedResultDto<EnterpriseDto>>();

        group.MapGet("/{id:guid}", async (Guid id, IEnterpriseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithName("GetEnterprise")
            .WithSummary("Reads one enterprise; 404 when unknown or not visible to the caller.");

        group.MapPost("/", async Task<Created<EnterpriseDto>> (CreateEnterpriseDto input, IEnterpriseAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/enterprises/{created.Id}", created);
            })
            .RequireAuthorization(EnterprisesPermissions.Create)
            .WithSummary("Creates an enterprise. 400 with field errors; 409 SmeSupport:Enterprises:DuplicateTaxCode.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{id:guid}", async (Guid id, UpdateEnterpriseDto input, IEnterpriseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .WithSummary("Updates an enterprise. Send the concurrencyStamp you read: a stale one answers 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        var units = endpoints.MapGroup("/api/administrative-units").WithTags("Administrative units").RequireAuthorization();
        units.MapGet("/provinces", async (IAdministrativeUnitAppService service, CancellationToken ct) =>
            TypedResults.Ok(await service.GetProvincesAsync(ct)));
        units.MapGet("/provinces/{code:int}/wards", async (int code, IAdministrativeUnitAppService service, CancellationToken ct) =>
            TypedResults.Ok(await service.GetWardsAsync(code, ct)));
    }

    /// <summary>Query-string shape of the list endpoint.</summary>
    internal sealed record EnterpriseListQuery(string? Q, int? Page, int? PageSize, int? WardCode, LegalForm? LegalForm,
        EnterpriseSize? Size, string? Section, ProgrammeStatus? ProgrammeStatus)
    {
        public EnterpriseListFilterDto ToFilter() => new()
        {
            Q = Q,
            Page = Page ?? 1,
            PageSize = PageSize ?? 20,
            WardCode = WardCode,
            LegalForm = LegalForm,
            Size = Size,
            Section = Section,
            ProgrammeStatus = ProgrammeStatus,
        };
    }
}
