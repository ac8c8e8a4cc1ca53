using System.Globalization;
using System.Text;

namespace SmeSupport.Text;

/// <summary>
/// Normalisation, search folding and alphabetical sort keys for Vietnamese text.
/// </summary>
/// <remarks>
/// <para>Input may arrive composed (NFC) or decomposed (NFD, e.g. from macOS); every helper here gives the same
/// result for both. Unicode decomposition does not turn <c>đ</c>/<c>Đ</c> into <c>d</c>/<c>D</c>, so they are mapped
/// explicitly (DOMAIN.md, "Vietnamese text").</para>
/// <para>Nothing here uses ICU's <c>vi-VN</c> collation: sort keys must be computed in .NET and compared by the
/// database as plain strings, and SQLite has no Vietnamese collation.</para>
/// <para>Ill-formed UTF-16 (an unpaired surrogate) is never an error here: each unpaired surrogate is replaced by
/// U+FFFD before normalisation, so these helpers do not throw on user input.</para>
/// </remarks>
public static class VietnameseText
{
    /// <summary>The Vietnamese alphabet (29 letters) with the Latin letters it lacks (f, j, w, z) in their ASCII places; primary order.</summary>
    private const string Alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

    /// <summary>ASCII punctuation and symbols, in ASCII order; they sort after the space and before digits.</summary>
    private const string AsciiSymbols = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Separates the primary (letters) and secondary (tones) levels of a sort key; lower than every primary weight.</summary>
    private const char LevelSeparator = '!';

    /// <summary>Weight of a space between words: after the level separator, before everything else.</summary>
    private const char SpaceWeight = '"';

    private const char SymbolBase = '#';

    private static readonly char DigitBase = (char)(SymbolBase + AsciiSymbols.Length);

    private static readonly char LetterBase = (char)(DigitBase + 10);

