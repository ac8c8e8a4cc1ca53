using System.Text.Encodings.Web;
using System.Text.Unicode;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// What a template may use (documented in README "Outreach templates: placeholders"): <c>recipient.*</c> /
/// <c>contact.*</c> (name, position), <c>enterprise.*</c> (name, short_name, tax_code, ward, province), <c>trial.*</c>
/// (exists, platform, provider, start, end, status), <c>einvoice.*</c> (step, kind, provider), <c>campaign.name</c>,
/// <c>sender.name</c>, <c>sender.address</c>, <c>unsubscribe_url</c> and <c>language</c>. The positional values are
/// the old model's; the others default to empty.
/// </summary>
internal sealed record TemplateModel(string RecipientName, string EnterpriseName, string CampaignName, string SenderName,
    string SenderAddress, string UnsubscribeUrl)
{
    /// <summary>The variant's language, <c>vi</c> or <c>en</c>: dates and labels are written in it.</summary>
    public string Language { get; init; } = TemplateLanguages.Vietnamese;

    /// <summary>The contact's position, or null.</summary>
    public string? RecipientPosition { get; init; }

    /// <summary>The enterprise's facts, or null (then only <see cref="EnterpriseName"/> is known).</summary>
    public Enterprises.Contracts.EnterpriseMailMergeDto? Enterprise { get; init; }

    /// <summary>The trial quoted, or null (the <c>trial.*</c> values are then empty).</summary>
    public Trials.Contracts.TrialMailMergeDto? Trial { get; init; }

    /// <summary>The e-invoice adoption, or null (NotRegistered).</summary>
    public EInvoicing.Contracts.EInvoiceMailMergeDto? EInvoice { get; init; }

    /// <summary>Sample values for the trial render when a template is saved.</summary>
    public static TemplateModel Sample { get; } = new("Nguyễn Văn An", "Công ty TNHH Hùng Vương", "Thử mẫu", "Sở Khoa học và Công nghệ",
        "Phú Thọ", "https://example.invalid/api/outreach/unsubscribe?token=x")
    {
        RecipientPosition = "Giám đốc",
        Enterprise = new(Guid.Empty, "Công ty TNHH Hùng Vương", "Hùng Vương", "2600123456", "Phường Việt Trì", "Tỉnh Phú Thọ"),
        Trial = new(Guid.Empty, Guid.Empty, Guid.Empty, "MISA AMIS", "MISA", new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 4),
            Trials.Contracts.TrialStatus.Active),
        EInvoice = new(Guid.Empty, EInvoicing.Contracts.EInvoiceStep.Accepted, EInvoicing.Contracts.EInvoiceKind.WithCode, "VNPT"),
    };
}

/// <summary>A message rendered for one recipient.</summary>
internal sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// The three Scriban templates of one e-mail template, parsed once and rendered per recipient. In the HTML body every
/// value written by <c>{{ … }}</c> is HTML-escaped by the context (so a contact named <c>&lt;b&gt;</c> cannot inject
/// markup); literal template text is written as is. Undefined variables are errors (<c>StrictVariables</c>).
/// Advertising messages get the "[QC] " subject label and a footer naming the sender with an opt-out link
/// (Decree 91/2020/NĐ-CP); every message gets the footer's opt-out link.
/// </summary>
internal sealed class CompiledEmailTemplate
{
    /// <summary>Subject label of advertising e-mail (Decree 91/2020/NĐ-CP: labelled "QC" or "ADV").</summary>
    public const string AdvertisingLabel = "[QC] ";

    /// <summary>Escapes markup characters only; Vietnamese letters stay readable (WebUtility would turn "ú" into "&amp;#250;").</summary>
    internal static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Template _subject;
    private readonly Template _html;
    private readonly Template _text;
    private readonly CampaignPurpose _purpose;

    private readonly string _language;

    private CompiledEmailTemplate(Template subject, Template html, Template text, CampaignPurpose purpose, string language)
    {
        _subject = subject;
        _html = html;
        _text = text;
        _purpose = purpose;
        _language = language;
    }

