using System.Net;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Trials.Tests.Api;

/// <summary>The OpenAPI document reads as text: no C# XML-doc references leak into its summaries and descriptions.</summary>
public sealed class OpenApiDocumentTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task The_openapi_document_holds_no_xml_doc_references()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var leak in new[] { "cref", "T:SmeSupport", "M:SmeSupport", "P:SmeSupport", "F:SmeSupport", "<see ", "paramref" })
        {
            var at = text.IndexOf(leak, StringComparison.Ordinal);
            Assert.True(at < 0, $"'{leak}' in the document: …{(at < 0 ? "" : text.Substring(Math.Max(0, at - 120), Math.Min(240, text.Length - Math.Max(0, at - 120))))}…");
        }

        // Still a document with the module's paths and their summaries.
        var doc = JsonDocument.Parse(text).RootElement;
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/trials/{id}", out var trial));
        Assert.Equal("Reads one trial; 404 when unknown.", trial.GetProperty("get").GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData("""Throws <see cref="T:SmeSupport.Errors.ConflictException"/> when taken.""", "Throws ConflictException when taken.")]
    [InlineData("See T:SmeSupport.Trials.Contracts.TrialDto and M:SmeSupport.Trials.Contracts.ITrialAppService.GetAsync(System.Guid,System.Threading.CancellationToken).",
        "See TrialDto and GetAsync.")]
    [InlineData("""<see langword="null"/> when <paramref name="id"/> is unknown; <c>P:SmeSupport.X.Y.Name</c>.""", "null when id is unknown; Name.")]
    [InlineData("""Uses <see cref="P:SmeSupport.Trials.Contracts.TrialDto.EndDate">the end date</see>; code SmeSupport:Trials:X at 01:30.""",
        "Uses the end date; code SmeSupport:Trials:X at 01:30.")]
    public void Xml_doc_markup_becomes_text(string input, string expected) =>
        Assert.Equal(expected, SmeSupport.Host.OpenApiXmlDocCleanup.Clean(input));
}
