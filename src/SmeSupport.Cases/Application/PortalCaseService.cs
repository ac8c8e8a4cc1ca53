using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Text;

namespace SmeSupport.Cases.Application;

/// <summary>
/// The enterprise portal's view of cases: only the caller's own enterprise (<see cref="ICurrentUser.EnterpriseId"/>);
/// another enterprise's case answers 404 as if it did not exist. Internal notes and attachments never appear.
/// </summary>
internal sealed class PortalCaseService(
    CasesDb db,
    IEnterpriseContactDirectory contacts,
    CaseConversationService conversation,
    CaseContactResolver contactResolver,
    ICurrentUser currentUser,
    TimeProvider clock) : IPortalCaseAppService
{
    private Guid EnterpriseId => currentUser.EnterpriseId ?? throw new ForbiddenException();

    public async Task<IReadOnlyList<CaseAttachmentDto>> GetAttachmentsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await OwnAsync(id, track: false, cancellationToken);
        return await conversation.GetAttachmentsAsync(id, staff: false, cancellationToken);
    }

    public async Task<CaseAttachmentDto> UploadAsync(Guid id, string? fileName, long length, Stream content, CancellationToken cancellationToken = default) =>
        await conversation.UploadAsync(await OwnAsync(id, track: false, cancellationToken), fileName, null, length, content, isInternal: false, staff: false,
            cancellationToken);

    public async Task<CaseAttachmentFile> OpenAttachmentAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await OwnAsync(id, track: false, cancellationToken);
        var (a, path) = await conversation.OpenAttachmentAsync(id, attachmentId, staff: false, cancellationToken);
        return new CaseAttachmentFile(a, path);
    }

    public async Task<PagedResultDto<PortalCaseDto>> GetListAsync(int page, int pageSize, CancellationToken ct)
    {
        Paging.Check(new PagedRequestDto { Page = page, PageSize = pageSize }, new FieldErrors()).ThrowIfAny();
        var enterpriseId = EnterpriseId;
        var query = db.SupportCases.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id).Skip(PagedRequestDto.SkipFor(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return new PagedResultDto<PortalCaseDto>(rows.Select(ToDto).ToList(), total);
    }

    public async Task<PortalCaseDto> GetAsync(Guid id, CancellationToken ct) => ToDto(await OwnAsync(id, track: false, ct));

    public async Task<PortalCaseDto> OpenAsync(OpenPortalCaseDto input, CancellationToken ct)
    {
        var enterpriseId = EnterpriseId;
        var errors = new FieldErrors();
        var subject = CaseText.Subject(input.Subject, SupportCase.SubjectMaxLength, errors);
        var description = CaseText.Optional(input.Description, SupportCase.DescriptionMaxLength, errors, "description", "Description");

        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            errors.Add("type", "Type is required.");
        }

        if (input.ContactId is { } contactId)
        {
            var found = await contacts.GetRecipientsAsync([contactId], ct);
            if (!found.Any(c => c.ContactId == contactId && c.EnterpriseId == enterpriseId))
            {
                errors.Add("contactId", "The contact is not a contact of your enterprise.");
            }
        }

        errors.ThrowIfAny();
        var contact = input.ContactId ?? await contactResolver.ResolveAsync(enterpriseId, currentUser.Email, ct);
        var supportCase = SupportCase.Open(enterpriseId, contact, subject, description, input.Type!.Value, CaseChannel.Portal,
            CasePriority.Normal, null, clock.GetUtcNow(), currentUser.Id);
        db.SupportCases.Add(supportCase);
        await db.SaveAsync(ct);
        return ToDto(supportCase);
    }

    public async Task<IReadOnlyList<CaseMessageDto>> GetMessagesAsync(Guid id, CancellationToken ct)
    {
        await OwnAsync(id, track: false, ct);
        return await conversation.GetMessagesAsync(id, staff: false, ct);
    }

    public async Task<CaseMessageDto> ReplyAsync(Guid id, PostCaseMessageDto input, CancellationToken ct) =>
        await conversation.PostAsync(await OwnAsync(id, track: true, ct), input with { IsInternal = false }, staff: false, ct);

    public async Task<PortalCaseDto> RateAsync(Guid id, RateCaseDto input, CancellationToken ct)
    {
        var supportCase = await OwnAsync(id, track: true, ct);
        var errors = new FieldErrors();
        if (input.Rating is not (>= 1 and <= 5))
        {
            errors.Add("rating", "Rating must be a whole number from 1 to 5.");
        }

        var comment = CaseText.Optional(input.Comment, 1000, errors, "comment", "Comment");

        errors.ThrowIfAny();
        supportCase.Rate(input.Rating!.Value, comment,
            clock.GetUtcNow());
        await db.SaveAsync(ct);
        return ToDto(supportCase);
    }

    /// <summary>The case when it belongs to the caller's enterprise; otherwise 404.</summary>
    public async Task<SupportCase> OwnAsync(Guid id, bool track, CancellationToken ct)
    {
        var enterpriseId = EnterpriseId;
        var query = track ? db.SupportCases.Include(c => c.StatusChanges) : db.SupportCases.AsNoTracking();
        return await query.FirstOrDefaultAsync(c => c.Id == id && c.EnterpriseId == enterpriseId, ct)
               ?? throw new EntityNotFoundException("SupportCase", id);
    }

    private static PortalCaseDto ToDto(SupportCase c) => new()
    {
        Id = c.Id, Subject = c.Subject, Description = c.Description, Type = c.Type, Channel = c.Channel, Status = c.Status,
        OpenedAt = c.OpenedAt, ResolvedAt = c.ResolvedAt, ClosedAt = c.ClosedAt, Rating = c.Rating,
    };
}
