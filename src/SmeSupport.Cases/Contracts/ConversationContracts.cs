using SmeSupport.Application;

namespace SmeSupport.Cases.Contracts;

/// <summary>An attachment ready to be sent: its metadata and the file holding its bytes.</summary>
/// <param name="Attachment">Metadata.</param>
/// <param name="Path">Full path of the file under <c>Cases:AttachmentsPath</c>.</param>
public sealed record CaseAttachmentFile(CaseAttachmentDto Attachment, string Path);

/// <summary>The staff side of a case's conversation (public replies, internal notes, attachments), as the API and the UI use it.</summary>
public interface ICaseConversationAppService
{
    /// <summary>Public replies and internal notes, oldest first. 404 for an unknown case.</summary>
    Task<IReadOnlyList<CaseMessageDto>> GetMessagesAsync(Guid caseId, CancellationToken cancellationToken = default);

    /// <summary>Posts a public reply (e-mailed to the contact) or an internal note. 400; 404; 409 <see cref="CasesErrorCodes.CaseClosed"/>.</summary>
    Task<CaseMessageDto> PostAsync(Guid caseId, PostCaseMessageDto input, CancellationToken cancellationToken = default);

    /// <summary>Attachments (public and internal), oldest first. 404 for an unknown case.</summary>
    Task<IReadOnlyList<CaseAttachmentDto>> GetAttachmentsAsync(Guid caseId, CancellationToken cancellationToken = default);

    /// <summary>Stores an attachment. 400 no file name; 404; 409 closed; 413 over <c>Cases:MaxAttachmentBytes</c>; 415 refused type.</summary>
    Task<CaseAttachmentDto> UploadAsync(Guid caseId, string? fileName, long length, Stream content, bool isInternal, CancellationToken cancellationToken = default);

    /// <summary>An attachment's file. 404 when unknown or of another case.</summary>
    Task<CaseAttachmentFile> OpenAttachmentAsync(Guid caseId, Guid attachmentId, CancellationToken cancellationToken = default);
}

/// <summary>The enterprise portal's cases: only the signed-in enterprise user's own enterprise; any other case answers 404; internal items never appear.</summary>
public interface IPortalCaseAppService
{
    /// <summary>The enterprise's cases, most recent first. 400 bad paging.</summary>
    Task<PagedResultDto<PortalCaseDto>> GetListAsync(int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>One own case. 404 otherwise.</summary>
    Task<PortalCaseDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Opens a case (channel Portal). 400 with field errors.</summary>
    Task<PortalCaseDto> OpenAsync(OpenPortalCaseDto input, CancellationToken cancellationToken = default);

    /// <summary>Public replies only, oldest first. 404.</summary>
    Task<IReadOnlyList<CaseMessageDto>> GetMessagesAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Replies (always public). 400; 404; 409 closed.</summary>
    Task<CaseMessageDto> ReplyAsync(Guid id, PostCaseMessageDto input, CancellationToken cancellationToken = default);

    /// <summary>Rates the resolution 1–5. 400; 404; 409 <see cref="CasesErrorCodes.CannotRate"/>.</summary>
    Task<PortalCaseDto> RateAsync(Guid id, RateCaseDto input, CancellationToken cancellationToken = default);

    /// <summary>Public attachments. 404.</summary>
    Task<IReadOnlyList<CaseAttachmentDto>> GetAttachmentsAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Uploads a public attachment. 404; 409; 413; 415.</summary>
    Task<CaseAttachmentDto> UploadAsync(Guid id, string? fileName, long length, Stream content, CancellationToken cancellationToken = default);

    /// <summary>A public attachment's file; internal ones answer 404.</summary>
    Task<CaseAttachmentFile> OpenAttachmentAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken = default);
}
