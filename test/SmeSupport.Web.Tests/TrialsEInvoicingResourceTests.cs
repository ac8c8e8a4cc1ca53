using System.Reflection;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace SmeSupport.Web.Tests;

/// <summary>The trials and e-invoicing pages' strings exist in Vietnamese and English, and the Vietnamese text is NFC.</summary>
public sealed class TrialsEInvoicingResourceTests
{
    [Theory]
    [InlineData("TrialsResource")]
    [InlineData("EInvoicingResource")]
    public void Vietnamese_and_English_resources_have_the_same_keys_and_no_empty_value(string name)
    {
        var dir = typeof(TrialsEInvoicingResourceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SmeSupportWebUIDir").Value!;
        var vi = Read(Path.Combine(dir, "Resources", $"{name}.resx"));
        var en = Read(Path.Combine(dir, "Resources", $"{name}.en.resx"));

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
