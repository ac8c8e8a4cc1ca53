using System.Text.Json;
using System.Text.Json.Serialization;
using SmeSupport.Text;

namespace SmeSupport.Json;

/// <summary>
/// A strict replacement for <see cref="JsonStringEnumConverter"/> on API input: an enum value is read from a JSON string
/// holding exactly one defined member name (case-insensitive; see <see cref="StrictEnum"/>). JSON numbers (<c>1</c>), comma-joined
/// names (<c>"A, B"</c>), numbers written as strings (<c>"1"</c>) and undefined names are refused with an
/// <see cref="EnumValueJsonException"/>, which the error handler answers as 400 naming the field and the allowed names. Written as the
/// member name (a number when the value is not defined).
/// </summary>
public sealed class StrictEnumJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc />
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert));

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && StrictEnum.TryParse<TEnum>(reader.GetString(), out var named))
            {
                return named;
            }

            // Numbers are refused too: "purpose": 1 would bind whatever member happens to be 1. The error handler names the field and
            // the allowed names.
            throw new EnumValueJsonException(typeof(TEnum), AllowedNames);
        }

        private static readonly IReadOnlyList<string> AllowedNames =
            Enum.GetValues<TEnum>().Where(StrictEnum.IsDefined).Select(v => v.ToString()).Distinct().ToArray();

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
        {
            if (StrictEnum.IsDefined(value))
            {
                writer.WriteStringValue(value.ToString());
            }
            else
            {
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            StrictEnum.TryParse<TEnum>(reader.GetString(), out var named) ? named : throw new EnumValueJsonException(typeof(TEnum), AllowedNames);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}

/// <summary>
/// A JSON value that is not one of an enum's member names (see <see cref="StrictEnumJsonConverterFactory"/>); the error handler
/// answers it as a 400 field error listing <see cref="AllowedNames"/>.
/// </summary>
public sealed class EnumValueJsonException : JsonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="enumType">The enum the value was read for.</param>
    /// <param name="allowedNames">Its member names a client may send.</param>
    public EnumValueJsonException(Type enumType, IReadOnlyList<string> allowedNames)
        : base($"The value is not one of the names of {enumType.Name}: {string.Join(", ", allowedNames)}.")
    {
        EnumType = enumType;
        AllowedNames = allowedNames;
    }

    /// <summary>The enum the value was read for.</summary>
    public Type EnumType { get; }

    /// <summary>The member names a client may send.</summary>
    public IReadOnlyList<string> AllowedNames { get; }
}
