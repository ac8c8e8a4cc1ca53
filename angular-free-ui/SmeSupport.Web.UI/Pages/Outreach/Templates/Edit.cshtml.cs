using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach.Templates;

/// <summary>
/// Create or edit an e-mail template at <c>/Outreach/Templates/Edit[?id=…]</c>: both variants (Vietnamese required,
/// English optional), template errors shown under their field with line and column, the placeholder list, a preview
/// against a chosen enterprise (HTML shown in a sandboxed iframe, never in the page) and a test send to oneself.
/// Saving needs <see cref="OutreachPermissions.Manage"/>; preview needs <see cref="OutreachPermissions.Default"/>.
/// </summary>
[Authorize(Policy = OutreachPermissions.Default)]
public sealed class EditModel(
    ICampaignAppService campaigns,
    ITemplateAppService templates,
    IEnterpriseLookup enterprises,
    IAuthorizationService authorization,
    IErrorMessageLocalizer errorMessages) : PageModel
{
    /// <summary>The template being edited, or null for a new one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    /// <summary>The form.</summary>
    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    /// <summary>The enterprise chosen for the preview or test send.</summary>
    [BindProperty]
    public Guid? PreviewEnterpriseId { get; set; }

    /// <summary>The variant asked for the preview: empty (the recipient's), <c>vi</c> or <c>en</c>.</summary>
    [BindProperty]
    public string? PreviewLanguage { get; set; }

    /// <summary>Field errors by API field name (<c>subjectTemplate</c>, <c>htmlTemplateEn</c>, …).</summary>
    public Dictionary<string, string[]> FieldErrors { get; private set; } = [];

    /// <summary>The refusal's message, if any.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Enterprises for the preview picker.</summary>
    public IReadOnlyList<EnterpriseSummaryDto> Enterprises { get; private set; } = [];

    /// <summary>True when the user may save and test send.</summary>
    public bool CanManage { get; private set; }

    /// <summary>Loads the template (or a starting text for a new one).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            try
            {
                var details = await templates.GetAsync(id, cancellationToken);
                Input = TemplateInput.From(details.Template, details.ConcurrencyStamp);
            }
            catch (EntityNotFoundException)
            {
                return NotFound();
            }
        }
        else
        {
            Input = new TemplateInput
            {
                Purpose = CampaignPurpose.Service,
                SubjectTemplate = "{{ enterprise.name }}: ",
                HtmlTemplate = "<p>Kính gửi {{ recipient.name }},</p>\n<p></p>\n<p>Trân trọng,<br/>{{ sender.name }}</p>",
                TextTemplate = "Kính gửi {{ recipient.name }},\n\n\n\nTrân trọng,\n{{ sender.name }}\n",
            };
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Creates or updates the template; on refusal the form comes back with the errors under their fields.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var dto = Input.ToDto();
            if (Id is { } id)
            {
                await templates.UpdateAsync(id, new UpdateEmailTemplateDto { Template = dto, ConcurrencyStamp = Input.ConcurrencyStamp }, cancellationToken);
            }
            else
            {
                Id = (await campaigns.CreateTemplateAsync(dto, cancellationToken)).Id;
            }
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            FieldErrors = ex.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
            ErrorMessage = errorMessages.Localize(ex);
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = "Templates.Saved";
        return RedirectToPage("/Outreach/Templates/Edit", new { id = Id });
    }

    /// <summary>htmx: the saved template rendered for the chosen enterprise (partial <c>_Preview</c>).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        var result = new PreviewResult();
        try
        {
            result.Preview = await templates.PreviewAsync(Id ?? Guid.Empty, new TemplatePreviewRequestDto
            {
                EnterpriseId = PreviewEnterpriseId,
                Language = string.IsNullOrWhiteSpace(PreviewLanguage) ? null : PreviewLanguage,
            }, cancellationToken);
        }
        catch (BusinessException ex)
        {
            Describe(ex, result);
        }

        return Partial("_Preview", result);
    }

    /// <summary>htmx: sends the saved template to the signed-in user (partial <c>_Preview</c> with the outcome).</summary>
    public async Task<IActionResult> OnPostTestSendAsync(CancellationToken cancellationToken)
    {
        var result = new PreviewResult();
        try
        {
            result.Sent = await templates.TestSendAsync(Id ?? Guid.Empty, new TemplateTestSendRequestDto
            {
                EnterpriseId = PreviewEnterpriseId,
                Language = string.IsNullOrWhiteSpace(PreviewLanguage) ? null : PreviewLanguage,
            }, cancellationToken);
        }
        catch (BusinessException ex)
        {
            Describe(ex, result);
        }

        return Partial("_Preview", result);
    }

    /// <summary>The errors of one field, e.g. <c>htmlTemplate</c>.</summary>
    public IReadOnlyList<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var list) ? list : [];

    /// <summary>
    /// Field errors of the preview form go next to their field (<see cref="PreviewResult.FieldErrors"/>); any other error is
    /// the localized message alone, without the generic "one or more fields" lead or raw field keys.
    /// </summary>
    private void Describe(BusinessException ex, PreviewResult result)
    {
        if (ex.Errors.Count == 0)
        {
            result.Error = errorMessages.Localize(ex);
            return;
        }

        result.FieldErrors = ex.Errors;
        var others = ex.Errors.Where(e => !PreviewResult.FormFields.ContainsKey(e.Key)).SelectMany(e => e.Value).ToList();
        result.Error = others.Count > 0 ? string.Join(" ", others) : null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Enterprises = await enterprises.ListAsync(null, cancellationToken);
        CanManage = (await authorization.AuthorizeAsync(User, OutreachPermissions.Manage)).Succeeded;
    }

    /// <summary>The outcome of a preview or a test send, for the partial.</summary>
    public sealed class PreviewResult
    {
        /// <summary>The rendered template, when previewed.</summary>
        public TemplatePreviewDto? Preview { get; set; }

        /// <summary>The test send's outcome, when sent.</summary>
        public TemplateTestSendResultDto? Sent { get; set; }

        /// <summary>Why it failed, when not because of one of the form's fields (<see cref="FormFields"/>).</summary>
        public string? Error { get; set; }

        /// <summary>The field errors, by API field name (<c>enterpriseId</c>, <c>language</c>).</summary>
        public IReadOnlyDictionary<string, string[]> FieldErrors { get; set; } = new Dictionary<string, string[]>();

        /// <summary>The preview form's fields whose errors are shown next to the field, with the element id they go under.</summary>
        public static readonly IReadOnlyDictionary<string, string> FormFields = new Dictionary<string, string>
        {
            ["enterpriseId"] = "PreviewEnterpriseId",
            ["language"] = "PreviewLanguage",
        };

        /// <summary>The messages of one field, joined.</summary>
        public string? ErrorOf(string field) => FieldErrors.TryGetValue(field, out var list) && list.Length > 0 ? string.Join(" ", list) : null;
    }

    /// <summary>The template form (both variants).</summary>
    public sealed class TemplateInput
    {
        /// <summary>Name.</summary>
        public string? Name { get; set; }

        /// <summary>Purpose.</summary>
        public CampaignPurpose? Purpose { get; set; }

        /// <summary>Vietnamese subject.</summary>
        public string? SubjectTemplate { get; set; }

        /// <summary>Vietnamese HTML body.</summary>
        public string? HtmlTemplate { get; set; }

        /// <summary>Vietnamese text body.</summary>
        public string? TextTemplate { get; set; }

        /// <summary>English subject.</summary>
        public string? SubjectTemplateEn { get; set; }

        /// <summary>English HTML body.</summary>
        public string? HtmlTemplateEn { get; set; }

        /// <summary>English text body.</summary>
        public string? TextTemplateEn { get; set; }

        /// <summary>The stamp read.</summary>
        public string? ConcurrencyStamp { get; set; }

        /// <summary>The form of a stored template.</summary>
        public static TemplateInput From(EmailTemplateDto t, string stamp) => new()
        {
            Name = t.Name,
            Purpose = t.Purpose,
            SubjectTemplate = t.SubjectTemplate,
            HtmlTemplate = t.HtmlTemplate,
            TextTemplate = t.TextTemplate,
            SubjectTemplateEn = t.SubjectTemplateEn,
            HtmlTemplateEn = t.HtmlTemplateEn,
            TextTemplateEn = t.TextTemplateEn,
            ConcurrencyStamp = stamp,
        };

        /// <summary>The API input.</summary>
        public CreateEmailTemplateDto ToDto() => new()
        {
            Name = Name,
            Purpose = Purpose,
            SubjectTemplate = SubjectTemplate,
            HtmlTemplate = HtmlTemplate,
            TextTemplate = TextTemplate,
            SubjectTemplateEn = SubjectTemplateEn,
            HtmlTemplateEn = HtmlTemplateEn,
            TextTemplateEn = TextTemplateEn,
        };
    }
}
