using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;

namespace SmeSupport.Enterprises.Endpoints;

/// <summary>
/// The enterprise portal's API (<c>/api/portal/enterprise</c>, permission <see cref="EnterprisesPermissions.OwnEnterprise"/>):
/// the signed-in EnterpriseUser's own enterprise, its contacts and consents. The enterprise is taken from the user's
/// <c>enterprise_id</c> claim, never from the request; a contact of another enterprise answers 404.
/// </summary>
internal static class PortalEnterpriseEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/portal/enterprise").WithTags("Portal").RequirePermission(EnterprisesPermissions.OwnEnterprise);

        group.MapGet("/", async (ICurrentUser user, IEnterpriseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(OwnId(user), ct)))
            .WithSummary("The signed-in user's enterprise. 404 when the account is bound to no (existing) enterprise.");

        group.MapPut("/", async (UpdateEnterpriseDto input, ICurrentUser user, IEnterpriseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(OwnId(user), input, ct)))
            .WithSummary("Edits the own profile (not the tax code nor the programme status, which stay as they are). Send the concurrencyStamp read.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/contacts", async (ICurrentUser user, IEnterpriseProfileAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetContactsAsync(OwnId(user), ct)))
            .WithSummary("The own enterprise's contacts with their consent history.");

        group.MapGet("/contacts/{contactId:guid}", async (Guid contactId, ICurrentUser user, IEnterpriseProfileAppService service, CancellationToken ct) =>
            TypedResults.Ok(await service.GetContactAsync(OwnId(user), contactId, ct)));

        group.MapPost("/contacts", async (CreateContactDto input, ICurrentUser user, IEnterpriseProfileAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateContactAsync(OwnId(user), input, ct);
                return TypedResults.Created($"/api/portal/enterprise/contacts/{created.Id}", created);
            })
            .WithSummary("Adds a contact; mobile stored as +84…. 400 field errors.")
            .ProducesValidationProblem();

        group.MapPut("/contacts/{contactId:guid}", async (Guid contactId, UpdateContactDto input, ICurrentUser user, IEnterpriseProfileAppService service,
                CancellationToken ct) => TypedResults.Ok(await service.UpdateContactAsync(OwnId(user), contactId, input, ct)))
            .ProducesValidationProblem();

        group.MapPost("/contacts/{contactId:guid}/consents/{purpose}", async (Guid contactId, ConsentPurpose purpose, ICurrentUser user,
                IEnterpriseProfileAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GrantConsentAsync(OwnId(user), contactId, new GrantConsentDto(purpose, ConsentChannels.PortalForm), ct)))
            .WithSummary("Grants consent for a purpose through the portal (now). 409 SmeSupport:Enterprises:ConsentAlreadyGranted.");

        group.MapPost("/contacts/{contactId:guid}/consents/{purpose}/withdraw", async (Guid contactId, ConsentPurpose purpose, ICurrentUser user,
                IEnterpriseProfileAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.WithdrawConsentAsync(OwnId(user), contactId, purpose, new WithdrawConsentDto(ConsentChannels.PortalForm), ct)))
            .WithSummary("Withdraws consent through the portal; the grant stays in the history with the time it was withdrawn. 409 SmeSupport:Enterprises:ConsentNotGranted.");
    }

    /// <summary>The user's own enterprise id; 404 when the account is bound to none.</summary>
    private static Guid OwnId(ICurrentUser user) =>
        user.EnterpriseId ?? throw new EntityNotFoundException("Enterprise", Guid.Empty);
}
