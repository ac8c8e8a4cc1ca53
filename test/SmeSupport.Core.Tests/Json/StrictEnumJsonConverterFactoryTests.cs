using System.Text.Json;
using SmeSupport.Core.Tests.Text;
using SmeSupport.Json;

namespace SmeSupport.Core.Tests.Json;

public class StrictEnumJsonConverterFactoryTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new StrictEnumJsonConverterFactory() } };

    private sealed record Input(Shape? Shape, List<Shape>? Shapes);

    [Theory]
    [InlineData("""{"shape":"Square"}""", Shape.Square)]
    [InlineData("""{"shape":"square"}""", Shape.Square)]
    public void A_member_name_reads(string json, Shape expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<Input>(json, Options)!.Shape);

    [Theory]
    [InlineData("""{"shape":"Circle, Square"}""", "$.shape")]
    [InlineData("""{"shape":"Circle,Square"}""", "$.shape")]
    [InlineData("""{"shape":"3"}""", "$.shape")]
    [InlineData("""{"shape":3}""", "$.shape")]
    [InlineData("""{"shape":1}""", "$.shape")]
    [InlineData("""{"shape":99}""", "$.shape")]
    [InlineData("""{"shape":4294967297}""", "$.shape")]
    [InlineData("""{"shape":true}""", "$.shape")]
    [InlineData("""{"shapes":["Circle","Square, Triangle"]}""", "$.shapes[1]")]
    public void A_number_a_comma_list_a_number_string_or_an_undefined_value_throws_with_the_path_and_the_allowed_names(string json, string path)
    {
        var ex = Assert.Throws<EnumValueJsonException>(() => JsonSerializer.Deserialize<Input>(json, Options));
        Assert.Equal(path, ex.Path);
        Assert.Equal(typeof(Shape), ex.EnumType);
        Assert.Equal(Enum.GetNames<Shape>(), ex.AllowedNames);
    }

    [Fact]
    public void Writes_the_member_name_and_a_number_when_undefined()
    {
        Assert.Equal("""{"shape":"Triangle","shapes":["Circle"]}""", JsonSerializer.Serialize(new Input(Shape.Triangle, [Shape.Circle]), Options));
        Assert.Equal("""{"shape":7,"shapes":null}""", JsonSerializer.Serialize(new Input((Shape)7, null), Options));
        var map = JsonSerializer.Deserialize<Dictionary<Shape, int>>("""{"square":2}""", Options)!;
        Assert.Equal(2, map[Shape.Square]);
        Assert.Throws<EnumValueJsonException>(() => JsonSerializer.Deserialize<Dictionary<Shape, int>>("""{"Circle,Square":2}""", Options));
    }
}
