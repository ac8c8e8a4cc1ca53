using System.Collections.Frozen;
using System.Globalization;

namespace SmeSupport.Text;

/// <summary>
/// Strict enum parsing for client input. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> also accepts
/// comma-joined names (<c>"SingleMemberLlc,MultiMemberLlc"</c> becomes the bitwise OR, i.e. another member),
/// numbers written as text and undefined numbers; this accepts exactly one defined member name, case-insensitive.
/// For a <see cref="FlagsAttribute"/> enum, a comma-separated list of defined names is its documented form and is accepted.
/// </summary>
public static class StrictEnum
{
    /// <summary>
    /// Parses <paramref name="text"/> as one defined name of <typeparamref name="TEnum"/> (ignoring case and
    /// surrounding white space). False for null, empty, numbers, comma lists (unless a flags enum) and unknown names.
    /// </summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.TryParse(text, out value);

    /// <summary>True when <paramref name="value"/> is a defined member (for a flags enum: a combination of defined flags).</summary>
    public static bool IsDefined<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.IsDefined(value);

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<string, TEnum> ByName =
            Enum.GetNames<TEnum>().ToFrozenDictionary(n => n, n => Enum.Parse<TEnum>(n), StringComparer.OrdinalIgnoreCase);

        private static readonly bool Flags = typeof(TEnum).IsDefined(typeof(FlagsAttribute), false);

        private static readonly ulong AllFlags = Enum.GetValues<TEnum>().Aggregate(0UL, (a, v) => a | ToUInt64(v));

        public static bool TryParse(string? text, out TEnum value)
        {
            value = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            if (!Flags)
            {
                return ByName.TryGetValue(text.Trim(), out value);
            }

            ulong bits = 0;
            foreach (var part in text.Split(','))
            {
                if (!ByName.TryGetValue(part.Trim(), out var one))
                {
                    return false;
                }

                bits |= ToUInt64(one);
            }

            value = (TEnum)Enum.ToObject(typeof(TEnum), bits);
            return true;
        }

        public static bool IsDefined(TEnum value) =>
            Flags ? (ToUInt64(value) & ~AllFlags) == 0 : Enum.IsDefined(value);

        private static ulong ToUInt64(TEnum v) => unchecked((ulong)Convert.ToInt64(v, CultureInfo.InvariantCulture));
    }
}
