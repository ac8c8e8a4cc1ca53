using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Outreach.Endpoints;

/// <summary>HTTP API of one e-mail template: <c>/api/outreach/templates/{id}</c> (read, update, preview, test send).</summary>
internal static class TemplateEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/outreach/templates/{id:guid}").WithTags("Outreach");
        var read = group.MapGroup("").RequirePermission(OutreachPermissions.Default);
        var manage = group.MapGroup("").RequirePermission(OutreachPermissions.Manage);

        read.MapGet("", async (Guid id, ITemplateAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("Reads one template (both variants) with its concurrency stamp. 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        manage.MapPut("", async (Guid id, UpdateEmailTemplateDto input, ITemplateAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .WithSummary("Updates a template (Vietnamese variant required, English optional). 400 field errors with line and column; 404; 409 DuplicateTemplateName or TemplateChanged.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        read.MapPost("/preview", async (Guid id, TemplatePreviewRequestDto input, ITemplateAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.PreviewAsync(id, input, ct)))
            .WithSummary("Renders the template for an enterprise (and contact, language) as a campaign would; nothing stored or sent. 400; 404 unknown template, enterprise or contact.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        manage.MapPost("/test-send", async (Guid id, TemplateTestSendRequestDto input, ITemplateAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.TestSendAsync(id, input, ct)))
            .WithSummary("Sends the rendered template to the signed-in user's own address, subject prefixed \"[TEST]\". 400; 404; 429 SmeSupport:Outreach:TestSendRateLimited with Retry-After (10 per user in a sliding hour, counted in the database across restarts and nodes); 502 SmeSupport:Outreach:TestSendFailed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway);
    }
}
