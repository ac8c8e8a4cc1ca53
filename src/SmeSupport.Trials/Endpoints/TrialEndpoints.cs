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
        MapPortal(endpoints);
        var group = endpoints.MapGroup("/api/trials").WithTags("Trials").RequirePermission(TrialsPermissions.Default);

        group.MapGet("/platforms", async (bool? includeInactive, IPlatformAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(includeInactive ?? false, ct)))
            .WithSummary("The platform catalogue, by category then name; inactive platforms only with includeInactive=true.")
            .Produces<IReadOnlyList<PlatformDto>>();

        group.MapGet("/platforms/{id:guid}", async (Guid id, IPlatformAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("One platform (active or not); 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/platforms", async Task<Created<PlatformDto>> (SavePlatformDto input, IPlatformAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/trials/platforms/{created.Id}", created);
            })
            .RequirePermission(TrialsPermissions.ManageCatalogue)
            .WithSummary("Adds a platform to the catalogue (Admin). 400 field errors; 409 SmeSupport:Trials:DuplicatePlatformName.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/platforms/{id:guid}", async (Guid id, SavePlatformDto input, IPlatformAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .RequirePermission(TrialsPermissions.ManageCatalogue)
            .WithSummary("Edits a platform (Admin); isActive=false withdraws it. 400; 404; 409 SmeSupport:Trials:DuplicatePlatformName.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/ending", async (int? days, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetEndingAsync(days ?? 14, ct)))
            .WithSummary("Planned or Active trials ending from today to today + days (Vietnam dates; days 0–365, default 14), soonest first.")
            .Produces<IReadOnlyList<TrialDto>>()
            .ProducesValidationProblem();

        group.MapGet("/figures", async (ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetFiguresAsync(ct)))
            .WithSummary("Per platform and per category: started, active, completed, adopted, adopted share, median days to adoption.")
            .Produces<TrialFiguresDto>();

        group.MapPost("/bulk-assign", async (BulkAssignTrialsDto input, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.BulkAssignAsync(input, ct)))
            .RequirePermission(TrialsPermissions.Manage)
            .WithSummary("Assigns one platform to many enterprises (taxCodes, or a cohort and/or a selection) in one action; says which were skipped and why. dryRun stores nothing.")
            .Produces<BulkAssignResultDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:guid}/details", async (Guid id, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetDetailsAsync(id, ct)))
            .WithSummary("One trial with its check-ins and feedback; 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/check-ins", async Task<Created<TrialCheckInDto>> (Guid id, CreateTrialCheckInDto input, ITrialAppService service,
                CancellationToken ct) =>
            {
                var created = await service.AddCheckInAsync(id, input, ct);
                return TypedResults.Created($"/api/trials/{id}/details", created);
            })
            .RequirePermission(TrialsPermissions.Manage)
            .WithSummary("Adds a check-in (date within the trial, usage level, satisfaction 1–5, notes). 400; 404; 409 SmeSupport:Trials:TrialNotRunning.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async ([AsParameters] TrialListQuery query, ITrialAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(query.ToFilter(), ct)))
            .WithSummary("Lists trials, newest start first: filter by enterpriseId, status, platformId, overdue, assignedOfficerId, endingWithinDays (0–365); page (1-based), pageSize 1–200.")
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

    /// <summary>The portal: <c>/api/portal/trials</c>, an EnterpriseUser's own trials.</summary>
    private static void MapPortal(IEndpointRouteBuilder endpoints)
    {
        var portal = endpoints.MapGroup("/api/portal/trials").WithTags("Portal").RequirePermission(TrialsPermissions.OwnTrials);

        portal.MapGet("/", async (ITrialPortalAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetListAsync(ct)))
            .WithSummary("The signed-in enterprise's own trials, newest start first.")
            .Produces<IReadOnlyList<TrialDto>>();

        portal.MapGet("/{id:guid}", async (Guid id, ITrialPortalAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("One own trial with check-ins and feedback; 404 for an unknown id or another enterprise's trial.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        portal.MapPost("/{id:guid}/check-ins", async Task<Created<TrialCheckInDto>> (Guid id, CreateTrialCheckInDto input,
                ITrialPortalAppService service, CancellationToken ct) =>
            {
                var created = await service.AddCheckInAsync(id, input, ct);
                return TypedResults.Created($"/api/portal/trials/{id}", created);
            })
            .WithSummary("Adds a check-in to an own trial. 400; 404; 409 SmeSupport:Trials:TrialNotRunning.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        portal.MapPost("/{id:guid}/feedback", async Task<Created<TrialFeedbackDto>> (Guid id, CreateTrialFeedbackDto input,
                ITrialPortalAppService service, CancellationToken ct) =>
            {
                var created = await service.AddFeedbackAsync(id, input, ct);
                return TypedResults.Created($"/api/portal/trials/{id}", created);
            })
            .WithSummary("Gives feedback (rating 1–5, comment, wouldContinue) on an own trial. 400; 404; 409 SmeSupport:Trials:TrialNotRunning.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Query-string shape of the list endpoint.</summary>
    internal sealed record TrialListQuery(Guid? EnterpriseId, TrialStatus? Status, Guid? PlatformId, bool? Overdue, Guid? AssignedOfficerId,
        int? EndingWithinDays, int? Page, int? PageSize)
    {
        public TrialListFilterDto ToFilter() => new()
        {
            EnterpriseId = EnterpriseId,
            Status = Status,
            PlatformId = PlatformId,
            Overdue = Overdue,
            AssignedOfficerId = AssignedOfficerId,
            EndingWithinDays = EndingWithinDays,
            Page = Page ?? 1,
            PageSize = PageSize ?? 20,
        };
    }
}
