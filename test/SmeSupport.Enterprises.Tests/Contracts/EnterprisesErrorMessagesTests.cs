using System.Globalization;
using System.Reflection;
using System.Resources;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Enterprises.Tests.Contracts;

/// <summary>Every error code of the module has its message in both resource files.</summary>
public sealed class EnterprisesErrorMessagesTests
{
    private static readonly ResourceManager Messages = new(typeof(EnterprisesErrorMessages));

    /// <summary>The values of the public constants of <see cref="EnterprisesErrorCodes"/>.</summary>
    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(EnterprisesErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            data.Add((string)field.GetRawConstantValue()!);
        }

        return data;
    }

    [Fact]
    public void There_are_29_codes() => Assert.Equal(29, Codes().Count);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_a_vietnamese_and_an_english_message_and_they_differ(string code)
    {
        Assert.StartsWith("SmeSupport:Enterprises:", code, StringComparison.Ordinal);
        var vi = Messages.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var en = Messages.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!;
        var viText = vi.GetString(code);
        var enText = en.GetString(code);
        Assert.False(string.IsNullOrWhiteSpace(viText), code + " vi");
        Assert.False(string.IsNullOrWhiteSpace(enText), code + " en");
        Assert.NotEqual(viText, enText);
    }

    [Fact]
    public void Every_part_of_the_english_file_is_in_the_vietnamese_file_and_the_reverse()
    {
        var vi = Messages.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var en = Messages.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!;
        static List<string> Keys(ResourceSet set) =>
            set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Keys(vi), Keys(en));
    }
}
