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

/// <summary>
/// Sliding-hour count of test sends per user, in the database (table OutreachTestSends): a restart does not reset it and
/// every node counts the same rows.
/// </summary>
/// <remarks>
/// A send first records its row, then counts the user's rows of the last hour, its own included; above the limit it
/// deletes its row and is refused. Of sends racing for the last slot, the one that counts last sees every row recorded
/// before it, so never more than the limit go out (at worst both are refused).
/// </remarks>
internal sealed class TestSendRateLimiter(OutreachDb db, TimeProvider clock)
{
    /// <summary>The length of the sliding window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>
    /// Takes one send of <paramref name="templateId"/> for <paramref name="userId"/>: Allowed with the sends left this hour,
    /// or refused with how long until the oldest send of the window leaves it (at least one second).
    /// </summary>
    public async Task<(bool Allowed, int Remaining, TimeSpan RetryAfter)> TryTakeAsync(Guid userId, Guid templateId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - Window;
        var row = new TemplateTestSend { UserId = userId, TemplateId = templateId, SentAt = now };
        db.TestSends.Add(row);
        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.Entry(row).State = EntityState.Detached;
        var taken = await db.TestSends.AsNoTracking().CountAsync(t => t.UserId == userId && t.SentAt > since, cancellationToken);
        if (taken <= TemplateTestSendLimits.PerUserPerHour)
        {
            return (true, TemplateTestSendLimits.PerUserPerHour - taken, TimeSpan.Zero);
        }

        await db.TestSends.Where(t => t.Id == row.Id).ExecuteDeleteAsync(CancellationToken.None);
        var kept = await db.TestSends.AsNoTracking().Where(t => t.UserId == userId && t.SentAt > since)
            .OrderBy(t => t.SentAt).Skip(Math.Max(0, taken - 1 - TemplateTestSendLimits.PerUserPerHour)).Select(t => t.SentAt)
            .FirstOrDefaultAsync(CancellationToken.None);
        var wait = kept + Window - now;
        return (false, 0, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
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

        var name = OutreachNames.Clean(data.Name);
        if (await OutreachNames.TakenAsync(db.EmailTemplates.Where(x => x.Id != id).Select(x => x.Name), name, cancellationToken))
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
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between the read and this write: the module's own 409, not the generic one.
            throw new ConflictException(OutreachTemplateErrorCodes.TemplateChanged, "The template was changed by someone else; reload it.");
        }

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
        var (allowed, remaining, retryAfter) = await limiter.TryTakeAsync(userId, id, cancellationToken);
        if (!allowed)
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            throw new BusinessException(OutreachTemplateErrorCodes.TestSendRateLimited,
                $"At most {TemplateTestSendLimits.PerUserPerHour} test sends per hour; try again in {seconds} s.", StatusCodes.Status429TooManyRequests)
            {
                RetryAfter = retryAfter,
                MessageArgs = [TemplateTestSendLimits.PerUserPerHour, new WaitDuration(seconds)],
            };
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