    /// <summary>
    /// Cleans text for storage and display: unicode NFC, trimmed, each run of white space (spaces, tabs, new lines,
    /// non-breaking spaces) collapsed to one ASCII space, and the invisible zero-width characters (U+200B zero-width space,
    /// U+200C/U+200D zero-width non-joiner/joiner, U+FEFF byte-order mark) removed. Bidirectional controls are not removed:
    /// refuse them with <see cref="ContainsBidiControl"/> before normalising.
    /// </summary>
    /// <param name="text">Any text, or <see langword="null"/>.</param>
    /// <returns>The normalised text; <see cref="string.Empty"/> for <see langword="null"/> or white space only.</returns>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var replaced = ReplaceLoneSurrogates(text);
        return CollapseWhiteSpace(IsSurelyComposed(replaced) ? replaced : replaced.Normalize(NormalizationForm.FormC));
    }

    /// <summary>
    /// True when <paramref name="text"/> is certainly already in NFC without asking ICU (which costs a call into native code per
    /// string, most of an import's time): every character is below U+0300 (ASCII, Latin-1 and Latin Extended-A/B, where Đ, Ơ and
    /// Ư are) or a precomposed letter of Latin Extended Additional (U+1E00–U+1EFF, the Vietnamese letters with tone marks). All of
    /// these are starters with NFC quick check "Yes", and a string of only such characters is NFC. Anything else (combining marks,
    /// other scripts) goes through <see cref="string.Normalize(NormalizationForm)"/>.
    /// </summary>
    private static bool IsSurelyComposed(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u0300' && c is < '\u1E00' or > '\u1EFF')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Folds text to a search key that ignores diacritics, case and spacing: "Nguyễn" → "nguyen", "Đông" → "dong",
    /// "  Hà   Nội " → "ha noi". Composed (NFC) and decomposed (NFD) input fold the same.
    /// </summary>
    /// <remarks>
    /// Steps: <see cref="Normalize"/>, decompose (NFD), remove combining marks, map <c>đ</c>, <c>Đ</c> (and the
    /// look-alike <c>Ð</c>, U+00D0, which is often typed for <c>Đ</c>) to <c>d</c>, lower-case (invariant culture), drop
    /// invisible format characters (soft hyphen, zero-width space), collapse white space again, and recompose (NFC).
    /// Store the folded form beside the original to search with <c>LIKE</c>/<c>=</c> in the database.
    /// </remarks>
    /// <param name="text">Any text, or <see langword="null"/>.</param>
    /// <returns>The search key; <see cref="string.Empty"/> for <see langword="null"/> or white space only.</returns>
    public static string Fold(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return string.Empty;
        }

        var decomposed = normalized.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is 'đ' or 'Đ' or 'Ð')
            {
                builder.Append('d');
                continue;
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Format:
                    continue;
                default:
                    builder.Append(char.ToLowerInvariant(c));
                    break;
            }
        }

        var collapsed = CollapseWhiteSpace(builder.ToString());
        return IsSurelyComposed(collapsed) ? collapsed : collapsed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Computes a sort key whose <b>ordinal</b> order (<see cref="string.CompareOrdinal(string, string)"/>, SQLite's
    /// default <c>BINARY</c> collation) is Vietnamese alphabetical order, so it can be stored in a column and used in
    /// <c>ORDER BY</c>.
    /// </summary>
    /// <remarks>
    /// <para><b>Primary level</b>, one key character per input character, compared first:
    /// letters in the order a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f, j, w, z in their ASCII
    /// places (f after ê, j after i, w after v, z after y); case is ignored. Before letters come, in this order: the
    /// space between words (so "An Bình" sorts before "Anh", syllable by syllable as in Vietnamese dictionaries), ASCII
    /// punctuation and symbols in ASCII order, then digits 0–9 (compared character by character, so "10" sorts before
    /// "9"). Any other character (letters of other scripts, non-ASCII symbols) sorts after all of these, by code point.
    /// Combining marks other than Vietnamese ones are ignored (ç sorts as c); control and format characters are ignored.</para>
    /// <para><b>Secondary level</b>, compared only when the primary levels are equal: the tone of each word (run of
    /// letters), in the order no tone &lt; huyền (à) &lt; hỏi (ả) &lt; ngã (ã) &lt; sắc (á) &lt; nặng (ạ). The tone belongs to
    /// the word, not to the letter that carries it, so the old and new tone placements ("hoà", "hòa") give the same key.</para>
    /// <para>The key is printable ASCII for Vietnamese and ASCII input. It is not meant to be read or shown. On SQL Server,
    /// store it in a column with a binary collation (e.g. <c>Latin1_General_100_BIN2</c>): a case-insensitive collation
    /// would reorder it. Keys that contain characters outside the Basic Multilingual Plane may order differently in
    /// UTF-16 (.NET) and UTF-8 (SQLite) relative to characters U+E000–U+FFFF; such text does not occur in Vietnamese names.</para>
    /// </remarks>
    /// <param name="text">Any text, or <see langword="null"/>.</param>
    /// <returns>The sort key; <see cref="string.Empty"/> for <see langword="null"/> or text with nothing to sort by.</returns>
    public static string SortKey(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return string.Empty;
        }

        var decomposed = normalized.Normalize(NormalizationForm.FormD);
        var primary = new StringBuilder(decomposed.Length);
        var secondary = new StringBuilder();
        var inWord = false;
        var wordTone = Tone.None;

        var i = 0;
        while (i < decomposed.Length)
        {
            var c = decomposed[i];
            var next = i + 1;
            if (IsCombiningMark(c))
            {
                // A mark with no base character (e.g. at the start of the text): nothing to attach it to.
                i = next;
                continue;
            }

            var marks = VietnameseMarks.None;
            var tone = Tone.None;
            while (next < decomposed.Length && IsCombiningMark(decomposed[next]))
            {
                ReadMark(decomposed[next], ref marks, ref tone);
                next++;
            }

            var letter = LetterIndex(c, marks);
            if (letter >= 0)
            {
                if (!inWord)
                {
                    inWord = true;
                    wordTone = Tone.None;
                }

                if (wordTone == Tone.None)
                {
                    wordTone = tone;
                }

                primary.Append((char)(LetterBase + letter));
            }
            else
            {
                if (inWord)
                {
                    secondary.Append((char)('0' + (int)wordTone));
                    inWord = false;
                }

                AppendOtherWeight(primary, c);
            }

            i = next;
        }

        if (inWord)
        {
            secondary.Append((char)('0' + (int)wordTone));
        }

        if (primary.Length == 0)
        {
            return string.Empty;
        }

        return primary.Append(LevelSeparator).Append(secondary).ToString();
    }

    /// <summary>
    /// Compares strings in Vietnamese alphabetical order, by ordinal comparison of their <see cref="SortKey"/>s.
    /// <see langword="null"/> sorts before every string; strings with equal keys (differing only in case, spacing,
    /// normalisation form, tone placement or ignored characters) compare equal.
    /// </summary>
    /// <remarks>It computes both keys on every call: to sort many items, compute each key once
    /// (<c>items.OrderBy(x =&gt; VietnameseText.SortKey(x.Name), StringComparer.Ordinal)</c>).</remarks>
    public static IComparer<string> Comparer { get; } = new SortKeyComparer();

    private static void AppendOtherWeight(StringBuilder primary, char c)
    {
        if (c == ' ')
        {
            primary.Append(SpaceWeight);
            return;
        }

        if (char.IsAsciiDigit(c))
        {
            primary.Append((char)(DigitBase + (c - '0')));
            return;
        }

        var symbol = AsciiSymbols.IndexOf(c, StringComparison.Ordinal);
        if (symbol >= 0)
        {
            primary.Append((char)(SymbolBase + symbol));
            return;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.Control or UnicodeCategory.Format)
        {
            return;
        }

        // Letters of other scripts and non-ASCII symbols: themselves (lower-cased), all above the ASCII weights.
        primary.Append(char.ToLowerInvariant(c));
    }

    /// <summary>Index in <see cref="Alphabet"/> of a base character with its Vietnamese letter marks, or -1.</summary>
    private static int LetterIndex(char c, VietnameseMarks marks)
    {
        var lower = c is 'Ð' ? 'đ' : char.ToLowerInvariant(c);
        if (lower is 'đ')
        {
            return Alphabet.IndexOf('đ', StringComparison.Ordinal);
        }

        if (!char.IsAsciiLetterLower(lower))
        {
            return -1;
        }

        var letter = lower switch
        {
            'a' when marks.HasFlag(VietnameseMarks.Breve) => 'ă',
            'a' when marks.HasFlag(VietnameseMarks.Circumflex) => 'â',
            'e' when marks.HasFlag(VietnameseMarks.Circumflex) => 'ê',
            'o' when marks.HasFlag(VietnameseMarks.Circumflex) => 'ô',
            'o' when marks.HasFlag(VietnameseMarks.Horn) => 'ơ',
            'u' when marks.HasFlag(VietnameseMarks.Horn) => 'ư',
            _ => lower,
        };
        return Alphabet.IndexOf(letter, StringComparison.Ordinal);
    }

    private static void ReadMark(char mark, ref VietnameseMarks marks, ref Tone tone)
    {
        switch (mark)
        {
            case '\u0306': marks |= VietnameseMarks.Breve; break;
            case '\u0302': marks |= VietnameseMarks.Circumflex; break;
            case '\u031B': marks |= VietnameseMarks.Horn; break;
            case '\u0300': SetTone(ref tone, Tone.Huyen); break;
            case '\u0309': SetTone(ref tone, Tone.Hoi); break;
            case '\u0303': SetTone(ref tone, Tone.Nga); break;
            case '\u0301': SetTone(ref tone, Tone.Sac); break;
            case '\u0323': SetTone(ref tone, Tone.Nang); break;
            default: break; // other marks (cedilla, diaeresis, …) do not change Vietnamese order
        }

        static void SetTone(ref Tone tone, Tone value)
        {
            if (tone == Tone.None)
            {
                tone = value;
            }
        }
    }

    private static bool IsCombiningMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark;

    /// <summary>
    /// True when <paramref name="text"/> holds a bidirectional embedding, override or isolate control (U+202A–U+202E,
    /// U+2066–U+2069): characters that reorder how the following text is shown ("Trojan Source", a U+202E that makes
    /// <c>gpj.exe</c> look like <c>exe.jpg</c>). Names and other single-line texts must refuse them (400 on the field).
    /// </summary>
    /// <param name="text">Any text, or <see langword="null"/>.</param>
    /// <returns>Whether a bidirectional control is present.</returns>
    public static bool ContainsBidiControl(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Zero-width characters removed by <see cref="Normalize"/>: U+200B–U+200D and U+FEFF.</summary>
    private static bool IsZeroWidth(char c) => c is (>= '\u200B' and <= '\u200D') or '\uFEFF';

    private static string CollapseWhiteSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsZeroWidth(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append('\uFFFD');
                continue;
            }

            builder?.Append(c);
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>Tones in Vietnamese dictionary order; the value is the secondary weight.</summary>
    private enum Tone
    {
        None = 0,
        Huyen = 1,
        Hoi = 2,
        Nga = 3,
        Sac = 4,
        Nang = 5,
    }

    [Flags]
    private enum VietnameseMarks
    {
        None = 0,
        Breve = 1,
        Circumflex = 2,
        Horn = 4,
    }

    private sealed class SortKeyComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            return string.CompareOrdinal(SortKey(x), SortKey(y));
        }
    }
}
