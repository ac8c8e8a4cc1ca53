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

        group.MapDelete("/{id:guid}", async (Guid id, IEnterpriseAppService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(EnterprisesPermissions.Delete)
            .WithSummary("Soft-deletes an enterprise (restorable; its history stays). 404 when unknown or already deleted.");

        group.MapPost("/{id:guid}/restore", async (Guid id, IEnterpriseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RestoreAsync(id, ct)))
            .RequireAuthorization(EnterprisesPermissions.Delete)
            .WithSummary("Restores a soft-deleted enterprise. 409 SmeSupport:Enterprises:NotDeleted, or DuplicateTaxCode when the code was taken meanwhile.");

        group.MapGet("/deleted", async (int? page, int? pageSize, IEnterpriseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetDeletedListAsync(new PagedRequestDto { Page = page ?? 1, PageSize = pageSize ?? 20 }, ct)))
            .RequireAuthorization(EnterprisesPermissions.Delete)
            .WithSummary("Soft-deleted enterprises, newest deletion first.");

        group.MapGet("/{id:guid}/timeline", async (Guid id, int? page, int? pageSize, IEnterpriseTimelineAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, page ?? 1, pageSize ?? 50, ct)))
            .RequireAuthorization(EnterprisesPermissions.Default)
            .WithTags("Timeline")
            .WithSummary("Everything that happened to the enterprise, newest first: changes (who, when, old → new), registration, trials, "
                         + "e-invoice steps, cases, e-mails. Paged (pageSize 1–100, default 50; page 1–50). Staff only; 404 when unknown.")
            .Produces<EnterpriseTimelineDto>();

        MapProfile(group);
        PortalEnterpriseEndpoints.Map(endpoints);
        ImportEndpoints.Map(group);

        var units = endpoints.MapGroup("/api/administrative-units").WithTags("Administrative units").RequireAuthorization();
        units.MapGet("/provinces", async (IAdministrativeUnitAppService service, CancellationToken ct) =>
            TypedResults.Ok(await service.GetProvincesAsync(ct)));
        units.MapGet("/provinces/{code:int}/wards", async (int code, IAdministrativeUnitAppService service, CancellationToken ct) =>
            TypedResults.Ok(await service.GetWardsAsync(code, ct)));
        units.MapGet("/old-wards/{code:int}/conversions", async (int code, IEnterpriseProfileAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetConversionsAsync(code, ct)))
            .WithSummary("Rows of the official conversion table for a pre-1 July 2025 commune code: the current unit(s) it went to.");

        RegistrationEndpoints.Map(endpoints);
    }

    private static void MapProfile(RouteGroupBuilder group)
    {
        var contacts = group.MapGroup("/{enterpriseId:guid}/contacts").WithTags("Contacts");
        contacts.MapGet("/", async (Guid enterpriseId, IEnterpriseProfileAppService service, CancellationToken ct) =>
            TypedResults.Ok(await service.GetContactsAsync(enterpriseId, ct)))
            .WithSummary("Contacts of the enterprise with their consent history.");
        contacts.MapGet("/{contactId:guid}", async (Guid enterpriseId, Guid contactId, IEnterpriseProfileAppService service, CancellationToken ct) =>
            TypedResults.Ok(await service.GetContactAsync(enterpriseId, contactId, ct)));
        contacts.MapPost("/", async (Guid enterpriseId, CreateContactDto input, IEnterpriseProfileAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateContactAsync(enterpriseId, input, ct);
                return TypedResults.Created($"/api/enterprises/{enterpriseId}/contacts/{created.Id}", created);
            })
            .WithSummary("Adds a contact; mobile stored as +84…. 400 field errors.")
            .ProducesValidationProblem();
        contacts.MapPut("/{contactId:guid}", async (Guid enterpriseId, Guid contactId, UpdateContactDto input, IEnterpriseProfileAppService service,
                CancellationToken ct) => TypedResults.Ok(await service.UpdateContactAsync(enterpriseId, contactId, input, ct)))
            .ProducesValidationProblem();
        contacts.MapDelete("/{contactId:guid}", async (Guid enterpriseId, Guid contactId, IEnterpriseProfileAppService service, CancellationToken ct) =>
            {
                await service.DeleteContactAsync(enterpriseId, contactId, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Soft-deletes a contact; its consent history is kept.");
        contacts.MapPost("/{contactId:guid}/consents", async (Guid enterpriseId, Guid contactId, GrantConsentDto input,
                IEnterpriseProfileAppService service, CancellationToken ct) => TypedResults.Ok(await service.GrantConsentAsync(enterpriseId, contactId, input, ct)))
            .WithSummary("Grants consent for a purpose (when, how). 409 SmeSupport:Enterprises:ConsentAlreadyGranted.");
        contacts.MapPost("/{contactId:guid}/consents/{purpose}/withdraw", async (Guid enterpriseId, Guid contactId, ConsentPurpose purpose,
                WithdrawConsentDto input, IEnterpriseProfileAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.WithdrawConsentAsync(enterpriseId, contactId, purpose, input, ct)))
            .WithSummary("Withdraws consent: the grant is kept with the time and way it was withdrawn. 409 SmeSupport:Enterprises:ConsentNotGranted.");

        group.MapPost("/{enterpriseId:guid}/cohorts", async (Guid enterpriseId, AddCohortMembershipDto input, IEnterpriseProfileAppService service,
                CancellationToken ct) =>
            {
                var created = await service.AddCohortAsync(enterpriseId, input, ct);
                return TypedResults.Created($"/api/enterprises/{enterpriseId}/cohorts/{created.Id}", created);
            })
            .RequireAuthorization(EnterprisesPermissions.Update)
            .WithTags("Cohorts")
            .WithSummary("Adds the enterprise to a pilot cohort (name, joined on). 409 SmeSupport:Enterprises:AlreadyInCohort.");
        group.MapDelete("/{enterpriseId:guid}/cohorts/{membershipId:guid}", async (Guid enterpriseId, Guid membershipId,
                IEnterpriseProfileAppService service, CancellationToken ct) =>
            {
                await service.RemoveCohortAsync(enterpriseId, membershipId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(EnterprisesPermissions.Update)
            .WithTags("Cohorts");

        group.MapGet("/{enterpriseId:guid}/assessments", async (Guid enterpriseId, IEnterpriseProfileAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAssessmentsAsync(enterpriseId, ct)))
            .WithTags("Maturity assessments")
            .WithSummary("Digital-maturity (DBI) assessments, newest first.");
        group.MapPost("/{enterpriseId:guid}/assessments", async (Guid enterpriseId, CreateMaturityAssessmentDto input,
                IEnterpriseProfileAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAssessmentAsync(enterpriseId, input, ct);
                return TypedResults.Created($"/api/enterprises/{enterpriseId}/assessments/{created.Id}", created);
            })
            .RequireAuthorization(EnterprisesPermissions.Update)
            .WithTags("Maturity assessments")
            .WithSummary("Records a DBI assessment: six pillars 0–5, overall level (default: mean rounded down), date, assessor.")
            .ProducesValidationProblem();
    }

    /// <summary>Query-string shape of the list endpoint.</summary>
    internal sealed record EnterpriseListQuery(string? Q, int? Page, int? PageSize, int? WardCode, LegalForm? LegalForm,
        EnterpriseSize? Size, string? Section, ProgrammeStatus? ProgrammeStatus, string? Cohort)
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
            Cohort = Cohort,
        };
    }
}
