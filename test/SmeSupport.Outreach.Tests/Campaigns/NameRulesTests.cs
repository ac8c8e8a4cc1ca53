using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>
/// Template, segment and campaign names are stored cleaned (NFC, zero-width removed), refused with bidirectional controls or when
/// nothing visible is left, and unique regardless of case and of composed / decomposed input.
/// </summary>
public sealed class NameRulesTests
{
    private const string Name = "Thư mời";

    public static TheoryData<string> SameNames => new()
    {
        Name.Normalize(NormalizationForm.FormD),
        Name + "\u200b",
        "THƯ MỜI",
        "  thư   mời ",
        "\ufeffThư\u200d mời",
    };

    public static TheoryData<string> BidiNames => new() { "Thư\u202Emời", "\u202AThư mời", "Thư mời\u2066", "\u2069Thư" };

    private static Task<EmailTemplateDto> CreateTemplate(OutreachHarness h, string name) =>
        h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().CreateTemplateAsync(new CreateEmailTemplateDto
        {
            Name = name, Purpose = CampaignPurpose.Service, SubjectTemplate = "Chào {{ enterprise.name }}",
            HtmlTemplate = "<p>Chào</p>", TextTemplate = "Chào",
        }));

    private static Task<SegmentDto> CreateSegment(OutreachHarness h, string name) =>
        h.InScopeAsync(sp => sp.GetRequiredService<ISegmentAppService>().CreateAsync(new CreateSegmentDto { Name = name, Rules = new SegmentRulesDto() }));

    private static Task<CampaignDto> CreateCampaign(OutreachHarness h, string name, Guid templateId) =>
        h.InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().CreateCampaignAsync(new CreateCampaignDto
        {
            Name = name, Purpose = CampaignPurpose.Service, TemplateId = templateId,
        }));

    [Theory]
    [MemberData(nameof(SameNames))]
    public async Task A_name_differing_only_in_case_composition_spacing_or_zero_width_characters_is_a_duplicate(string same)
    {
        using var h = new OutreachHarness();
        var template = await CreateTemplate(h, Name);
        await CreateSegment(h, Name);
        await CreateCampaign(h, Name, template.Id);

        var t = await Assert.ThrowsAsync<ConflictException>(() => CreateTemplate(h, same));
        var s = await Assert.ThrowsAsync<ConflictException>(() => CreateSegment(h, same));
        var c = await Assert.ThrowsAsync<ConflictException>(() => CreateCampaign(h, same, template.Id));

        Assert.Equal(OutreachErrorCodes.DuplicateTemplateName, t.Code);
        Assert.Equal(OutreachErrorCodes.DuplicateSegmentName, s.Code);
        Assert.Equal(OutreachErrorCodes.DuplicateCampaignName, c.Code);
        Assert.Single(await h.QueryAsync(db => db.EmailTemplates));
        Assert.Single(await h.QueryAsync(db => db.Segments));
        Assert.Single(await h.QueryAsync(db => db.Campaigns));
    }

    [Fact]
    public async Task Names_are_stored_in_NFC_without_zero_width_characters()
    {
        using var h = new OutreachHarness();
        var template = await CreateTemplate(h, " Thư\u200b mời ".Normalize(NormalizationForm.FormD));
        var segment = await CreateSegment(h, "Nhóm\u200b A".Normalize(NormalizationForm.FormD));
        var campaign = await CreateCampaign(h, "\ufeffChiến dịch ".Normalize(NormalizationForm.FormD), template.Id);

        Assert.Equal(Name, template.Name);
        Assert.Equal("Nhóm A", segment.Name);
        Assert.Equal("Chiến dịch", campaign.Name);
        Assert.True(template.Name.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [MemberData(nameof(BidiNames))]
    public async Task A_name_with_bidirectional_controls_is_400_on_name_and_nothing_is_stored(string name)
    {
        using var h = new OutreachHarness();
        var template = await CreateTemplate(h, "Mẫu hợp lệ");

        var t = await Assert.ThrowsAsync<InputValidationException>(() => CreateTemplate(h, name));
        var s = await Assert.ThrowsAsync<InputValidationException>(() => CreateSegment(h, name));
        var c = await Assert.ThrowsAsync<InputValidationException>(() => CreateCampaign(h, name, template.Id));

        Assert.All(new[] { t, s, c }, e => Assert.Equal(["name"], e.Errors.Keys));
        Assert.Single(await h.QueryAsync(db => db.EmailTemplates));
        Assert.Empty(await h.QueryAsync(db => db.Segments));
        Assert.Empty(await h.QueryAsync(db => db.Campaigns));
    }

    [Theory]
    [InlineData("\u200b")]
    [InlineData("  ")]
    [InlineData("\ufeff\u200c ")]
    public async Task A_name_of_only_invisible_characters_is_400_required_like_a_blank_one(string name)
    {
        using var h = new OutreachHarness();
        var template = await CreateTemplate(h, "Mẫu hợp lệ");

        var t = await Assert.ThrowsAsync<InputValidationException>(() => CreateTemplate(h, name));
        var s = await Assert.ThrowsAsync<InputValidationException>(() => CreateSegment(h, name));
        var c = await Assert.ThrowsAsync<InputValidationException>(() => CreateCampaign(h, name, template.Id));

        Assert.All(new[] { t, s, c }, e => Assert.Equal(["name"], e.Errors.Keys));
        Assert.Empty(await h.QueryAsync(db => db.Campaigns));
    }
}
