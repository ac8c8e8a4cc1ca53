namespace SmeSupport.Outreach.Contracts;

/// <summary>Error codes of e-mail template preview and test send (Problem Details <c>code</c>).</summary>
public static class OutreachTemplateErrorCodes
{
    /// <summary>
    /// More test sends than allowed in the window (429 with <c>Retry-After</c> and <c>retryAfter</c> in seconds):
    /// <see cref="TemplateTestSendLimits.PerUserPerHour"/> per user per sliding hour.
    /// </summary>
    public const string TestSendRateLimited = "SmeSupport:Outreach:TestSendRateLimited";

    /// <summary>The signed-in user has no e-mail address to send the test to (400).</summary>
    public const string TestSendNoAddress = "SmeSupport:Outreach:TestSendNoAddress";

    /// <summary>The e-mail provider refused the test message (502).</summary>
    public const string TestSendFailed = "SmeSupport:Outreach:TestSendFailed";

    /// <summary>The template was changed by someone else since it was read (409).</summary>
    public const string TemplateChanged = "SmeSupport:Outreach:TemplateChanged";
}

/// <summary>Limits of the test send.</summary>
public static class TemplateTestSendLimits
{
    /// <summary>Test sends one user may make in a sliding hour.</summary>
    public const int PerUserPerHour = 10;

    /// <summary>The subject prefix of a test message.</summary>
    public const string SubjectPrefix = "[TEST] ";
}

/// <summary>An e-mail template with both variants and its concurrency stamp.</summary>
/// <param name="Template">The template (Vietnamese and, when present, English parts).</param>
/// <param name="ConcurrencyStamp">Send it back on update; a stale stamp answers 409 <see cref="OutreachTemplateErrorCodes.TemplateChanged"/>.</param>
public sealed record EmailTemplateDetailsDto(EmailTemplateDto Template, string ConcurrencyStamp);

/// <summary>Input to update an e-mail template: the same fields as on create, plus the stamp read.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateEmailTemplateDto
{
    /// <summary>The fields (see <see cref="CreateEmailTemplateDto"/>). Required.</summary>
    public CreateEmailTemplateDto? Template { get; init; }

    /// <summary>The <see cref="EmailTemplateDetailsDto.ConcurrencyStamp"/> last read; null skips the check.</summary>
    public string? ConcurrencyStamp { get; init; }
}

/// <summary>Input of <c>POST /api/outreach/templates/{id}/preview</c>.</summary>
public sealed record TemplatePreviewRequestDto
{
    /// <summary>The enterprise whose facts fill the placeholders. Required; unknown or deleted answers 404.</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary>One of its contacts (name, position, language); null: its first contact with an address, else a sample name. Another enterprise's contact answers 404.</summary>
    public Guid? ContactId { get; init; }

    /// <summary><c>vi</c> or <c>en</c> to force a variant; null: the contact's language. A missing English variant falls back to Vietnamese.</summary>
    public string? Language { get; init; }
}

/// <summary>A template rendered for one enterprise (nothing stored, nothing sent).</summary>
/// <param name="Language">The variant rendered: <c>vi</c> or <c>en</c>.</param>
/// <param name="Subject">Subject (with the "[QC] " label for advertising).</param>
/// <param name="HtmlBody">HTML body with the footer; show it sandboxed (iframe <c>sandbox</c> + <c>srcdoc</c>), never inline.</param>
/// <param name="TextBody">Plain-text body with the footer.</param>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="ContactId">The contact used, or null.</param>
/// <param name="RecipientName">The name the placeholders used.</param>
public sealed record TemplatePreviewDto(string Language, string Subject, string HtmlBody, string TextBody, Guid EnterpriseId, Guid? ContactId,
    string RecipientName);

/// <summary>Input of <c>POST /api/outreach/templates/{id}/test-send</c>.</summary>
public sealed record TemplateTestSendRequestDto
{
    /// <summary>The enterprise whose facts fill the placeholders. Required; unknown answers 404.</summary>
    public Guid? EnterpriseId { get; init; }

    /// <summary><c>vi</c> or <c>en</c>; null: Vietnamese.</summary>
    public string? Language { get; init; }
}

/// <summary>What a test send did.</summary>
/// <param name="To">The signed-in user's own address it went to.</param>
/// <param name="Language">The variant sent.</param>
/// <param name="Subject">The subject sent (starts with "[TEST] ").</param>
/// <param name="ProviderMessageId">The provider's message id (or the file-outbox file name).</param>
/// <param name="RemainingThisHour">Test sends left to the user in the current hour.</param>
public sealed record TemplateTestSendResultDto(string To, string Language, string Subject, string? ProviderMessageId, int RemainingThisHour);

/// <summary>E-mail template reading, editing, preview and test send (HTTP API and Razor Pages).</summary>
public interface ITemplateAppService
{
    /// <summary>One template with its stamp.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id.</exception>
    Task<EmailTemplateDetailsDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Updates both variants after parsing and trial-rendering them (as on create).</summary>
    /// <exception cref="Errors.InputValidationException">Field errors, template errors with line and column; nothing changed.</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id.</exception>
    /// <exception cref="Errors.ConflictException"><see cref="OutreachErrorCodes.DuplicateTemplateName"/>, <see cref="OutreachTemplateErrorCodes.TemplateChanged"/>.</exception>
    Task<EmailTemplateDetailsDto> UpdateAsync(Guid id, UpdateEmailTemplateDto input, CancellationToken cancellationToken = default);

    /// <summary>Renders the template for an enterprise (and contact) as a campaign would; nothing stored or sent.</summary>
    /// <exception cref="Errors.InputValidationException">Missing enterprise, unknown language.</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown template, enterprise or contact (404).</exception>
    Task<TemplatePreviewDto> PreviewAsync(Guid id, TemplatePreviewRequestDto input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the template rendered for the enterprise to the signed-in user's own address, subject prefixed "[TEST] ",
    /// through the one <c>IEmailSender</c> (not the campaign outbox, never to a contact).
    /// </summary>
    /// <exception cref="Errors.BusinessException"><see cref="OutreachTemplateErrorCodes.TestSendRateLimited"/> (429 with
    /// <c>Retry-After</c>: <see cref="TemplateTestSendLimits.PerUserPerHour"/> per user in a sliding hour, counted from the
    /// database so restarts and other nodes share it), <see cref="OutreachTemplateErrorCodes.TestSendNoAddress"/> (400), <see cref="OutreachTemplateErrorCodes.TestSendFailed"/> (502).</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown template or enterprise (404).</exception>
    Task<TemplateTestSendResultDto> TestSendAsync(Guid id, TemplateTestSendRequestDto input, CancellationToken cancellationToken = default);
}
