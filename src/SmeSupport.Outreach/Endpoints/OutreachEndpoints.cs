using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Outreach.Endpoints;

/// <summary>HTTP API of the Outreach module: <c>/api/outreach</c>.</summary>
internal static class OutreachEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/outreach").WithTags("Outreach");
        var read = group.MapGroup("").RequirePermission(OutreachPermissions.Default);
        var manage = group.MapGroup("").RequirePermission(OutreachPermissions.Manage);

        read.MapGet("/templates", async (ICampaignAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetTemplatesAsync(ct)))
            .WithSummary("Lists e-mail templates by name.");

        manage.MapPost("/templates", async Task<Created<EmailTemplateDto>> (CreateEmailTemplateDto input, ICampaignAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateTemplateAsync(input, ct);
                return TypedResults.Created($"/api/outreach/templates/{created.Id}", created);
            })
            .WithSummary("Creates a Scriban e-mail template. 400 with field errors (template errors carry line and column); 409 SmeSupport:Outreach:DuplicateTemplateName.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        read.MapGet("/campaigns", async (ICampaignAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetCampaignsAsync(ct)))
            .WithSummary("Lists campaigns, newest first, with their message counts.");

        read.MapGet("/campaigns/{id:guid}", async (Guid id, ICampaignAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetCampaignAsync(id, ct)))
            .WithSummary("Reads one campaign with its counts; 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        manage.MapPost("/campaigns", async Task<Created<CampaignDto>> (CreateCampaignDto input, ICampaignAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateCampaignAsync(input, ct);
                return TypedResults.Created($"/api/outreach/campaigns/{created.Id}", created);
            })
            .WithSummary("Creates a campaign (Draft when manual; Scheduled with scheduledAtLocal in Asia/Ho_Chi_Minh). 400; 409 SmeSupport:Outreach:DuplicateCampaignName.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        read.MapGet("/campaigns/{id:guid}/runs", async (Guid id, ICampaignAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetRunsAsync(id, ct)))
            .WithSummary("Lists a campaign's runs with their counts; 404 when the campaign is unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        manage.MapPost("/campaigns/{id:guid}/send", async (Guid id, ICampaignAppService service, CancellationToken ct) =>
            {
                var accepted = await service.SendAsync(id, ct);
                return TypedResults.Accepted($"/api/outreach/campaigns/{id}/runs", accepted);
            })
            .WithSummary("Queues a run now (202 with the run id): recipients snapshotted into the outbox in one transaction, delivered by the dispatcher. 404; 409 SmeSupport:Outreach:CampaignNotSendable.")
            .Produces<CampaignSendAcceptedDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        foreach (var (verb, summary) in new[]
                 {
                     ("pause", "Pauses a Scheduled campaign (no run starts, pending messages wait). 404; 409 SmeSupport:Outreach:CampaignStatusConflict."),
                     ("resume", "Resumes a Paused campaign (a recurring one from its next occurrence after now). 404; 409 SmeSupport:Outreach:CampaignStatusConflict."),
                     ("cancel", "Cancels a Draft, Scheduled or Paused campaign; its pending messages are skipped. 404; 409 SmeSupport:Outreach:CampaignStatusConflict."),
                 })
        {
            manage.MapPost($"/campaigns/{{id:guid}}/{verb}", async (Guid id, ICampaignAppService service, CancellationToken ct) =>
                    TypedResults.Ok(verb switch
                    {
                        "pause" => await service.PauseAsync(id, ct),
                        "resume" => await service.ResumeAsync(id, ct),
                        _ => await service.CancelAsync(id, ct),
                    }))
                .WithSummary(summary)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        read.MapGet("/campaigns/{id:guid}/figures", async (Guid id, ICampaignAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetFiguresAsync(id, ct)))
            .WithSummary("Delivery figures of a campaign and each run: recipients, sent, delivered, opened, clicked, bounced, suppressed, held, waiting for the 24-hour limit. 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        manage.MapPut("/campaigns/{id:guid}/schedule", async (Guid id, CampaignScheduleDto input, ICampaignAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateScheduleAsync(id, input, ct)))
            .WithSummary("Replaces the schedule of a Draft, Scheduled or Paused campaign (once at scheduledAtLocal, or cron between recurrenceStartLocal and recurrenceEndLocal, Asia/Ho_Chi_Minh; neither: manual). 400 field errors as on create; 404; 409 SmeSupport:Outreach:CampaignScheduleLocked.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        read.MapPost("/campaigns/schedule-preview", async (CampaignScheduleDto input, ICampaignAppService service, CancellationToken ct, int? count) =>
                TypedResults.Ok(await service.PreviewScheduleAsync(input, count ?? 5, ct)))
            .WithSummary("Checks a schedule as create does and lists its next occurrences (count 1–20, default 5). 400 field errors; nothing stored.")
            .ProducesValidationProblem();

        read.MapGet("/suppressions", async (ICampaignAppService service, CancellationToken ct, int? max) =>
                TypedResults.Ok(await service.GetSuppressionsAsync(max ?? 1000, ct)))
            .WithSummary("Suppressed addresses, newest first, with the reason (bounce, drop, spam, unsubscribe), the purpose, when and the source event.");

        read.MapGet("/segments", async (ISegmentAppService service, CancellationToken ct) => TypedResults.Ok(await service.GetListAsync(ct)))
            .WithSummary("Lists saved segments by name.");

        read.MapPost("/segments/preview", async (SegmentRulesDto rules, ISegmentAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.PreviewAsync(rules, ct)))
            .WithSummary("Counts the contacts the rules select now and returns the first 20 (nothing stored). 400 field errors.")
            .ProducesValidationProblem();

        manage.MapPost("/segments", async Task<Created<SegmentDto>> (CreateSegmentDto input, ISegmentAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/outreach/segments/{created.Id}", created);
            })
            .WithSummary("Saves a segment (rules evaluated when each run starts). 400 field errors for bad rules (a segment that matches nobody today is kept: it is evaluated again at each run); 409 SmeSupport:Outreach:DuplicateSegmentName.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        // RFC 8058 one-click unsubscribe: no sign-in, the signed token is the authority.
        var unsubscribe = group.MapGroup("/unsubscribe").AllowAnonymous();
        unsubscribe.MapGet("", (string? token, HttpContext http, UnsubscribeService service) =>
            {
                var text = UnsubscribePageText.For(http);
                if (InvalidTokenPage(http, text, () => service.Read(token)) is { } refused)
                {
                    return refused;
                }

                // A GET never unsubscribes by itself: mail scanners follow links (RFC 8058 §4). The page posts back.
                var action = "/api/outreach/unsubscribe?token=" + Uri.EscapeDataString(token!);
                return TypedResults.Content(Page(text, text.ConfirmTitle,
                    $"<p>{Encode(text.ConfirmQuestion)}</p><form method=\"post\" action=\"{Encode(action)}\">" +
                    $"<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"/><button type=\"submit\">{Encode(text.ConfirmButton)}</button></form>"),
                    "text/html; charset=utf-8");
            })
            .WithSummary("Shows the opt-out confirmation page for a token (does not unsubscribe), in Vietnamese or English (Accept-Language, ?culture=). " +
                "400 SmeSupport:Outreach:InvalidUnsubscribeToken: an HTML page when the caller accepts text/html (a browser), else Problem Details.");

        unsubscribe.MapPost("", async (string? token, HttpContext http, UnsubscribeService service, CancellationToken ct) =>
            {
                var request = http.Request;
                var text = UnsubscribePageText.For(http);
                var oneClick = request.HasFormContentType && (await request.ReadFormAsync(ct))["List-Unsubscribe"] == "One-Click";
                if (InvalidTokenPage(http, text, () => service.Read(token)) is { } refused)
                {
                    return refused;
                }

                await service.UnsubscribeAsync(token, oneClick ? "one-click" : "link", ct);
                return TypedResults.Content(Page(text, text.DoneTitle, $"<p>{Encode(text.DoneBody)}</p>"), "text/html; charset=utf-8");
            })
            .DisableAntiforgery()
            .WithSummary("Records the opt-out (RFC 8058 one-click POST, body List-Unsubscribe=One-Click). 200 HTML page (vi/en); " +
                "400 SmeSupport:Outreach:InvalidUnsubscribeToken: an HTML page for a browser (Accept: text/html), else Problem Details.");
    }

    /// <summary>
    /// For a browser (the request accepts <c>text/html</c>) with a token that does not read: the 400 HTML page. Null when the token
    /// reads; an API client's refusal is left to the error handler (Problem Details).
    /// </summary>
    private static ContentHttpResult? InvalidTokenPage(HttpContext http, UnsubscribePageText text, Action read)
    {
        try
        {
            read();
            return null;
        }
        catch (SmeSupport.Errors.BusinessException ex) when (ex.Code == OutreachErrorCodes.InvalidUnsubscribeToken && AcceptsHtml(http.Request))
        {
            return TypedResults.Content(Page(text, text.InvalidTitle, $"<p>{Encode(text.InvalidBody)}</p>"), "text/html; charset=utf-8",
                statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string Encode(string text) => CompiledEmailTemplate.Html.Encode(text);

    private static string Page(UnsubscribePageText text, string title, string body) =>
        $"<!DOCTYPE html><html lang=\"{text.Language}\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>" +
        $"<title>{Encode(title)}</title></head><body><h1>{Encode(title)}</h1>{body}</body></html>";
}

/// <summary>
/// The texts of the unsubscribe pages a recipient sees after clicking the link in an e-mail: Vietnamese by default, English when the
/// request's culture is English (<see cref="SmeSupport.Errors.ErrorMessageServiceCollectionExtensions.ErrorCulture"/>: <c>?culture=</c>,
/// the culture cookie or <c>Accept-Language</c>).
/// </summary>
internal sealed record UnsubscribePageText(string Language, string ConfirmTitle, string ConfirmQuestion, string ConfirmButton,
    string DoneTitle, string DoneBody, string InvalidTitle, string InvalidBody)
{
    private static readonly UnsubscribePageText Vietnamese = new("vi", "Hủy đăng ký nhận thư",
        "Bạn muốn ngừng nhận loại thư này từ chương trình chuyển đổi số?", "Xác nhận hủy đăng ký",
        "Đã hủy đăng ký", "Bạn sẽ không nhận loại thư này nữa.",
        "Liên kết không hợp lệ", "Liên kết hủy đăng ký không hợp lệ hoặc đã bị thay đổi. Hãy dùng đúng liên kết trong thư bạn nhận được.");

    private static readonly UnsubscribePageText English = new("en", "Unsubscribe",
        "Do you want to stop receiving this kind of e-mail from the digital transformation programme?", "Confirm unsubscribe",
        "Unsubscribed", "You will no longer receive this kind of e-mail.",
        "Invalid link", "This unsubscribe link is not valid or has been altered. Please use the exact link from the e-mail you received.");

    /// <summary>The texts in the request's language.</summary>
    public static UnsubscribePageText For(HttpContext http) =>
        SmeSupport.Errors.ErrorMessageServiceCollectionExtensions.ErrorCulture(http).TwoLetterISOLanguageName == "en" ? English : Vietnamese;
}
