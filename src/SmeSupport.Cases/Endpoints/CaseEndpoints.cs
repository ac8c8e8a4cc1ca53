using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmeSupport.Application;
using SmeSupport.Cases.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Persistence;
using SmeSupport.Errors;
using SmeSupport.Security;
using Microsoft.EntityFrameworkCore;

namespace SmeSupport.Cases.Endpoints;

/// <summary>
/// HTTP API of the Cases module: staff <c>/api/cases</c> (workflow, conversation, attachments, holiday calendar,
/// coverage) and the enterprise portal <c>/api/portal/cases</c>.
/// </summary>
internal static class CaseEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("Cases").RequirePermission(CasesPermissions.Default);

        group.MapGet("/", async ([AsParameters] CaseListQuery query, ISupportCaseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(query.ToFilter(), ct)))
            .WithSummary("Lists support cases, most recently opened first, with their service level: filter by status, enterpriseId, type, priority, assigneeId, overdue, wardCode, communityVisitId; page (1-based), pageSize 1–200.")
            .Produces<PagedResultDto<SupportCaseDto>>()
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, ISupportCaseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithName("GetSupportCase")
            .WithSummary("Reads one support case with its due times and remaining working time; 404 when unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Created<SupportCaseDto>> (CreateSupportCaseDto input, ISupportCaseAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/cases/{created.Id}", created);
            })
            .RequirePermission(CasesPermissions.Manage)
            .WithSummary("Opens a support case (New, or Assigned with an assignee). 400 with field errors (unknown assignee too).")
            .ProducesValidationProblem();

        group.MapPost("/{id:guid}/assign", async (Guid id, AssignCaseDto input, ISupportCaseAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.AssignAsync(id, input, ct)))
            .RequirePermission(CasesPermissions.Manage)
            .WithSummary("Assigns to an officer ({assigneeId}) or to the least-loaded officer covering the enterprise's commune ({auto:true}). 400 unknown assignee; 404; 409 InvalidTransition or NoCoveringOfficer.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        foreach (var (route, action) in new[]
                 {
                     ("start", CaseAction.Start), ("wait-for-enterprise", CaseAction.WaitForEnterprise), ("resume", CaseAction.Resume),
                     ("resolve", CaseAction.Resolve), ("close", CaseAction.Close), ("reopen", CaseAction.Reopen),
                 })
        {
            group.MapPost($"/{{id:guid}}/{route}", async (Guid id, ISupportCaseAppService service, CancellationToken ct) =>
                    TypedResults.Ok(await service.ApplyAsync(id, action, ct)))
                .RequirePermission(CasesPermissions.Manage)
                .WithSummary($"Workflow step {action}. 404 unknown case; 409 SmeSupport:Cases:InvalidTransition when the workflow does not allow it.")
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        group.MapGet("/{id:guid}/messages", async (Guid id, ISupportCaseAppService cases, CaseConversationService conversation, CancellationToken ct) =>
            {
                await cases.GetAsync(id, ct);
                return TypedResults.Ok(await conversation.GetMessagesAsync(id, staff: true, ct));
            })
            .WithSummary("The conversation: public replies and internal notes, oldest first.");

        group.MapPost("/{id:guid}/messages", async Task<Created<CaseMessageDto>> (Guid id, PostCaseMessageDto input, CasesDb db,
                CaseConversationService conversation, CancellationToken ct) =>
            {
                var supportCase = await db.SupportCases.Include(c => c.StatusChanges).FirstOrDefaultAsync(c => c.Id == id, ct)
                                  ?? throw new EntityNotFoundException("SupportCase", id);
                var message = await conversation.PostAsync(supportCase, input, staff: true, ct);
                return TypedResults.Created($"/api/cases/{id}/messages/{message.Id}", message);
            })
            .RequirePermission(CasesPermissions.Manage)
            .WithSummary("Posts a public reply (e-mailed to the case's contact) or an internal note (isInternal: true). 400; 404; 409 CaseClosed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:guid}/attachments", async (Guid id, ISupportCaseAppService cases, CaseConversationService conversation, CancellationToken ct) =>
            {
                await cases.GetAsync(id, ct);
                return TypedResults.Ok(await conversation.GetAttachmentsAsync(id, staff: true, ct));
            })
            .WithSummary("Attachments (metadata), public and internal.");

        group.MapPost("/{id:guid}/attachments", async (Guid id, HttpRequest request, CasesDb db, CaseConversationService conversation, CancellationToken ct) =>
            {
                var supportCase = await db.SupportCases.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new EntityNotFoundException("SupportCase", id);
                var created = await UploadAsync(request, supportCase, conversation, staff: true, ct);
                return TypedResults.Created($"/api/cases/{id}/attachments/{created.Id}", created);
            })
            .RequirePermission(CasesPermissions.Manage)
            .WithSummary("Uploads an attachment (multipart/form-data: file, isInternal). 413 over Cases:MaxAttachmentBytes; 415 refused type; 409 CaseClosed.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, CaseConversationService conversation, CancellationToken ct) =>
            {
                var (a, path) = await conversation.OpenAttachmentAsync(id, attachmentId, staff: true, ct);
                return TypedResults.PhysicalFile(path, a.ContentType, a.FileName);
            })
            .WithSummary("Downloads an attachment.");

        MapSettings(endpoints);
        MapPortal(endpoints);
    }

    private static void MapSettings(IEndpointRouteBuilder endpoints)
    {
        var holidays = endpoints.MapGroup("/api/cases/holidays").WithTags("Cases").RequirePermission(CasesPermissions.Default);
        holidays.MapGet("/", async (int? year, IPublicHolidayAppService service, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(year ?? Timing.VietnamTime.Today(clock).Year, ct)))
            .WithSummary("The holiday calendar of a year (default: this year).");
        holidays.MapPost("/", async Task<Created<PublicHolidayDto>> (CreatePublicHolidayDto input, IPublicHolidayAppService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/cases/holidays/{created.Id}", created);
            })
            .RequirePermission(CasesPermissions.Settings)
            .WithSummary("Adds a holiday, day off or worked Saturday. 400; 409 DuplicateHoliday.");
        holidays.MapDelete("/{id:guid}", async (Guid id, IPublicHolidayAppService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(CasesPermissions.Settings)
            .WithSummary("Removes a calendar entry. 404 when unknown.");

        var coverage = endpoints.MapGroup("/api/cases/coverage").WithTags("Cases").RequirePermission(CasesPermissions.Default);
        coverage.MapGet("/", async (OfficerCoverageService service, CancellationToken ct) => TypedResults.Ok(await service.GetAllAsync(ct)))
            .WithSummary("Which communes each officer covers.");
        coverage.MapPut("/{officerId:guid}", async (Guid officerId, SetOfficerCoverageDto input, OfficerCoverageService service, CancellationToken ct) =>
                TypedResults.Ok(await service.SetAsync(officerId, input, ct)))
            .RequirePermission(CasesPermissions.Settings)
            .WithSummary("Replaces an officer's communes. 400 unknown officer or bad codes.");
    }

    private static void MapPortal(IEndpointRouteBuilder endpoints)
    {
        var portal = endpoints.MapGroup("/api/portal/cases").WithTags("Portal").RequirePermission(CasesPermissions.Portal);
        portal.MapGet("/", async (int? page, int? pageSize, PortalCaseService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(page ?? 1, pageSize ?? 20, ct)))
            .WithSummary("The caller's enterprise's cases, most recent first.");
        portal.MapGet("/{id:guid}", async (Guid id, PortalCaseService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithSummary("One of the caller's enterprise's cases; 404 for any other case.");
        portal.MapPost("/", async Task<Created<PortalCaseDto>> (OpenPortalCaseDto input, PortalCaseService service, CancellationToken ct) =>
            {
                var created = await service.OpenAsync(input, ct);
                return TypedResults.Created($"/api/portal/cases/{created.Id}", created);
            })
            .WithSummary("Opens a case for the caller's enterprise (channel Portal). 400 with field errors.");
        portal.MapGet("/{id:guid}/messages", async (Guid id, PortalCaseService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetMessagesAsync(id, ct)))
            .WithSummary("Public replies only (internal notes are never shown).");
        portal.MapPost("/{id:guid}/messages", async Task<Created<CaseMessageDto>> (Guid id, PostCaseMessageDto input, PortalCaseService service, CancellationToken ct) =>
            {
                var message = await service.ReplyAsync(id, input, ct);
                return TypedResults.Created($"/api/portal/cases/{id}/messages/{message.Id}", message);
            })
            .WithSummary("Replies (a case waiting for the enterprise resumes). 400; 404; 409 CaseClosed.");
        portal.MapPost("/{id:guid}/rating", async (Guid id, RateCaseDto input, PortalCaseService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RateAsync(id, input, ct)))
            .WithSummary("Rates the resolution 1–5. 400; 404; 409 CannotRate (not resolved, or already rated).");
        portal.MapGet("/{id:guid}/attachments", async (Guid id, PortalCaseService service, CaseConversationService conversation, CancellationToken ct) =>
            {
                await service.OwnAsync(id, track: false, ct);
                return TypedResults.Ok(await conversation.GetAttachmentsAsync(id, staff: false, ct));
            })
            .WithSummary("Public attachments.");
        portal.MapPost("/{id:guid}/attachments", async (Guid id, HttpRequest request, PortalCaseService service, CaseConversationService conversation, CancellationToken ct) =>
            {
                var supportCase = await service.OwnAsync(id, track: false, ct);
                var created = await UploadAsync(request, supportCase, conversation, staff: false, ct);
                return TypedResults.Created($"/api/portal/cases/{id}/attachments/{created.Id}", created);
            })
            .WithSummary("Uploads an attachment (multipart/form-data: file). 413; 415; 409 CaseClosed.");
        portal.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, PortalCaseService service,
                CaseConversationService conversation, CancellationToken ct) =>
            {
                await service.OwnAsync(id, track: false, ct);
                var (a, path) = await conversation.OpenAttachmentAsync(id, attachmentId, staff: false, ct);
                return TypedResults.PhysicalFile(path, a.ContentType, a.FileName);
            })
            .WithSummary("Downloads a public attachment; internal ones answer 404.");
    }

    /// <summary>Reads the multipart form (no antiforgery metadata: the API is called with bearer tokens) and stores the file.</summary>
    private static async Task<CaseAttachmentDto> UploadAsync(HttpRequest request, Domain.SupportCase supportCase, CaseConversationService conversation,
        bool staff, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw new BusinessException(CasesErrorCodes.AttachmentTypeNotAllowed, "Send the file as multipart/form-data with a 'file' part.", 415);
        }

        var form = await ReadFormAsync(request, ct);
        var file = form.Files.GetFile("file") ?? throw new InputValidationException(
            new Dictionary<string, string[]> { ["file"] = ["A 'file' part is required."] });
        var isInternal = bool.TryParse(form["isInternal"], out var i) && i;
        await using var stream = file.OpenReadStream();
        return await conversation.UploadAsync(supportCase, file.FileName, file.ContentType, file.Length, stream, isInternal, staff, ct);
    }

    /// <summary>
    /// Reads the multipart body, turning what a broken or hostile client sends into Problem Details instead of 500: a body
    /// over the server's request limit → 413 <see cref="CasesErrorCodes.AttachmentTooLarge"/>; a body cut off (IOException
    /// "Unexpected end of Stream"), more than 1,024 form values, a boundary over 128 characters or none, a header line
    /// over 16 KB (e.g. a 20,000-character file name) → 400 <see cref="ErrorCodes.MalformedRequest"/>. Only exceptions of
    /// the form reading are mapped here; a file store that fails later stays 503 (Core's handler).
    /// </summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge();
        }
        catch (Exception e) when ((e is InvalidDataException or BadHttpRequestException or IOException) && !ct.IsCancellationRequested)
        {
            throw new BusinessException(ErrorCodes.MalformedRequest, $"The multipart/form-data body could not be read: {e.Message}",
                StatusCodes.Status400BadRequest, new Dictionary<string, string[]> { ["file"] = [$"The upload is not a well-formed multipart/form-data body ({e.Message})."] });
        }

        static BusinessException TooLarge() =>
            new(CasesErrorCodes.AttachmentTooLarge, "The request body is over the server's upload limit; nothing was saved.", StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>Query-string shape of the list endpoint.</summary>
    internal sealed record CaseListQuery(CaseStatus? Status, Guid? EnterpriseId, CaseType? Type, CasePriority? Priority, Guid? AssigneeId,
        bool? Overdue, int? WardCode, Guid? CommunityVisitId, int? Page, int? PageSize)
    {
        public SupportCaseListFilterDto ToFilter() => new()
        {
            Status = Status,
            EnterpriseId = EnterpriseId,
            Type = Type,
            Priority = Priority,
            AssigneeId = AssigneeId,
            Overdue = Overdue,
            WardCode = WardCode,
            CommunityVisitId = CommunityVisitId,
            Page = Page ?? 1,
            PageSize = PageSize ?? 20,
        };
    }
}