    /// <summary>Parses the templates; the errors name the field (camelCase) and carry the line and column (1-based).</summary>
    /// <param name="subject">Subject template.</param>
    /// <param name="html">HTML body template.</param>
    /// <param name="text">Plain-text body template.</param>
    /// <param name="purpose">Service or advertising (label and footer).</param>
    /// <param name="errors">Field errors, empty on success.</param>
    /// <param name="language">The variant's language (<c>vi</c> or <c>en</c>): the language its values and footer are written in.</param>
    public static CompiledEmailTemplate? TryCompile(string subject, string html, string text, CampaignPurpose purpose,
        out Dictionary<string, List<string>> errors, string language = TemplateLanguages.Vietnamese)
    {
        errors = [];
        var s = Parse(subject, "subjectTemplate", errors);
        var h = Parse(html, "htmlTemplate", errors);
        var t = Parse(text, "textTemplate", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var compiled = new CompiledEmailTemplate(s, h, t, purpose, language);
        // Trial render with sample values: an unknown variable or a runtime error is reported now, not at send time.
        var sample = TemplateModel.Sample with { Language = language };
        Check(() => compiled.RenderPart(s, sample, html: false), "subjectTemplate", errors);
        Check(() => compiled.RenderPart(h, sample, html: true), "htmlTemplate", errors);
        Check(() => compiled.RenderPart(t, sample, html: false), "textTemplate", errors);
        return errors.Count > 0 ? null : compiled;
    }

    /// <summary>Renders for one recipient.</summary>
    /// <exception cref="ScriptRuntimeException">The template failed for these values.</exception>
    public RenderedEmail Render(TemplateModel model)
    {
        model = model with { Language = _language };
        var subject = RenderPart(_subject, model, html: false).Trim().ReplaceLineEndings(" ");
        var html = RenderPart(_html, model, html: true);
        var text = RenderPart(_text, model, html: false);
        if (_purpose == CampaignPurpose.Advertising && !subject.StartsWith("[QC]", StringComparison.OrdinalIgnoreCase))
        {
            subject = AdvertisingLabel + subject;
        }

        return new RenderedEmail(subject, AppendHtmlFooter(html, model), AppendTextFooter(text, model));
    }

    private string AppendHtmlFooter(string html, TemplateModel model)
    {
        Func<string, string> e = Html.Encode;
        var en = model.Language == TemplateLanguages.English;
        var address = string.IsNullOrWhiteSpace(model.SenderAddress) ? "" : $", {e(model.SenderAddress)}";
        var footer = en
            ? $"<hr/><p style=\"font-size:12px;color:#666\">This e-mail was sent by {e(model.SenderName)}{address}. To stop receiving " +
              (_purpose == CampaignPurpose.Advertising ? "advertising e-mails" : "these notices") +
              $", <a href=\"{e(model.UnsubscribeUrl)}\">click here to unsubscribe</a>.</p>"
            : $"<hr/><p style=\"font-size:12px;color:#666\">Thư này được gửi bởi {e(model.SenderName)}{address}. Nếu không muốn nhận " +
              (_purpose == CampaignPurpose.Advertising ? "thư quảng cáo" : "thư thông báo") +
              $" nữa, <a href=\"{e(model.UnsubscribeUrl)}\">bấm vào đây để hủy đăng ký</a>.</p>";
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at >= 0 ? html.Insert(at, footer) : html + footer;
    }

    private string AppendTextFooter(string text, TemplateModel model)
    {
        var address = string.IsNullOrWhiteSpace(model.SenderAddress) ? "" : ", " + model.SenderAddress;
        if (model.Language == TemplateLanguages.English)
        {
            var kind = _purpose == CampaignPurpose.Advertising ? "advertising e-mails" : "these notices";
            return text.TrimEnd() + "\n\n--\nThis e-mail was sent by " + model.SenderName + address
                   + $".\nUnsubscribe from {kind}: " + model.UnsubscribeUrl + "\n";
        }

        var what = _purpose == CampaignPurpose.Advertising ? "thư quảng cáo" : "thư thông báo";
        return text.TrimEnd() + "\n\n--\nThư này được gửi bởi " + model.SenderName + address
               + $".\nHủy đăng ký nhận {what}: " + model.UnsubscribeUrl + "\n";
    }

    private string RenderPart(Template template, TemplateModel model, bool html)
    {
        var context = html ? new HtmlEscapingTemplateContext() : new TemplateContext();
        context.StrictVariables = true;
        context.LoopLimit = 1000;
        context.PushGlobal(TemplatePlaceholders.Globals(model));
        return template.Render(context);
    }

    private static Template Parse(string source, string field, Dictionary<string, List<string>> errors)
    {
        var template = Template.Parse(source ?? string.Empty);
        if (UnclosedCodeBlock(source ?? string.Empty) is { } open)
        {
            // Scriban accepts a "{{" left open at the very end (the rest is read as code): "Hi {{ enterprise.name" would render
            // "Hi Công ty …". A template author means text there, so it is refused like any other syntax error.
            Add(errors, field, OutreachText.Get("Template.UnclosedCode", open.Line + 1, open.Column + 1));
        }
        else if (template.HasErrors)
        {
            foreach (var m in template.Messages.Where(m => m.Type == ParserMessageType.Error))
            {
                // Scriban's own text is English: a localized lead sentence, with the library's text kept as the detail.
                Add(errors, field, OutreachText.Get("Template.SyntaxError", m.Span.Start.Line + 1, m.Span.Start.Column + 1, m.Message));
            }
        }
        else
        {
            // Every member of a placeholder object is checked, in branches the trial render does not reach too.
            foreach (var (span, message) in TemplatePlaceholders.UnknownMembers(template.Page))
            {
                Add(errors, field, OutreachText.Get("Template.At", span.Start.Line + 1, span.Start.Column + 1, message));
            }
        }

        return template;
    }

    /// <summary>Where the last <c>{{</c> that no <c>}}</c> follows starts (0-based), or null when every code block is closed.</summary>
    internal static TextPosition? UnclosedCodeBlock(string source)
    {
        TextPosition? open = null;
        foreach (var token in new Lexer(source))
        {
            if (token.Type == TokenType.CodeEnter)
            {
                open = token.Start;
            }
            else if (token.Type == TokenType.CodeExit)
            {
                open = null;
            }
        }

        return open;
    }

    private static void Check(Action render, string field, Dictionary<string, List<string>> errors)
    {
        try
        {
            render();
        }
        catch (ScriptRuntimeException ex)
        {
            Add(errors, field, OutreachText.Get("Template.At", ex.Span.Start.Line + 1, ex.Span.Start.Column + 1, ex.OriginalMessage));
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Writes every expression value HTML-escaped; literal template text is written unchanged.</summary>
    private sealed class HtmlEscapingTemplateContext : TemplateContext
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (textAsObject is null)
            {
                return this;
            }

            if (textAsObject is RawHtml raw)
            {
                // The template opted out with {{ raw … }} / {{ … | raw }}: written as it is.
                return string.IsNullOrEmpty(raw.Value) ? this : Write(raw.Value);
            }

            var text = ObjectToString(textAsObject);
            return string.IsNullOrEmpty(text) ? this : Write(Html.Encode(text));
        }
    }
}
