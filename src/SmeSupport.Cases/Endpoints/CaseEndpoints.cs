using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Cases.Endpoints;

/// <summary>HTTP API of the Cases module: <c>/api/cases</c>.</summary>
internal static class CaseEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("Cases").RequirePermission(CasesPermissions.Default);

        group.MapGet("/", async ([AsParameters] CaseListQuery query, ISupportCaseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(query.ToFilter(), ct)))
            .WithSummary("Lists support cases, most recently opened first: filter by status and enterpriseId; page (1-based), pageSize 1–200.")
            .Produces<PagedResultDto<SupportCaseDto>>()
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, ISupportCaseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithName("GetSupportCase")
            .WithSummary("Reads one support case; 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Created<SupportCaseDto>> (CreateSupportCaseDto input, ISupportCaseAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/cases/{created.Id}", created);
            })
            .RequirePermission(CasesPermissions.Manage)
            .WithSummary("Opens a support case (New, or Assigned with an assignee). 400 with field errors.")
            .ProducesValidationProblem();
    }

    /// <summary>Query-string shape of the list endpoint.</summary>
    internal sealed record CaseListQuery(CaseStatus? Status, Guid? EnterpriseId, int? Page, int? PageSize)
    {
        public SupportCaseListFilterDto ToFilter() => new()
        {
            Status = Status,
            EnterpriseId = EnterpriseId,
            Page = Page ?? 1,
            PageSize = PageSize ?? 20,
        };
    }
}
