using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace SmeSupport.Web.Tests;

/// <summary>
/// The enterprise pages' resource pair (<c>EnterpriseUiResource</c>): the same keys in Vietnamese and English, no empty value,
/// Vietnamese in NFC, the same placeholders, and every key the pages name exists.
/// </summary>
public sealed partial class EnterpriseUiResourceTests
{
    private static readonly string Dir = typeof(EnterpriseUiResourceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SmeSupportWebUIDir").Value!;

    [Fact]
    public void Vietnamese_and_English_have_the_same_keys_and_placeholders()
    {
        var vi = Read(Path.Combine(Dir, "Resources", "EnterpriseUiResource.resx"));
        var en = Read(Path.Combine(Dir, "Resources", "EnterpriseUiResource.en.resx"));

        Assert.Empty(vi.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(vi.Keys));
        Assert.DoesNotContain(vi, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(en, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.All(vi, kv => Assert.True(kv.Value.IsNormalized(NormalizationForm.FormC), kv.Key));
        Assert.All(vi, kv => Assert.Equal(
            Placeholder().Matches(kv.Value).Select(m => m.Value).Order(),
            Placeholder().Matches(en[kv.Key]).Select(m => m.Value).Order()));
    }

    [Fact]
    public void Every_fixed_key_the_pages_use_exists()
    {
        var vi = Read(Path.Combine(Dir, "Resources", "EnterpriseUiResource.resx"));
        // Only the pages that use this resource: other areas name their own localizers E or localizer too.
        var pages = Directory.GetFiles(Path.Combine(Dir, "Pages"), "*.cs*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("EnterpriseUiResource", StringComparison.Ordinal));
        var used = pages.SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value)).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, key => Assert.True(vi.ContainsKey(key), $"{key} is used but not in EnterpriseUiResource.resx"));
    }

    [Fact]
    public void Timeline_details_of_other_modules_show_known_values_by_their_labels_in_both_languages()
    {
        var vi = Read(Path.Combine(Dir, "Resources", "EnterpriseUiResource.resx"));
        var en = Read(Path.Combine(Dir, "Resources", "EnterpriseUiResource.en.resx"));

        // Every value the e-invoice, case, e-mail and consent events put in their detail line (enum names, consent channels).
        string[] keys =
        [
            "Detail.EInvoice.Officer", "Detail.EInvoice.TaxOfficeFile", "Detail.EInvoice.Enterprise",
            "Detail.Case.Consultation", "Detail.Case.Training", "Detail.Case.TechnicalProblem", "Detail.Case.PlatformOnboarding",
            "Detail.Case.EInvoiceHelp", "Detail.Case.Other", "Detail.Case.Portal", "Detail.Case.Phone", "Detail.Case.Email", "Detail.Case.Visit",
            "Detail.Email.Service", "Detail.Email.Advertising",
            "Via.seed", "Via.Registration", "Via.PortalForm", "Via.PaperForm", "Via.Phone", "Via.Email", "Via.Import",
        ];
        Assert.All(keys, key => Assert.True(vi.ContainsKey(key) && en.ContainsKey(key), key));
        Assert.Equal("Cán bộ", vi["Detail.EInvoice.Officer"]);
        Assert.Equal("Tệp của cơ quan thuế", vi["Detail.EInvoice.TaxOfficeFile"]);
        Assert.Equal("Hỗ trợ hóa đơn điện tử", vi["Detail.Case.EInvoiceHelp"]);
        Assert.Equal("Cổng thông tin", vi["Detail.Case.Portal"]);
        Assert.Equal("Thông báo dịch vụ", vi["Detail.Email.Service"]);
        Assert.Equal("Tax-office file", en["Detail.EInvoice.TaxOfficeFile"]);

        // The timeline partial looks these up (and formats yyyy-MM-dd dates by culture) instead of showing the detail as stored.
        var timeline = File.ReadAllText(Path.Combine(Dir, "Pages", "Enterprises", "_Timeline.cshtml"));
        Assert.Contains("E.Or($\"Detail.{area}.{part}\", part)", timeline, StringComparison.Ordinal);
        Assert.Contains("E.Or($\"Via.{part}\", part)", timeline, StringComparison.Ordinal);
        Assert.Contains("date.ToString(\"d\", CultureInfo.CurrentCulture)", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("@e.Detail<", timeline, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    /// <summary>E["Key"], PortalText["Key"], localizer["Key"] and portalLocalizer["Key"] with a fixed key (no interpolation).</summary>
    [GeneratedRegex(@"\b(?:E|PortalText|portalLocalizer|localizer)\[""(?<key>(?:Portal|Filter|Timeline|Deleted|Audit|Register|Confirm|Consent|Contacts|Contact|Profile)\.[A-Za-z.]+)""")]
    private static partial Regex UsedKey();
}
