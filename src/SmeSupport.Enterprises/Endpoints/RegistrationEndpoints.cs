using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Enterprises.Endpoints;

/// <summary>
/// <c>/api/registrations</c>: anonymous form token, submission and confirmation (rate-limited per client, JSON only,
/// honeypot and minimum fill time), and the staff queue with approve and reject.
/// </summary>
internal static class RegistrationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/registrations").WithTags("Registrations");

        group.MapGet("/form-token", (IRegistrationAppService service) => TypedResults.Ok(service.CreateFormToken()))
            .AllowAnonymous()
            .WithSummary("A signed token recording when the form was opened; send it back as formToken, no sooner than notBefore.");

        // A JSON body parameter: any other Content-Type answers 415, so a cross-site HTML form cannot post here, and a
        // cross-site script cannot send JSON without a CORS pre-flight, which this host never grants.
        group.MapPost("/", async (RegisterEnterpriseDto input, IRegistrationAppService service, IConfiguration configuration, CancellationToken ct) =>
            {
                var result = await service.SubmitAsync(input, $"{PublicBaseUrl(configuration)}/Register/Confirm", ct);
                return TypedResults.Accepted($"/api/registrations/{result.Id}", result);
            })
            .AllowAnonymous()
            .AddEndpointFilter(LimitSubmissions)
            .Accepts<RegisterEnterpriseDto>("application/json")
            .WithSummary("Self-registration (anonymous, application/json only): 202 and a confirmation e-mail; 400 field errors or anti-script refusals (a FormFilledTooFast refusal is not counted against the limit); 409 DuplicateTaxCode or DuplicatePendingRegistration; 415 other content types; 429 TooManyRegistrationSubmissions (10 submissions per client per 10 minutes, with Retry-After).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/confirm", async (ConfirmRegistrationDto input, IRegistrationAppService service, CancellationToken ct) =>
            {
                var confirmed = await service.ConfirmAsync(input.Token, ct);
                return TypedResults.Ok(new { confirmed.Id, confirmed.Status });
            })
            .AllowAnonymous()
            .AddEndpointFilter(LimitConfirmations)
            .WithSummary("Confirms the contact's e-mail with the token from the link: 400 ConfirmationLinkInvalid, 410 ConfirmationLinkExpired, 409 ConfirmationLinkUsed; 429 TooManyConfirmationAttempts (30 per client per 10 minutes, apart from submissions, with Retry-After).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/", async (RegistrationStatus? status, int? page, int? pageSize, IRegistrationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(status, new PagedRequestDto { Page = page ?? 1, PageSize = pageSize ?? 20 }, ct)))
            .RequireAuthorization(EnterprisesPermissions.Registrations)
            .WithSummary("The staff queue, oldest first; status narrows (AwaitingEmailConfirmation, Submitted, Approved, Rejected).");

        group.MapGet("/{id:guid}", async (Guid id, IRegistrationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .RequireAuthorization(EnterprisesPermissions.Registrations);

        group.MapPost("/{id:guid}/approve", async (Guid id, IRegistrationAppService service, IConfiguration configuration, CancellationToken ct) =>
                TypedResults.Ok(await service.ApproveAsync(id, $"{PublicBaseUrl(configuration)}/Account/SetPassword", ct)))
            .RequireAuthorization(EnterprisesPermissions.Registrations)
            .WithSummary("Approves a confirmed registration: creates the enterprise, contact, consents and an EnterpriseUser account, e-mails a set-password link.");

        group.MapPost("/{id:guid}/reject", async (Guid id, RejectRegistrationDto input, IRegistrationAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RejectAsync(id, input, ct)))
            .RequireAuthorization(EnterprisesPermissions.Registrations)
            .WithSummary("Rejects a registration with a reason, which is e-mailed to the contact.");
    }

    /// <summary>
    /// Counts one submission against the client's allowance (<see cref="IRegistrationSubmissionLimit"/>); when it is used
    /// up, 429 Problem Details with code <see cref="EnterprisesErrorCodes.TooManyRegistrationSubmissions"/> and
    /// <c>Retry-After</c> (seconds), before the body is looked at.
    /// </summary>
    private static async ValueTask<object?> LimitSubmissions(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IRegistrationSubmissionLimit>();
        var client = http.Connection.RemoteIpAddress?.ToString();
        if (!limit.TryAcquire(client, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too Many Requests",
                detail: TooManyDetail(http, EnterprisesErrorCodes.TooManyRegistrationSubmissions, retryAfter,
                    $"Too many registration submissions from this client; try again in {(int)Math.Ceiling(retryAfter.TotalMinutes)} minute(s)."),
                extensions: new Dictionary<string, object?> { ["code"] = EnterprisesErrorCodes.TooManyRegistrationSubmissions });
        }

        try
        {
            return await next(context);
        }
        catch (BusinessException ex) when (ex.Code == EnterprisesErrorCodes.FormFilledTooFast)
        {
            limit.Release(client);
            throw;
        }
    }

    /// <summary>
    /// The detail of a 429 built here (not thrown): the code's message with the wait in whole minutes (rounded up) in the caller's
    /// language (<see cref="ErrorMessageServiceCollectionExtensions.ErrorCulture"/>), Vietnamese by default; <paramref name="english"/> when
    /// no message is registered.
    /// </summary>
    private static string TooManyDetail(HttpContext http, string code, TimeSpan retryAfter, string english) =>
        http.RequestServices.GetService<IErrorMessageLocalizer>()?.Localize(code, [(int)Math.Ceiling(retryAfter.TotalMinutes)], http.ErrorCulture())
        ?? english;

    /// <summary>
    /// Counts one confirmation against the client's own allowance (<see cref="IRegistrationSubmissionLimit.TryAcquireConfirmation"/>);
    /// when it is used up, 429 Problem Details with code <see cref="EnterprisesErrorCodes.TooManyConfirmationAttempts"/> and <c>Retry-After</c>.
    /// </summary>
    private static async ValueTask<object?> LimitConfirmations(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IRegistrationSubmissionLimit>();
        if (!limit.TryAcquireConfirmation(http.Connection.RemoteIpAddress?.ToString(), out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too Many Requests",
                detail: TooManyDetail(http, EnterprisesErrorCodes.TooManyConfirmationAttempts, retryAfter,
                    $"Too many confirmation attempts from this client; try the link again in {(int)Math.Ceiling(retryAfter.TotalMinutes)} minute(s)."),
                extensions: new Dictionary<string, object?> { ["code"] = EnterprisesErrorCodes.TooManyConfirmationAttempts });
        }

        return await next(context);
    }

    /// <summary>
    /// The public address for links in e-mails (<c>App:PublicBaseUrl</c>, as Identity's invitations), never the request's
    /// Host header, which a caller controls.
    /// </summary>
    internal static string PublicBaseUrl(IConfiguration configuration) =>
        SmeSupport.Hosting.PublicUrls.BaseUrl(configuration);
}
