using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Webhooks;

/// <summary><c>POST /api/webhooks/sendgrid</c>: SendGrid's signed event webhook (no sign-in; the ECDSA signature is the authority).</summary>
internal static class SendGridWebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/webhooks/sendgrid", async (HttpRequest request, SendGridWebhookVerifier verifier, SendGridEventProcessor processor,
                IOptions<SendGridWebhookOptions> options, CancellationToken ct) =>
            {
                var body = await ReadBodyAsync(request, options.Value.MaxBodyBytes, ct);
                // Verified over the exact bytes received, before anything is parsed.
                verifier.Verify(request.Headers[SendGridWebhookVerifier.SignatureHeader], request.Headers[SendGridWebhookVerifier.TimestampHeader],
                    body.Span);
                return TypedResults.Ok(await processor.ApplyAsync(body, ct));
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Outreach")
            .WithSummary("SendGrid event webhook: ECDSA P-256 signature over timestamp + raw body (headers X-Twilio-Email-Event-Webhook-Signature / -Timestamp). 401 SmeSupport:Outreach:WebhookSignatureInvalid (missing, wrong or stale signature, or no key configured); 400 SmeSupport:Outreach:WebhookBodyInvalid; 413 SmeSupport:Outreach:WebhookBodyTooLarge. Each event applied once by sg_event_id.")
            .Produces<SendGridWebhookResultDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            throw TooLarge(max);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BusinessException TooLarge(int max) =>
        new(OutreachErrorCodes.WebhookBodyTooLarge, $"The body is larger than {max} bytes.", StatusCodes.Status413PayloadTooLarge)
        {
            MessageArgs = [max],
        };
}
