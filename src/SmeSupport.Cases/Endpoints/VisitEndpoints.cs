using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Cases.Endpoints;

/// <summary>HTTP API of community visits (<c>/api/cases/visits</c>) and case figures (<c>/api/cases/figures</c>).</summary>
internal static class VisitEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var visits = endpoints.MapGroup("/api/cases/visits").WithTags("Community visits").RequirePermission(CasesPermissions.Default);

        visits.MapGet("/", async ([AsParameters] VisitListQuery query, ICommunityVisitAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(query.ToFilter(), ct)))
            .WithSummary("Lists community visits, most recent first: filter by wardCode, from, to (yyyy-MM-dd); page, pageSize 1–200.")
            .Produces<PagedResultDto<CommunityVisitDto>>()
            .ProducesValidationProblem();

        visits.MapGet("/{id:guid}", async (Guid id, ICommunityVisitAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("Reads a visit with its team, enterprises, households, topics and follow-up cases; 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        visits.MapPost("/", async Task<Created<CommunityVisitDto>> (CreateCommunityVisitDto input, ICommunityVisitAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/cases/visits/{created.Id}", created);
            })
            .RequirePermission(CasesPermissions.Visits)
            .WithSummary("Records a visit. 400 with field errors: date missing or in the future, unknown commune, enterprise or user, no team, nobody visited.")
            .ProducesValidationProblem();

        visits.MapPut("/{id:guid}", async (Guid id, CreateCommunityVisitDto input, ICommunityVisitAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .RequirePermission(CasesPermissions.Visits)
            .WithSummary("Replaces a visit's data. 400 as for create; 404; 409 VisitEnterpriseHasFollowUp when it would remove an enterprise with a follow-up case.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        visits.MapDelete("/{id:guid}", async (Guid id, ICommunityVisitAppService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(CasesPermissions.Visits)
            .WithSummary("Deletes a visit (its follow-up cases stay). 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        visits.MapPost("/{id:guid}/follow-up-case", async Task<Created<SupportCaseDto>> (Guid id, CreateFollowUpCaseDto input,
                ICommunityVisitAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateFollowUpCaseAsync(id, input, ct);
                return TypedResults.Created($"/api/cases/{created.Id}", created);
            })
            .RequirePermission(CasesPermissions.Visits)
            .RequirePermission(CasesPermissions.Manage)
            .WithSummary("Opens a case for one of the visit's enterprises (channel Visit, linked to the visit, with an internal note summing up the visit) in one transaction. 400; 404; 409 FollowUpAlreadyOpen while one is open for the enterprise.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGet("/api/cases/figures", async ([AsParameters] FiguresQuery query, ICaseFiguresAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(query.ToQuery(), ct)))
            .WithTags("Cases")
            .RequirePermission(CasesPermissions.Default)
            .WithSummary("Open and overdue cases, service-level compliance, median working minutes to first response and resolution, satisfaction; of the cases opened from..to (yyyy-MM-dd, Vietnam; default the last 30 days), groupBy type|commune|officer.")
            .Produces<CaseFiguresDto>()
            .ProducesValidationProblem();
    }

    /// <summary>Query-string shape of the visit list.</summary>
    internal sealed record VisitListQuery(int? WardCode, DateOnly? From, DateOnly? To, int? Page, int? PageSize)
    {
        public CommunityVisitListFilterDto ToFilter() => new() { WardCode = WardCode, From = From, To = To, Page = Page ?? 1, PageSize = PageSize ?? 20 };
    }

    /// <summary>Query-string shape of the figures.</summary>
    internal sealed record FiguresQuery(DateOnly? From, DateOnly? To, string? GroupBy)
    {
        /// <summary>The query; <c>groupBy</c> is read ignoring case (type, commune, officer). 400 for another value.</summary>
        public CaseFiguresQueryDto ToQuery()
        {
            CaseFiguresGroupBy? groupBy = null;
            if (!string.IsNullOrWhiteSpace(GroupBy))
            {
                if (!Enum.TryParse<CaseFiguresGroupBy>(GroupBy.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
                    || GroupBy.Trim().All(char.IsAsciiDigit))
                {
                    throw new Errors.InputValidationException(new Dictionary<string, string[]> { ["groupBy"] = ["Group by type, commune or officer."] });
                }

                groupBy = parsed;
            }

            return new CaseFiguresQueryDto { From = From, To = To, GroupBy = groupBy };
        }
    }
}
