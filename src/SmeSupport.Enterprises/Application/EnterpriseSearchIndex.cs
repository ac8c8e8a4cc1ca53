using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;

namespace SmeSupport.Enterprises.Application;

/// <summary>
/// An in-memory copy of what the free-text search of the enterprise list looks at (folded name/short name/tax code, folded contact
/// names, the filterable attributes), in list order (name sort key, then tax code). SQLite cannot answer "contains" over 100,000
/// rows in the 20 ms the list is given (a scan with the contact sub-query takes 100–400 ms); this answers it in a few milliseconds.
/// Kept in step with a change stamp read from the database on every search (the latest creation and change times of enterprises and
/// contacts, through indexes) plus a counter bumped by every save of this process that touches them, so a change made here or on another
/// node is seen by the next search. The matching ids of one page are then read from the database as usual.
/// </summary>
internal sealed class EnterpriseSearchIndex : IDisposable
{
    private static long _localVersion;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Marks the index stale (called after a save that added, changed or deleted enterprises or contacts).</summary>
    public static void Bump() => Interlocked.Increment(ref _localVersion);

    private sealed record Entry(Guid Id, string TaxCode, string Text, string? Contacts, int WardCode, LegalForm LegalForm, EnterpriseSize Size,
        string? Section, ProgrammeStatus ProgrammeStatus);

    /// <summary>The entries in list order, and all their texts in one string (entry i's text starts at Starts[i], ends with \u0001) for one vectorised scan.</summary>
    private sealed record Snapshot(string Stamp, Entry[] Entries, string All, int[] Starts);

    /// <summary>
    /// True when the filter has only the criteria the index knows (text, commune/ward, legal form, size, section, programme status) — so
    /// a criterion added to <see cref="EnterpriseListFilterDto"/> later makes the list fall back to the database query, never ignore it.
    /// </summary>
    public static bool Handles(EnterpriseListFilterDto filter) =>
        !string.IsNullOrWhiteSpace(filter.Q)
        && filter with { Q = null, Page = 1, PageSize = 1, WardCode = null, LegalForm = null, Size = null, Section = null, ProgrammeStatus = null }
        == new EnterpriseListFilterDto { Page = 1, PageSize = 1 };

    /// <summary>
    /// The ids of the requested page and the total count, in list order, for folded text <paramref name="q"/> (a tax-code prefix when
    /// <paramref name="taxCodePrefix"/> is given, as the database query does).
    /// </summary>
    public async Task<(List<Guid> PageIds, int Total)> SearchAsync(EnterprisesDb db, EnterpriseListFilterDto filter, string q, string? taxCodePrefix,
        CancellationToken ct)
    {
        var snapshot = await CurrentAsync(db, ct);
        var section = string.IsNullOrWhiteSpace(filter.Section) ? null : filter.Section.Trim().ToUpperInvariant();
        var ids = new List<Guid>(Math.Min(filter.PageSize, 200));
        var total = 0;
        var skip = filter.Skip;
        var entries = snapshot.Entries;
        var jump = taxCodePrefix is null && q.IndexOfAny(['\n', '\u0001']) < 0;
        var next = 0;
        while (next < entries.Length)
        {
            int index;
            if (jump)
            {
                // Find the next occurrence in the joined text and go straight to the entry that holds it.
                var at = snapshot.All.IndexOf(q, snapshot.Starts[next], StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                index = Array.BinarySearch(snapshot.Starts, at);
                index = index >= 0 ? index : ~index - 1;
                next = index + 1;
            }
            else
            {
                index = next++;
            }

            var e = entries[index];
            if ((filter.WardCode is { } w && e.WardCode != w) || (filter.LegalForm is { } lf && e.LegalForm != lf)
                || (filter.Size is { } s && e.Size != s) || (section is not null && e.Section != section)
                || (filter.ProgrammeStatus is { } ps && e.ProgrammeStatus != ps))
            {
                continue;
            }

            var match = jump || (taxCodePrefix is not null
                ? e.TaxCode.StartsWith(taxCodePrefix, StringComparison.Ordinal) || e.Text.Contains(q, StringComparison.Ordinal)
                : e.Text.Contains(q, StringComparison.Ordinal) || (e.Contacts is not null && e.Contacts.Contains(q, StringComparison.Ordinal)));
            if (!match)
            {
                continue;
            }

            if (total >= skip && ids.Count < filter.PageSize)
            {
                ids.Add(e.Id);
            }

            total++;
        }

        return (ids, total);
    }

    private static async Task<string> StampAsync(EnterprisesDb db, CancellationToken ct)
    {
        var version = Interlocked.Read(ref _localVersion);
        var enterprises = db.Enterprises.IgnoreQueryFilters();
        var contacts = db.Contacts.IgnoreQueryFilters();

        // One round trip: four scalar sub-queries, each answered from its index (MAX over an indexed column), hung on one province row.
        var s = await db.Provinces.AsNoTracking().OrderBy(p => p.Code).Select(_ => new
        {
            A = enterprises.Max(e => (DateTimeOffset?)e.CreatedAt),
            B = enterprises.Max(e => e.ModifiedAt),
            C = contacts.Max(x => (DateTimeOffset?)x.CreatedAt),
            D = contacts.Max(x => x.ModifiedAt),
        }).FirstOrDefaultAsync(ct);
        if (s is null)
        {
            return Guid.NewGuid().ToString("N"); // no reference data yet (an unseeded database): never reuse the index
        }

        return $"{version}|{s.A?.UtcTicks}|{s.B?.UtcTicks}|{s.C?.UtcTicks}|{s.D?.UtcTicks}";
    }

    private async Task<Snapshot> CurrentAsync(EnterprisesDb db, CancellationToken ct)
    {
        var stamp = await StampAsync(db, ct);
        if (_snapshot is { } current && current.Stamp == stamp)
        {
            return current;
        }

        await _gate.WaitAsync(ct);
        try
        {
            stamp = await StampAsync(db, ct);
            if (_snapshot is { } again && again.Stamp == stamp)
            {
                return again;
            }

            var contacts = (await db.Contacts.AsNoTracking().Select(c => new { c.EnterpriseId, c.FullNameFolded }).ToListAsync(ct))
                .GroupBy(c => c.EnterpriseId).ToDictionary(g => g.Key, g => string.Join('\n', g.Select(c => c.FullNameFolded)));
            var rows = await db.Enterprises.AsNoTracking()
                .Select(e => new { e.Id, e.TaxCode, e.SearchText, e.NameSortKey, e.WardCode, e.LegalForm, e.Size, e.IndustrySection, e.ProgrammeStatus })
                .ToListAsync(ct);
            var entries = rows.OrderBy(r => r.NameSortKey, StringComparer.Ordinal).ThenBy(r => r.TaxCode, StringComparer.Ordinal)
                .Select(r => new Entry(r.Id, r.TaxCode, r.SearchText, contacts.GetValueOrDefault(r.Id), r.WardCode, r.LegalForm, r.Size,
                    r.IndustrySection, r.ProgrammeStatus))
                .ToArray();
            var all = new System.Text.StringBuilder(entries.Length * 100);
            var starts = new int[entries.Length + 1];
            for (var i = 0; i < entries.Length; i++)
            {
                starts[i] = all.Length;
                all.Append(entries[i].Text).Append('\n').Append(entries[i].Contacts).Append('\u0001');
            }

            starts[entries.Length] = all.Length;
            var snapshot = new Snapshot(stamp, entries, all.ToString(), starts);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }
}
