using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Persistence;
using SmeSupport.Errors;

namespace SmeSupport.Cases.Application;

/// <summary>The staff side of the conversation (<see cref="ICaseConversationAppService"/>) over <see cref="CaseConversationService"/>.</summary>
internal sealed class StaffConversationAppService(CasesDb db, CaseConversationService conversation) : ICaseConversationAppService
{
    public async Task<IReadOnlyList<CaseMessageDto>> GetMessagesAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await EnsureExistsAsync(caseId, cancellationToken);
        return await conversation.GetMessagesAsync(caseId, staff: true, cancellationToken);
    }

    public async Task<CaseMessageDto> PostAsync(Guid caseId, PostCaseMessageDto input, CancellationToken cancellationToken = default)
    {
        var supportCase = await db.SupportCases.Include(c => c.StatusChanges).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken)
                          ?? throw new EntityNotFoundException("SupportCase", caseId);
        return await conversation.PostAsync(supportCase, input, staff: true, cancellationToken);
    }

    public async Task<IReadOnlyList<CaseAttachmentDto>> GetAttachmentsAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await EnsureExistsAsync(caseId, cancellationToken);
        return await conversation.GetAttachmentsAsync(caseId, staff: true, cancellationToken);
    }

    public async Task<CaseAttachmentDto> UploadAsync(Guid caseId, string? fileName, long length, Stream content, bool isInternal,
        CancellationToken cancellationToken = default)
    {
        var supportCase = await db.SupportCases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken)
                          ?? throw new EntityNotFoundException("SupportCase", caseId);
        return await conversation.UploadAsync(supportCase, fileName, null, length, content, isInternal, staff: true, cancellationToken);
    }

    public async Task<CaseAttachmentFile> OpenAttachmentAsync(Guid caseId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var (a, path) = await conversation.OpenAttachmentAsync(caseId, attachmentId, staff: true, cancellationToken);
        return new CaseAttachmentFile(a, path);
    }

    private async Task EnsureExistsAsync(Guid caseId, CancellationToken ct)
    {
        if (!await db.SupportCases.AnyAsync(c => c.Id == caseId, ct))
        {
            throw new EntityNotFoundException("SupportCase", caseId);
        }
    }
}
