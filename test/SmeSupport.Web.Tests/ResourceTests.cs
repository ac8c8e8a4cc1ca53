using System.Reflection;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace SmeSupport.Web.Tests;

/// <summary>Every UI string exists in Vietnamese and English, and the Vietnamese text is NFC.</summary>
public sealed class ResourceTests
{
    [Theory]
    [InlineData("WebUIResource")]
    [InlineData("CasesResource")]
    public void Vietnamese_and_English_resources_have_the_same_keys_and_no_empty_value(string resource)
    {
        var dir = typeof(ResourceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SmeSupportWebUIDir").Value!;
        var vi = Read(Path.Combine(dir, "Resources", resource + ".resx"));
        var en = Read(Path.Combine(dir, "Resources", resource + ".en.resx"));

        Assert.Empty(vi.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(vi.Keys));
        Assert.DoesNotContain(vi, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(en, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.All(vi, kv => Assert.True(kv.Value.IsNormalized(NormalizationForm.FormC), kv.Key));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
