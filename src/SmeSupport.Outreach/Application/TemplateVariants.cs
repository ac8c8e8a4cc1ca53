using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// Both variants of a template, compiled: Vietnamese (always) and English (when the template has one). A recipient
/// gets the variant of their language, falling back to Vietnamese.
/// </summary>
internal sealed class CompiledTemplateSet
{
    private readonly CompiledEmailTemplate _vi;
    private readonly CompiledEmailTemplate? _en;

    private CompiledTemplateSet(CompiledEmailTemplate vi, CompiledEmailTemplate? en)
    {
        _vi = vi;
        _en = en;
    }

    /// <summary>True when the English variant exists.</summary>
    public bool HasEnglish => _en is not null;

    /// <summary>The variant a recipient of <paramref name="preferred"/> language gets: <c>en</c> only when asked for and present, else <c>vi</c>.</summary>
    public string LanguageFor(string? preferred) =>
        _en is not null && TemplateLanguages.Normalize(preferred) == TemplateLanguages.English ? TemplateLanguages.English : TemplateLanguages.Vietnamese;

    /// <summary>Renders the variant of <see cref="TemplateModel.Language"/> (which the caller set with <see cref="LanguageFor"/>).</summary>
    public RenderedEmail Render(TemplateModel model) =>
        model.Language == TemplateLanguages.English && _en is not null ? _en.Render(model) : _vi.Render(model with { Language = TemplateLanguages.Vietnamese });

    /// <summary>Compiles a stored template; the errors name the fields (English ones end in <c>En</c>).</summary>
    public static CompiledTemplateSet? TryCompile(EmailTemplate t, out Dictionary<string, List<string>> errors, CampaignPurpose? purpose = null) =>
        TryCompile(purpose ?? t.Purpose, t.SubjectTemplate, t.HtmlTemplate, t.TextTemplate, t.SubjectTemplateEn, t.HtmlTemplateEn, t.TextTemplateEn, out errors);

    /// <summary>Compiles both variants.</summary>
    public static CompiledTemplateSet? TryCompile(CampaignPurpose purpose, string subject, string html, string text, string? subjectEn, string? htmlEn,
        string? textEn, out Dictionary<string, List<string>> errors)
    {
        var vi = CompiledEmailTemplate.TryCompile(subject, html, text, purpose, out errors);
        CompiledEmailTemplate? en = null;
        if (subjectEn is not null && htmlEn is not null && textEn is not null)
        {
            en = CompiledEmailTemplate.TryCompile(subjectEn, htmlEn, textEn, purpose, out var enErrors, TemplateLanguages.English);
            foreach (var (field, messages) in enErrors)
            {
                errors[field + "En"] = messages;
            }
        }

        return vi is null || errors.Count > 0 ? null : new CompiledTemplateSet(vi, en);
    }
}

/// <summary>Checks the input of a template (create and update) and copies it onto the entity.</summary>
internal static class EmailTemplateInput
{
    /// <summary>Validates every field, parses and trial-renders both variants; throws with all the field errors.</summary>
    /// <exception cref="InputValidationException">Field errors (template errors carry "Line L, column C").</exception>
    public static void Validate(CreateEmailTemplateDto? input)
    {
        var errors = new FieldErrors();
        if (input is null)
        {
            errors.Add("template", OutreachText.Get("Field.Required"));
            errors.ThrowIfAny();
            return;
        }

        OutreachNames.Check(errors, "name", input.Name, EmailTemplate.NameMaxLength);
        if (input.Purpose is null || !Enum.IsDefined(input.Purpose.Value))
        {
            errors.Add("purpose", OutreachText.Get("Purpose.Invalid"));
        }

        Required(errors, "subjectTemplate", input.SubjectTemplate, EmailTemplate.SubjectMaxLength);
        SingleLine(errors, "subjectTemplate", input.SubjectTemplate);
        Required(errors, "htmlTemplate", input.HtmlTemplate, EmailTemplate.BodyMaxLength);
        Required(errors, "textTemplate", input.TextTemplate, EmailTemplate.BodyMaxLength);
        var english = HasEnglish(input);
        if (english)
        {
            Required(errors, "subjectTemplateEn", input.SubjectTemplateEn, EmailTemplate.SubjectMaxLength);
            SingleLine(errors, "subjectTemplateEn", input.SubjectTemplateEn);
            Required(errors, "htmlTemplateEn", input.HtmlTemplateEn, EmailTemplate.BodyMaxLength);
            Required(errors, "textTemplateEn", input.TextTemplateEn, EmailTemplate.BodyMaxLength);
        }

        if (errors.IsEmpty)
        {
            CompiledTemplateSet.TryCompile(input.Purpose!.Value, input.SubjectTemplate!, input.HtmlTemplate!, input.TextTemplate!,
                english ? input.SubjectTemplateEn : null, english ? input.HtmlTemplateEn : null, english ? input.TextTemplateEn : null,
                out var templateErrors);
            foreach (var (field, messages) in templateErrors)
            {
                messages.ForEach(m => errors.Add(field, m));
            }
        }

        errors.ThrowIfAny();
    }

    /// <summary>Copies validated input onto the entity (blank English parts: no English variant).</summary>
    public static void Apply(EmailTemplate template, CreateEmailTemplateDto input)
    {
        var english = HasEnglish(input);
        template.Name = OutreachNames.Clean(input.Name);
        template.Purpose = input.Purpose!.Value;
        template.SubjectTemplate = input.SubjectTemplate!;
        template.HtmlTemplate = input.HtmlTemplate!;
        template.TextTemplate = input.TextTemplate!;
        template.SubjectTemplateEn = english ? input.SubjectTemplateEn : null;
        template.HtmlTemplateEn = english ? input.HtmlTemplateEn : null;
        template.TextTemplateEn = english ? input.TextTemplateEn : null;
    }

    /// <summary>The DTO of a template.</summary>
    public static EmailTemplateDto ToDto(EmailTemplate t) => new(t.Id, t.Name, t.Purpose, t.SubjectTemplate, t.HtmlTemplate, t.TextTemplate,
        t.SubjectTemplateEn, t.HtmlTemplateEn, t.TextTemplateEn);

    private static bool HasEnglish(CreateEmailTemplateDto input) =>
        !string.IsNullOrWhiteSpace(input.SubjectTemplateEn) || !string.IsNullOrWhiteSpace(input.HtmlTemplateEn) || !string.IsNullOrWhiteSpace(input.TextTemplateEn);

    /// <summary>
    /// A subject is one header line (RFC 5322 §2.2): CR, LF, tab and every other control character (C0, DEL, C1) and the Unicode
    /// line/paragraph separators are refused, so no header (e.g. <c>Bcc:</c>) can be injected through the template.
    /// </summary>
    private static void SingleLine(FieldErrors errors, string field, string? value)
    {
        if (value is not null && !errors.Has(field) && value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            errors.Add(field, OutreachText.Get("Template.SubjectOneLine"));
        }
    }

    private static void Required(FieldErrors errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, OutreachText.Get("Field.Required"));
        }
        else if (value.Length > max)
        {
            errors.Add(field, OutreachText.Get("Field.MaxLength", max));
        }
    }
}
