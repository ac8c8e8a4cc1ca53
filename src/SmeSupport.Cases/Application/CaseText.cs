using System.Globalization;
using System.Text;
using SmeSupport.Errors;
using SmeSupport.Text;

namespace SmeSupport.Cases.Application;

/// <summary>
/// How the Cases module cleans the texts it stores. Subjects are one line (<see cref="VietnameseText.Normalize"/>:
/// NFC, white space collapsed); descriptions, messages and notes keep their line breaks, each line normalized, at most
/// one empty line in a row. Lengths are checked <em>after</em> normalization, because NFC can make text longer
/// (e.g. U+0958 becomes U+0915 U+093C).
/// </summary>
internal static class CaseText
{
    /// <summary>The normalized one-line text, or empty.</summary>
    public static string Line(string? text) => VietnameseText.Normalize(text);

    /// <summary>The normalized multi-line text (lines joined with <c>\n</c>), or empty.</summary>
    public static string Lines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n'))
        {
            var line = VietnameseText.Normalize(raw);
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blank > 0 ? "\n\n" : "\n");
            }

            result.Append(line);
            blank = 0;
        }

        return result.ToString();
    }

    /// <summary>True when the text has at least one visible character (not white space, control or format such as zero-width space).</summary>
    public static bool HasVisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (!Rune.IsWhiteSpace(rune) && category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Cleans a required one-line subject and adds a field error when it is empty, invisible or over
    /// <paramref name="maxLength"/> after normalization. Returns the cleaned subject (empty when refused).
    /// </summary>
    public static string Subject(string? input, int maxLength, FieldErrors errors, string field = "subject")
    {
        var subject = Line(input);
        if (subject.Length == 0 || !HasVisible(subject))
        {
            errors.Add(field, "Subject is required (it has no visible characters).");
            return string.Empty;
        }

        if (subject.Length > maxLength)
        {
            errors.Add(field, $"Subject must be at most {maxLength} characters (after Unicode normalization it has {subject.Length}).");
            return string.Empty;
        }

        return subject;
    }

    /// <summary>Cleans an optional multi-line text; a field error when over <paramref name="maxLength"/> after normalization. Null when empty.</summary>
    public static string? Optional(string? input, int maxLength, FieldErrors errors, string field, string label)
    {
        var text = Lines(input);
        if (text.Length > maxLength)
        {
            errors.Add(field, $"{label} must be at most {maxLength} characters.");
        }

        return text.Length == 0 || !HasVisible(text) ? null : text;
    }
}
