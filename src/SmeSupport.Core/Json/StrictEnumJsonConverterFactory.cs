using System.Text.Json;
using System.Text.Json.Serialization;
using SmeSupport.Text;

namespace SmeSupport.Json;

/// <summary>
/// A strict replacement for <see cref="JsonStringEnumConverter"/> on API input: an enum value is read from a JSON string
/// holding exactly one defined member name (case-insensitive; see <see cref="StrictEnum"/>) or from a JSON number that is a
/// defined member. Comma-joined names (<c>"A, B"</c>), numbers written as strings (<c>"1"</c>) and undefined values are
/// refused with a <see cref="JsonException"/>, which the error handler answers as 400 naming the field. Written as the
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
            switch (reader.TokenType)
            {
                case JsonTokenType.String when StrictEnum.TryParse<TEnum>(reader.GetString(), out var named):
                    return named;
                case JsonTokenType.Number when reader.TryGetInt64(out var number):
                    var value = (TEnum)Enum.ToObject(typeof(TEnum), number);
                    if (StrictEnum.IsDefined(value) && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == number)
                    {
                        return value;
                    }

                    break;
            }

            // No message: System.Text.Json adds the path and "could not be converted", which the error handler names.
            throw new JsonException();
        }

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
            StrictEnum.TryParse<TEnum>(reader.GetString(), out var named) ? named : throw new JsonException();

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}
