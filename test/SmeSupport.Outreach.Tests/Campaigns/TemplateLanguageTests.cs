using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>Variants, placeholder values per language and the raw opt-out, without the host (the test-send limit: TestSendLimitApiTests).</summary>
public sealed class TemplateLanguageTests
{
    private static TemplateModel Model(string language) => new("Jane <b>Doe</b>", "ignored", "Chiến dịch", "Sở KH&CN", "Việt Trì",
        "https://x.example.vn/u?token=a")
    {
        Language = language,
        RecipientPosition = "CEO",
        Enterprise = new EnterpriseMailMergeDto(Guid.Empty, "Công ty A & B", "A&B", "2600000001", "Phường Việt Trì", "Tỉnh Phú Thọ"),
        Trial = new TrialMailMergeDto(Guid.Empty, Guid.Empty, Guid.Empty, "MISA AMIS", "MISA", new DateOnly(2026, 3, 5), new DateOnly(2026, 4, 30),
            TrialStatus.Completed),
        EInvoice = new EInvoiceMailMergeDto(Guid.Empty, EInvoiceStep.IssuingRegularly, EInvoiceKind.FromCashRegister, "Viettel"),
    };

    private static CompiledTemplateSet Compile(string html, string? htmlEn)
    {
        var set = CompiledTemplateSet.TryCompile(CampaignPurpose.Service, "S", html, "T", htmlEn is null ? null : "S", htmlEn, htmlEn is null ? null : "T",
            out var errors);
        Assert.Empty(errors);
        return set!;
    }

    [Fact]
    public void Values_are_escaped_in_html_unless_the_template_writes_raw()
    {
        var set = Compile("<p>{{ contact.name }}|{{ raw contact.name }}|{{ enterprise.name | raw }}|{{ enterprise.short_name }}</p>", null);

        var html = set.Render(Model("vi")).HtmlBody;

        Assert.StartsWith("<p>Jane &lt;b&gt;Doe&lt;/b&gt;|Jane <b>Doe</b>|Công ty A & B|A&amp;B</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vi", "05/03/2026|30/04/2026|Đã kết thúc|Phát hành hóa đơn thường xuyên|Khởi tạo từ máy tính tiền|Viettel")]
    [InlineData("en", "5 Mar 2026|30 Apr 2026|Completed|Issuing regularly|From cash register|Viettel")]
    public void Dates_and_labels_follow_the_variants_language(string language, string expected)
    {
        var set = Compile("<p>x</p>", "<p>x</p>");
        var template = CompiledEmailTemplate.TryCompile(
            "{{ trial.start }}|{{ trial.end }}|{{ trial.status }}|{{ einvoice.step }}|{{ einvoice.kind }}|{{ einvoice.provider }}", "x", "x",
            CampaignPurpose.Service, out var errors, language);

        Assert.Empty(errors);
        Assert.Equal(expected, template!.Render(Model(language)).Subject);
        Assert.Equal(language, set.LanguageFor(language.ToUpperInvariant()));
    }

    [Fact]
    public void An_English_contact_gets_Vietnamese_when_there_is_no_English_variant_and_unknown_languages_fall_back_too()
    {
        var viOnly = Compile("<p>vi</p>", null);
        var both = Compile("<p>vi</p>", "<p>en</p>");

        Assert.Equal("vi", viOnly.LanguageFor("en"));
        Assert.Equal("en", both.LanguageFor("en"));
        Assert.Equal("vi", both.LanguageFor("fr"));
        Assert.Equal("vi", both.LanguageFor(null));
        Assert.StartsWith("<p>en</p>", both.Render(Model("en")).HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<p>vi</p>", viOnly.Render(Model("en")).HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Thư này được gửi bởi", viOnly.Render(Model("en")).TextBody, StringComparison.Ordinal);
    }
}
