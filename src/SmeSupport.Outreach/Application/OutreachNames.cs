using Microsoft.EntityFrameworkCore;
using SmeSupport.Errors;
using SmeSupport.Text;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// Names of templates, segments and campaigns: stored cleaned (<see cref="VietnameseText.Normalize"/>: NFC, white space
/// collapsed, zero-width characters removed), refused when they carry bidirectional controls, and unique regardless of case
/// and of composed / decomposed input.
/// </summary>
internal static class OutreachNames
{
    /// <summary>The stored form of a name.</summary>
    public static string Clean(string? raw) => VietnameseText.Normalize(raw);

    /// <summary>The uniqueness key of a name: its stored form, lower-cased (invariant culture).</summary>
    public static string Key(string? name) => Clean(name).ToLowerInvariant();

    /// <summary>
    /// Adds the field errors of a name under <paramref name="field"/>: bidirectional controls (U+202A–E, U+2066–9 and the
    /// like), nothing visible left after cleaning, or longer than <paramref name="max"/> once cleaned.
    /// </summary>
    public static void Check(FieldErrors errors, string field, string? raw, int max)
    {
        if (raw is not null && VietnameseText.ContainsBidiControl(raw))
        {
            errors.Add(field, OutreachText.Get("Field.BidiControl"));
            return;
        }

        var name = Clean(raw);
        if (name.Length == 0)
        {
            errors.Add(field, OutreachText.Get("Field.Required"));
        }
        else if (name.Length > max)
        {
            errors.Add(field, OutreachText.Get("Field.MaxLength", max));
        }
    }

    /// <summary>
    /// True when one of <paramref name="names"/> has the same key as <paramref name="name"/>. The lists are small (staff-made
    /// templates, segments and campaigns), so they are compared in memory with .NET's Unicode case folding.
    /// </summary>
    public static async Task<bool> TakenAsync(IQueryable<string> names, string name, CancellationToken cancellationToken)
    {
        var key = Key(name);
        var existing = await names.ToListAsync(cancellationToken);
        return existing.Any(n => Key(n) == key);
    }
}
