using SmeSupport.Text;

namespace SmeSupport.Core.Tests.Text;

public enum Shape
{
    Circle = 1,
    Square = 2,
    Triangle = 3,
}

[Flags]
public enum Sides
{
    None = 0,
    Left = 1,
    Right = 2,
}

public class StrictEnumTests
{
    [Theory]
    [InlineData("Circle", Shape.Circle)]
    [InlineData("circle", Shape.Circle)]
    [InlineData("  SQUARE ", Shape.Square)]
    [InlineData("Triangle", Shape.Triangle)]
    public void One_defined_name_in_any_case_parses(string text, Shape expected)
    {
        Assert.True(StrictEnum.TryParse<Shape>(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("Circle,Square")]
    [InlineData("Circle, Square")]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    [InlineData("Hexagon")]
    [InlineData("Circle|Square")]
    public void Comma_lists_numbers_and_unknown_names_are_refused(string? text)
    {
        // Enum.TryParse would read "Circle,Square" as Triangle (1|2) and "3" as Triangle too.
        Assert.False(StrictEnum.TryParse<Shape>(text, out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void A_flags_enum_takes_a_list_of_defined_names_only()
    {
        Assert.True(StrictEnum.TryParse<Sides>("Left, right", out var both));
        Assert.Equal(Sides.Left | Sides.Right, both);
        Assert.False(StrictEnum.TryParse<Sides>("Left, Top", out _));
        Assert.False(StrictEnum.TryParse<Sides>("3", out _));
        Assert.True(StrictEnum.IsDefined(Sides.Left | Sides.Right));
        Assert.False(StrictEnum.IsDefined((Sides)4));
        Assert.False(StrictEnum.IsDefined((Shape)0));
    }
}
