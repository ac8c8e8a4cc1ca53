using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Application;
using SmeSupport.Security;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Trials.Endpoints;

/// <summary>HTTP API of the Trials module: <c>/api/trials</c>.</summary>
internal static class TrialEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/trials").WithTags("Trials").RequirePermission(TrialsPermissions.Default);

        group.MapGet("/platforms", async (bool? includeInactive, IPlatformAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(includeInactive ?? false, ct)))
            .WithSummary("The platform catalogue, by category then name; inactive platforms only with includeInactive=true.")
            .Produces<IReadOnlyList<PlatformDto>>();

        group.MapGet("/", async ([AsParameters] TrialListQuery query, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(query.ToFilter(), ct)))
            .WithSummary("Lists trials, newest start first: filter by enterpriseId and status; page (1-based), pageSize 1–200.")
            .Produces<PagedResultDto<TrialDto>>()
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithName("GetTrial")
            .WithSummary("Reads one trial; 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Created<TrialDto>> (CreateTrialDto input, ITrialAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/trials/{created.Id}", created);
            })
            .RequirePermission(TrialsPermissions.Manage)
            .WithSummary("Plans a trial (status Planned). 400 field errors (unknown enterprise/platform, end before start); 409 SmeSupport:Trials:DuplicateActiveTrial.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/start", async (Guid id, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.StartAsync(id, ct)))
            .RequirePermission(TrialsPermissions.Manage)
            .WithSummary("Planned → Active. 404 unknown; 409 SmeSupport:Trials:InvalidTransition.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/complete", async (Guid id, CompleteTrialDto input, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.CompleteAsync(id, input, ct)))
            .RequirePermission(TrialsPermissions.Manage)
            .WithSummary("Active → Completed with outcome (Adopted, or NotAdopted with a reason). 400; 404; 409 SmeSupport:Trials:InvalidTransition.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/cancel", async (Guid id, CancelTrialDto? input, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.CancelAsync(id, input ?? new CancelTrialDto(), ct)))
            .RequirePermission(TrialsPermissions.Manage)
            .WithSummary("Planned or Active → Cancelled, with an optional reason. 404; 409 SmeSupport:Trials:InvalidTransition.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Query-string shape of the list endpoint.</summary>
    internal sealed record TrialListQuery(Guid? EnterpriseId, TrialStatus? Status, int? Page, int? PageSize)
    {
        public TrialListFilterDto ToFilter() => new()
        {
            EnterpriseId = EnterpriseId,
            Status = Status,
            Page = Page ?? 1,
            PageSize = PageSize ?? 20,
        };
    }
}
