using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>
/// Findings of the issue #6 walkthrough: a misspelled rule member, an unclosed <c>{{</c> at the end of a template part, and
/// English field messages in the Vietnamese API.
/// </summary>
public sealed class StrictInputApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    [Fact]
    public async Task A_misspelled_rule_member_is_400_naming_it_and_no_segment_is_saved()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var before = await client.GetFromJsonAsync<List<SegmentDto>>("/api/outreach/segments", Json);

        var saved = await client.PostAsJsonAsync("/api/outreach/segments",
            new { name = "typo-seg", rules = new { cohort = new[] { "KhongCo" }, communes = new[] { 1 } } }, Json);
        var preview = await client.PostAsJsonAsync("/api/outreach/segments/preview", new { cohort = new[] { "KhongCo" } }, Json);
        var topLevel = await client.PostAsJsonAsync("/api/outreach/segments", new { name = "typo-seg", rules = new { }, rule = 1 }, Json);
        var after = await client.GetFromJsonAsync<List<SegmentDto>>("/api/outreach/segments", Json);

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        var problem = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SmeSupport:MalformedRequest", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal("'cohort' không phải là một trường của yêu cầu này.", errors.GetProperty("rules.cohort")[0].GetString());

        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.True((await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("cohort", out _));
        Assert.Equal(HttpStatusCode.BadRequest, topLevel.StatusCode);
        Assert.True((await topLevel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("rule", out _));
        Assert.Equal(before!.Count, after!.Count);
        Assert.DoesNotContain(after, s => s.Name == "typo-seg");
    }

    [Theory]
    [InlineData("subjectTemplate", "Hi {{ enterprise.name", "Dòng 1, cột 4: '{{' chưa được đóng bằng '}}'.")]
    [InlineData("htmlTemplate", "<p>x</p>\n<p>{{ contact.name", "Dòng 2, cột 4: '{{' chưa được đóng bằng '}}'.")]
    [InlineData("textTemplate", "Chào {{ contact.name }}\n{{ enterprise.name", "Dòng 2, cột 1: '{{' chưa được đóng bằng '}}'.")]
    [InlineData("subjectTemplateEn", "Hello {{ enterprise.name", "Dòng 1, cột 7: '{{' chưa được đóng bằng '}}'.")]
    [InlineData("htmlTemplateEn", "<p>{{ contact.name", "Dòng 1, cột 4: '{{' chưa được đóng bằng '}}'.")]
    [InlineData("textTemplateEn", "Dear {{", "Dòng 1, cột 6: '{{' chưa được đóng bằng '}}'.")]
    public async Task An_unclosed_code_block_at_the_end_of_any_part_is_400_with_line_and_column(string field, string source, string expected)
    {
        var admin = await app.CreateAdminClientAsync();
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Mẫu chưa đóng " + field, ["purpose"] = "Service",
            ["subjectTemplate"] = "Chào", ["htmlTemplate"] = "<p>x</p>", ["textTemplate"] = "x",
        };
        if (field.EndsWith("En", StringComparison.Ordinal))
        {
            body["subjectTemplateEn"] = "Hello";
            body["htmlTemplateEn"] = "<p>x</p>";
            body["textTemplateEn"] = "x";
        }

        body[field] = source;
        var response = await admin.PostAsJsonAsync("/api/outreach/templates", body, Json);
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/outreach/templates?culture=en") { Content = JsonContent.Create(body) };
        var en = await admin.SendAsync(english);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(expected, errors.GetProperty(field)[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, en.StatusCode);
        var enMessage = (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Equal(expected.Replace("Dòng", "Line", StringComparison.Ordinal).Replace("cột", "column", StringComparison.Ordinal)
            .Replace("chưa được đóng bằng", "is not closed by", StringComparison.Ordinal), enMessage);
    }

    [Fact]
    public void A_closed_block_and_literal_braces_in_text_are_not_reported()
    {
        Assert.Null(CompiledEmailTemplate.UnclosedCodeBlock("Hi {{ enterprise.name }}"));
        Assert.Null(CompiledEmailTemplate.UnclosedCodeBlock("Giá 100 } đồng"));
        var open = CompiledEmailTemplate.UnclosedCodeBlock("a {{ x }} b\n c {{ y");
        Assert.Equal((1, 3), (open!.Value.Line, open.Value.Column));
    }

    [Fact]
    public async Task Campaign_and_segment_field_messages_are_Vietnamese_by_default_and_English_on_request()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var body = new { name = "", rules = new { trialEndsWithinDays = 1000 } };

        var vi = await client.PostAsJsonAsync("/api/outreach/segments", body, Json);
        var en = await client.PostAsJsonAsync("/api/outreach/segments?culture=en", body, Json);
        var past = await client.PostAsJsonAsync("/api/outreach/campaigns",
            new { name = "Quá khứ", purpose = "Service", templateId = Guid.NewGuid(), scheduledAtLocal = "2020-01-01T09:00:00" }, Json);

        var viErrors = (await vi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Bắt buộc.", viErrors.GetProperty("name")[0].GetString());
        var enErrors = (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Required.", enErrors.GetProperty("name")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var pastErrors = (await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Không có mẫu thư nào có mã này.", pastErrors.GetProperty("templateId")[0].GetString());
    }
}
