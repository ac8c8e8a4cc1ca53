using SmeSupport.Errors;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

public sealed class TemplateTests
{
    private static readonly TemplateModel Model = new("<b>Nguyễn</b> & Co", "Công ty \"Hùng Vương\"", "Mời dự hội thảo",
        "Sở Khoa học và Công nghệ Phú Thọ", "Việt Trì", "https://x.example.vn/api/outreach/unsubscribe?token=a&b");

    private static CompiledEmailTemplate Compile(string subject, string html, string text, CampaignPurpose purpose = CampaignPurpose.Service)
    {
        var compiled = CompiledEmailTemplate.TryCompile(subject, html, text, purpose, out var errors);
        Assert.Empty(errors);
        return compiled!;
    }

    [Fact]
    public void Html_body_escapes_values_but_not_the_template_markup_and_text_body_does_not_escape()
    {
        var t = Compile("Chào {{ recipient.name }}", "<p>Chào {{ recipient.name }} – {{ enterprise.name }}</p>", "Chào {{ recipient.name }}");

        var r = t.Render(Model);

        Assert.StartsWith("<p>Chào &lt;b&gt;Nguyễn&lt;/b&gt; &amp; Co – Công ty &quot;Hùng Vương&quot;</p>", r.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("Chào <b>Nguyễn</b> & Co", r.TextBody, StringComparison.Ordinal);
        Assert.Equal("Chào <b>Nguyễn</b> & Co", r.Subject);
    }

    [Fact]
    public void Advertising_gets_the_QC_label_once_and_a_footer_naming_the_sender_with_the_opt_out_link()
    {
        var t = Compile("Ưu đãi nền tảng số", "<html><body><p>Nội dung</p></body></html>", "Nội dung", CampaignPurpose.Advertising);
        var labelled = Compile("[QC] Ưu đãi", "<p>x</p>", "x", CampaignPurpose.Advertising);

        var r = t.Render(Model);

        Assert.Equal("[QC] Ưu đãi nền tảng số", r.Subject);
        Assert.Equal("[QC] Ưu đãi", labelled.Render(Model).Subject);
        Assert.Contains("Sở Khoa học và Công nghệ Phú Thọ", r.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://x.example.vn/api/outreach/unsubscribe?token=a&amp;b\"", r.HtmlBody, StringComparison.Ordinal);
        Assert.EndsWith("</p></body></html>", r.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Sở Khoa học và Công nghệ Phú Thọ", r.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://x.example.vn/api/outreach/unsubscribe?token=a&b", r.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_messages_carry_no_QC_label()
    {
        var r = Compile("Nhắc lịch dùng thử", "<p>x</p>", "x").Render(Model);
        Assert.Equal("Nhắc lịch dùng thử", r.Subject);
    }

    [Fact]
    public void A_syntax_error_is_reported_with_field_line_and_column()
    {
        var compiled = CompiledEmailTemplate.TryCompile("Chào", "<p>\n  {{ if recipient.name }</p>", "ok", CampaignPurpose.Service, out var errors);

        Assert.Null(compiled);
        var message = Assert.Single(errors["htmlTemplate"].Take(1));
        Assert.StartsWith("Dòng 2, cột ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_leads_with_a_Vietnamese_sentence_and_keeps_Scribans_text_as_the_labelled_detail()
    {
        CompiledEmailTemplate.TryCompile("Chào {{ if }}", "<p>x</p>", "x", CampaignPurpose.Service, out var errors);

        var message = errors["subjectTemplate"][0];
        Assert.StartsWith("Dòng 1, cột ", message, StringComparison.Ordinal);
        Assert.Contains(": Lỗi cú pháp mẫu (chi tiết từ Scriban: ", message, StringComparison.Ordinal);
        Assert.Contains("Expecting", message, StringComparison.Ordinal);
        Assert.EndsWith(")", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_is_reported_when_the_template_is_saved()
    {
        CompiledEmailTemplate.TryCompile("Chào {{ khach_hang }}", "<p>x</p>", "x", CampaignPurpose.Service, out var errors);

        var message = Assert.Single(errors["subjectTemplate"]);
        Assert.StartsWith("Dòng 1, cột 9", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_bad_template_answers_field_errors_and_stores_nothing()
    {
        using var h = new OutreachHarness();
        var ex = await Assert.ThrowsAsync<InputValidationException>(() => h.InScopeAsync(sp =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ICampaignAppService>(sp)
                .CreateTemplateAsync(new CreateEmailTemplateDto
                {
                    Name = "Hỏng",
                    Purpose = CampaignPurpose.Service,
                    SubjectTemplate = "{{ for }}",
                    HtmlTemplate = "<p>ok</p>",
                    TextTemplate = "ok",
                })));

        Assert.Contains("subjectTemplate", ex.Errors.Keys);
        Assert.Empty(await h.QueryAsync(db => db.EmailTemplates));
    }
}
