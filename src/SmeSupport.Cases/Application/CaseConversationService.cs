using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Emailing;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Text;
using SmeSupport.Timing;

namespace SmeSupport.Cases.Application;

/// <summary>
/// The conversation on a case: public replies (seen by the enterprise; a staff reply is e-mailed to the case's contact
/// when that contact consented to service messages) and internal notes (staff only), and attachments stored as files
/// under <c>Cases:AttachmentsPath</c>. The caller decides the audience: <c>staff: false</c> (portal) never
/// sees or writes internal items.
/// </summary>
internal sealed class CaseConversationService(
    CasesDb db,
    IEnterpriseContactDirectory contacts,
    IEmailSender email,
    IOptions<CasesOptions> options,
    IHostEnvironment environment,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<CaseConversationService> logger)
{
    public async Task<IReadOnlyList<CaseMessageDto>> GetMessagesAsync(Guid caseId, bool staff, CancellationToken ct)
    {
        var query = db.Messages.AsNoTracking().Where(m => m.SupportCaseId == caseId);
        if (!staff)
        {
            query = query.Where(m => !m.IsInternal);
        }

        var rows = await query.ToListAsync(ct);
        return rows.OrderBy(m => m.PostedAt).ThenBy(m => m.Id).Select(m => staff ? ToDto(m) : ToDto(m) with { EmailNote = null }).ToList();
    }

    public async Task<CaseMessageDto> PostAsync(SupportCase supportCase, PostCaseMessageDto input, bool staff, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var body = CaseText.Lines(input.Body);
        if (body.Length == 0 || !CaseText.HasVisible(body))
        {
            errors.Add("body", "Body is required.");
        }
        else if (body.Length > SupportCaseMessage.BodyMaxLength)
        {
            errors.Add("body", $"Body must be at most {SupportCaseMessage.BodyMaxLength} characters.");
        }

        errors.ThrowIfAny();
        EnsureOpen(supportCase);

        var now = clock.GetUtcNow();
        var isInternal = staff && input.IsInternal == true;
        var message = new SupportCaseMessage
        {
            SupportCaseId = supportCase.Id,
            AuthorKind = staff ? MessageAuthorKind.Staff : MessageAuthorKind.Enterprise,
            AuthorId = currentUser.Id,
            IsInternal = isInternal,
            Body = body,
            PostedAt = now,
        };
        db.Messages.Add(message);
        supportCase.ActingUserId = currentUser.Id;
        if (staff && !isInternal)
        {
            supportCase.MarkResponded(now);
        }
        else if (!staff && supportCase.Status == CaseStatus.WaitingForEnterprise)
        {
            // The enterprise answered: the clock runs again.
            supportCase.MoveTo(CaseStatus.InProgress, now);
        }

        await db.SaveAsync(ct);

        if (staff && !isInternal)
        {
            await EmailContactAsync(supportCase, message, ct);
        }

        return staff ? ToDto(message) : ToDto(message) with { EmailNote = null };
    }

    public async Task<IReadOnlyList<CaseAttachmentDto>> GetAttachmentsAsync(Guid caseId, bool staff, CancellationToken ct)
    {
        var query = db.Attachments.AsNoTracking().Where(a => a.SupportCaseId == caseId);
        if (!staff)
        {
            query = query.Where(a => !a.IsInternal);
        }

        var rows = await query.ToListAsync(ct);
        return rows.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(ToDto).ToList();
    }

    /// <summary>Stores an upload: 413 over the size limit, 415 for a refused type or content that does not match it; 409 on a closed case.</summary>
    public async Task<CaseAttachmentDto> UploadAsync(SupportCase supportCase, string? fileName, string? contentType, long length, Stream content,
        bool isInternal, bool staff, CancellationToken ct)
    {
        var settings = options.Value;
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length is 0 or > SupportCaseAttachment.FileNameMaxLength)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["file"] = ["A file with a name of 1–255 characters is required."] });
        }

        EnsureOpen(supportCase);
        if (length > settings.MaxAttachmentBytes)
        {
            throw new BusinessException(CasesErrorCodes.AttachmentTooLarge,
                $"The file is {length} bytes; the limit is {settings.MaxAttachmentBytes} bytes.", 413);
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!settings.AllowedTypes.Contains(extension))
        {
            throw new BusinessException(CasesErrorCodes.AttachmentTypeNotAllowed,
                $"Files of type '{extension}' are not accepted; allowed: {string.Join(", ", settings.AllowedTypes)}.", 415);
        }

        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > settings.MaxAttachmentBytes)
        {
            throw new BusinessException(CasesErrorCodes.AttachmentTooLarge,
                $"The file is over the limit of {settings.MaxAttachmentBytes} bytes.", 413);
        }

        var bytes = buffer.ToArray();
        if (!AttachmentTypes.ContentMatches(extension, bytes))
        {
            throw new BusinessException(CasesErrorCodes.AttachmentTypeNotAllowed,
                $"The content of '{name}' is not a {extension} file.", 415);
        }

        var attachment = new SupportCaseAttachment
        {
            SupportCaseId = supportCase.Id,
            FileName = name,
            ContentType = AttachmentTypes.MimeType(extension),
            Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            IsInternal = staff && isInternal,
            AuthorKind = staff ? MessageAuthorKind.Staff : MessageAuthorKind.Enterprise,
            UploadedBy = currentUser.Id,
            UploadedAt = clock.GetUtcNow(),
        };
        var path = FilePath(supportCase.Id, attachment.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, ct);
        try
        {
            db.Attachments.Add(attachment);
            await db.SaveAsync(ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return ToDto(attachment);
    }

    /// <summary>The attachment and its file; 404 when unknown, of another case, or internal for a portal caller.</summary>
    public async Task<(CaseAttachmentDto Attachment, string Path)> OpenAttachmentAsync(Guid caseId, Guid attachmentId, bool staff, CancellationToken ct)
    {
        var row = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.SupportCaseId == caseId, ct);
        if (row is null || (!staff && row.IsInternal))
        {
            throw new EntityNotFoundException("Attachment", attachmentId);
        }

        var path = FilePath(caseId, attachmentId);
        if (!File.Exists(path))
        {
            throw new EntityNotFoundException("Attachment file", attachmentId);
        }

        return (ToDto(row), path);
    }

    private string FilePath(Guid caseId, Guid attachmentId) =>
        Path.Combine(Path.GetFullPath(options.Value.AttachmentsPath, environment.ContentRootPath), caseId.ToString("N"), attachmentId.ToString("N"));

    private static void EnsureOpen(SupportCase supportCase)
    {
        if (supportCase.Status == CaseStatus.Closed)
        {
            throw new ConflictException(CasesErrorCodes.CaseClosed, "The case is closed: nothing more can be added to it.");
        }
    }

    private async Task EmailContactAsync(SupportCase supportCase, SupportCaseMessage message, CancellationToken ct)
    {
        string? note = null;
        if (supportCase.ContactId is not { } contactId)
        {
            note = "The case has no contact.";
        }
        else
        {
            var contact = (await contacts.GetRecipientsAsync([contactId], ct)).FirstOrDefault(c => c.ContactId == contactId);
            if (contact is null)
            {
                note = "The contact no longer exists or has no e-mail address.";
            }
            else if (!contact.ServiceConsent)
            {
                note = "The contact has not consented to service messages (Law 91/2025/QH15).";
            }
            else
            {
                var results = await email.SendAsync(
                [
                    new EmailMessage
                    {
                        MessageId = $"case-reply-{message.Id:N}",
                        To = new EmailAddress(contact.Email, contact.FullName),
                        Subject = $"[Hỗ trợ #{supportCase.Id.ToString("N")[..8]}] {supportCase.Subject}",
                        TextBody = $"Kính gửi {contact.FullName},\n\n{message.Body}\n\n" +
                                   $"Trả lời lúc {VietnamTime.FormatDateTime(message.PostedAt)}. Theo dõi yêu cầu trên cổng doanh nghiệp.\n",
                        Categories = ["case-reply"],
                    },
                ], ct);
                if (results.Count > 0 && results[0].Accepted)
                {
                    message.EmailedAt = clock.GetUtcNow();
                }
                else
                {
                    note = $"The e-mail was not accepted: {(results.Count > 0 ? results[0].Error : "no result")}";
                    logger.LogWarning("Case reply {MessageId} not e-mailed: {Note}", message.Id, note);
                }
            }
        }

        message.EmailNote = note is null ? null : note[..Math.Min(note.Length, 500)];
        await db.SaveAsync(ct);
    }

    private static CaseMessageDto ToDto(SupportCaseMessage m) => new()
    {
        Id = m.Id, SupportCaseId = m.SupportCaseId, AuthorKind = m.AuthorKind, AuthorId = m.AuthorId, IsInternal = m.IsInternal,
        Body = m.Body, PostedAt = m.PostedAt, EmailedAt = m.EmailedAt, EmailNote = m.EmailNote,
    };

    private static CaseAttachmentDto ToDto(SupportCaseAttachment a) =>
        new(a.Id, a.SupportCaseId, a.FileName, a.ContentType, a.Size, a.IsInternal, a.UploadedAt);
}

/// <summary>Allowed attachment types: extension → MIME type and the file signature its content must start with.</summary>
internal static class AttachmentTypes
{
    private static readonly Dictionary<string, (string Mime, byte[][] Signatures)> Known = new()
    {
        [".pdf"] = ("application/pdf", [[0x25, 0x50, 0x44, 0x46, 0x2D]]),
        [".png"] = ("image/png", [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        [".jpg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".jpeg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [[0x50, 0x4B, 0x03, 0x04]]),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [[0x50, 0x4B, 0x03, 0x04]]),
        [".txt"] = ("text/plain", []),
        [".csv"] = ("text/csv", []),
    };

    public static string MimeType(string extension) => Known.TryGetValue(extension, out var k) ? k.Mime : "application/octet-stream";

    /// <summary>True when the content starts with the type's signature (text types: no NUL byte).</summary>
    public static bool ContentMatches(string extension, byte[] content)
    {
        if (!Known.TryGetValue(extension, out var known))
        {
            return true;
        }

        return known.Signatures.Length == 0
            ? Array.IndexOf(content, (byte)0) < 0
            : known.Signatures.Any(s => content.AsSpan().StartsWith(s));
    }
}
