using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Emailing;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Security;

namespace SmeSupport.Outreach.Application;

/// <summary>Sliding-hour count of test sends per user (one process; a restart forgets, which only allows more).</summary>
internal sealed class TestSendRateLimiter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Queue<DateTimeOffset>> _sends = new();

    /// <summary>Takes one send for the user; false when <see cref="TemplateTestSendLimits.PerUserPerHour"/> were taken in the last hour.</summary>
    public bool TryTake(Guid userId, out int remaining)
    {
        var now = clock.GetUtcNow();
        var queue = _sends.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() <= now.AddHours(-1))
            {
                queue.Dequeue();
            }

            if (queue.Count >= TemplateTestSendLimits.PerUserPerHour)
            {
                remaining = 0;
                return false;
            }

            queue.Enqueue(now);
            remaining = TemplateTestSendLimits.PerUserPerHour - queue.Count;
            return true;
        }
    }
}

/// <summary>Template read, update, preview and test send.</summary>
internal sealed class TemplateAppService(
    OutreachDb db,
    IEnterpriseMailMergeQuery enterprises,
    TemplateModelSource models,
    IEmailSender email,
    TestSendRateLimiter limiter,
    IOptions<OutreachOptions> options,
    ICurrentUser currentUser,
    ILogger<TemplateAppService> logger) : ITemplateAppService
{
    /// <summary>Name used when the enterprise has no contact with an address.</summary>
    public const string SampleRecipientName = "Nguyễn Văn An";

    public async Task<EmailTemplateDetailsDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Default);
        var t = await FindAsync(id, false, cancellationToken);
        return new EmailTemplateDetailsDto(EmailTemplateInput.ToDto(t), t.ConcurrencyStamp);
    }

    public async Task<EmailTemplateDetailsDto> UpdateAsync(Guid id, UpdateEmailTemplateDto input, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Manage);
        var t = await FindAsync(id, true, cancellationToken);
        EmailTemplateInput.Validate(input?.Template);
        var data = input!.Template!;
        if (input.ConcurrencyStamp is { Length: > 0 } stamp && stamp != t.ConcurrencyStamp)
        {
            throw new ConflictException(OutreachTemplateErrorCodes.TemplateChanged, "The template was changed by someone else; reload it.");
        }

        var name = data.Name!.Trim();
        if (await db.EmailTemplates.AnyAsync(x => x.Name == name && x.Id != id, cancellationToken))
        {
            throw new ConflictException(OutreachErrorCodes.DuplicateTemplateName, $"A template named '{name}' exists already.");
        }

        if (data.Purpose != t.Purpose && await db.Campaigns.AnyAsync(c => c.TemplateId == id, cancellationToken))
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["purpose"] = [OutreachText.Get("Template.PurposeInUse")],
            });
        }

        EmailTemplateInput.Apply(t, data);
        t.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await db.Context.SaveChangesAsync(cancellationToken);
        return new EmailTemplateDetailsDto(EmailTemplateInput.ToDto(t), t.ConcurrencyStamp);
    }

    public async Task<TemplatePreviewDto> PreviewAsync(Guid id, TemplatePreviewRequestDto input, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Default);
        var language = ReadInput(input?.EnterpriseId, input?.Language);
        var (rendered, used, contact, name) = await RenderAsync(id, input!.EnterpriseId!.Value, input.ContactId, language,
            options.Value.PublicBaseUrl.TrimEnd('/') + "/api/outreach/unsubscribe?token=preview", cancellationToken);
        return new TemplatePreviewDto(used, rendered.Subject, rendered.HtmlBody, rendered.TextBody, input.EnterpriseId.Value, contact, name);
    }

    public async Task<TemplateTestSendResultDto> TestSendAsync(Guid id, TemplateTestSendRequestDto input, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Manage);
        var language = ReadInput(input?.EnterpriseId, input?.Language) ?? TemplateLanguages.Vietnamese;
        var to = currentUser.Email?.Trim();
        if (currentUser.Id is not { } userId || string.IsNullOrEmpty(to) || !Delivery.EmailBatchRules.IsMailbox(to))
        {
            throw new BusinessException(OutreachTemplateErrorCodes.TestSendNoAddress, "Your account has no e-mail address to send the test to.");
        }

        // Render first (404s and broken templates cost no quota), then take the quota, then send.
        var (rendered, used, _, _) = await RenderAsync(id, input!.EnterpriseId!.Value, null, language,
            options.Value.PublicBaseUrl.TrimEnd('/') + "/api/outreach/unsubscribe?token=test", cancellationToken);
        if (!limiter.TryTake(userId, out var remaining))
        {
            throw new BusinessException(OutreachTemplateErrorCodes.TestSendRateLimited,
                $"At most {TemplateTestSendLimits.PerUserPerHour} test sends per hour; try again later.", StatusCodes.Status429TooManyRequests);
        }

        var message = new EmailMessage
        {
            MessageId = "test-" + Guid.CreateVersion7().ToString("N"),
            To = new EmailAddress(to),
            Subject = TemplateTestSendLimits.SubjectPrefix + rendered.Subject,
            TextBody = rendered.TextBody,
            HtmlBody = rendered.HtmlBody,
            Categories = ["outreach-test"],
            CustomArgs = new Dictionary<string, string> { ["template_id"] = id.ToString("N") },
        };
        var result = (await email.SendAsync([message], cancellationToken))[0];
        if (!result.Accepted)
        {
            logger.LogWarning("Test send of template {TemplateId} refused: {Status} {Error}", id, result.StatusCode, result.Error);
            throw new BusinessException(OutreachTemplateErrorCodes.TestSendFailed, "The e-mail provider did not accept the test message: " + result.Error,
                StatusCodes.Status502BadGateway);
        }

        logger.LogInformation("Test send of template {TemplateId} ({Language}) by user {UserId}", id, used, userId);
        return new TemplateTestSendResultDto(to, used, message.Subject, result.ProviderMessageId, remaining);
    }

    private async Task<(RenderedEmail Email, string Language, Guid? ContactId, string Name)> RenderAsync(Guid id, Guid enterpriseId, Guid? contactId,
        string? language, string unsubscribeUrl, CancellationToken cancellationToken)
    {
        var template = await FindAsync(id, false, cancellationToken);
        var facts = await models.LoadAsync([enterpriseId], null, cancellationToken);
        if (!facts.Enterprises.TryGetValue(enterpriseId, out var enterprise))
        {
            throw new EntityNotFoundException("Enterprise", enterpriseId);
        }

        var contacts = await enterprises.GetContactsAsync(enterpriseId, cancellationToken);
        ContactRecipientDto? contact = null;
        if (contactId is { } cid)
        {
            contact = contacts.FirstOrDefault(c => c.ContactId == cid) ?? throw new EntityNotFoundException("Contact", cid);
        }
        else
        {
            contact = contacts.Count > 0 ? contacts[0] : null;
        }

        var compiled = CompiledTemplateSet.TryCompile(template, out var errors)
                       ?? throw new InputValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), "The stored template has errors.");
        var used = compiled.LanguageFor(language ?? contact?.PreferredLanguage);
        var name = contact?.FullName ?? SampleRecipientName;
        var model = models.ModelFor(facts, enterpriseId, enterprise.Name, name, contact?.Position, "Xem trước", unsubscribeUrl, used);
        return (compiled.Render(model), used, contact?.ContactId, name);
    }

    private static string? ReadInput(Guid? enterpriseId, string? language)
    {
        var errors = new FieldErrors();
        if (enterpriseId is null || enterpriseId == Guid.Empty)
        {
            errors.Add("enterpriseId", OutreachText.Get("Template.ChooseEnterprise"));
        }

        var normalized = TemplateLanguages.Normalize(language);
        if (!string.IsNullOrWhiteSpace(language) && normalized is null)
        {
            errors.Add("language", OutreachText.Get("Template.LanguageInvalid"));
        }

        errors.ThrowIfAny();
        return normalized;
    }

    private async Task<EmailTemplate> FindAsync(Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = tracking ? db.EmailTemplates : db.EmailTemplates.AsNoTracking();
        return await query.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new EntityNotFoundException("EmailTemplate", id);
    }

    private void RequirePermission(string permission)
    {
        if (!currentUser.HasPermission(permission))
        {
            throw new ForbiddenException();
        }
    }
}
