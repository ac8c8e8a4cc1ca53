using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Reporting.Domain;
using SmeSupport.Reporting.Persistence;
using SmeSupport.Text;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Reporting.Application;

/// <summary>Enterprise profiles and ward names kept between requests until the registry's change stamp moves.</summary>
internal sealed class EnterpriseProfilesCache
{
    private Entry? _entry;

    public async Task<(IReadOnlyList<EnterpriseProfileDto> Profiles, IReadOnlyDictionary<int, string> Wards)> GetAsync(IEnterpriseLookup lookup,
        CancellationToken ct)
    {
        var stamp = await lookup.GetChangeStampAsync(ct);
        if (Volatile.Read(ref _entry) is { } e && e.Stamp == stamp)
        {
            return (e.Profiles, e.Wards);
        }

        var profiles = await lookup.ListProfilesAsync(null, ct);
        var wards = await lookup.GetWardNamesAsync(profiles.Select(p => p.WardCode).Distinct().ToList(), ct);
        Volatile.Write(ref _entry, new Entry(stamp, profiles, wards));
        return (profiles, wards);
    }

    private sealed record Entry(string Stamp, IReadOnlyList<EnterpriseProfileDto> Profiles, IReadOnlyDictionary<int, string> Wards);

    private FactsEntry? _facts;

    /// <summary>
    /// The joined facts, kept while the same profiles, the same step map (EInvoicing hands out one instance until its table changes) and the
    /// same cohort memberships are seen.
    /// </summary>
    public List<EnterpriseFact>? Facts(IReadOnlyList<EnterpriseProfileDto> profiles, IReadOnlyDictionary<Guid, SmeSupport.EInvoicing.Contracts.EInvoiceStep> steps,
        long cohortSignature) =>
        Volatile.Read(ref _facts) is { } f && ReferenceEquals(f.Profiles, profiles) && ReferenceEquals(f.Steps, steps) && f.Cohorts == cohortSignature ? f.Facts : null;

    /// <summary>Keeps the joined facts.</summary>
    public void Keep(IReadOnlyList<EnterpriseProfileDto> profiles, IReadOnlyDictionary<Guid, SmeSupport.EInvoicing.Contracts.EInvoiceStep> steps,
        long cohortSignature, List<EnterpriseFact> facts) => Volatile.Write(ref _facts, new FactsEntry(profiles, steps, cohortSignature, facts));

    private sealed record FactsEntry(IReadOnlyList<EnterpriseProfileDto> Profiles, IReadOnlyDictionary<Guid, SmeSupport.EInvoicing.Contracts.EInvoiceStep> Steps,
        long Cohorts, List<EnterpriseFact> Facts);
}

/// <summary>
/// One month's trend figures in brief: the snapshot's enterprises grouped by what the filters look at (commune, size, legal form,
/// cohorts), each group with its issuing enterprises and its open cases. Counting a filter over the groups gives the same numbers as
/// selecting the enterprises one by one (<see cref="ReportCatalog.Select"/> runs over one representative fact per group).
/// </summary>
internal sealed class TrendSeries
{
    private readonly List<(EnterpriseFact Fact, int Issuing, int Open)> _groups;

    private TrendSeries(List<(EnterpriseFact Fact, int Issuing, int Open)> groups) => _groups = groups;

    /// <summary>The groups (for tests).</summary>
    public int GroupCount => _groups.Count;

    /// <summary>Groups <paramref name="enterprises"/>; open cases (not Resolved nor Closed) count for the enterprise they belong to.</summary>
    public static TrendSeries Build(IReadOnlyList<EnterpriseFact> enterprises, IReadOnlyList<CaseFact> cases)
    {
        var openBy = new Dictionary<Guid, int>();
        foreach (var c in cases)
        {
            if (c.Open)
            {
                openBy[c.EnterpriseId] = openBy.GetValueOrDefault(c.EnterpriseId) + 1;
            }
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<(EnterpriseFact Fact, int Issuing, int Open)>();
        var seen = new HashSet<Guid>(enterprises.Count);
        foreach (var e in enterprises)
        {
            if (!seen.Add(e.Id))
            {
                continue;
            }

            var key = string.Join('\u0001', e.Cohorts.Prepend(((int)e.LegalForm).ToString(CultureInfo.InvariantCulture))
                .Prepend(((int)e.Size).ToString(CultureInfo.InvariantCulture)).Prepend(e.Ward.ToString(CultureInfo.InvariantCulture)));
            if (!index.TryGetValue(key, out var i))
            {
                i = groups.Count;
                index[key] = i;
                groups.Add((new EnterpriseFact(Guid.Empty, "", "", e.Ward, "", e.Size, e.LegalForm, null, e.Status, e.Cohorts, e.Step), 0, 0));
            }

            var g = groups[i];
            groups[i] = (g.Fact, g.Issuing + (e.Step >= EInvoiceStep.FirstInvoiceIssued ? 1 : 0), g.Open + openBy.GetValueOrDefault(e.Id));
        }

        return new TrendSeries(groups);
    }

    /// <summary>Issuing enterprises and open cases of the enterprises <paramref name="filter"/> selects.</summary>
    public (int Issuing, int Open) Count(ReportFilterDto filter)
    {
        var byFact = new Dictionary<EnterpriseFact, (int Issuing, int Open)>(_groups.Count, ReferenceEqualityComparer.Instance);
        foreach (var g in _groups)
        {
            byFact[g.Fact] = (g.Issuing, g.Open);
        }

        int issuing = 0, open = 0;
        foreach (var f in ReportCatalog.Select(_groups.Select(g => g.Fact), filter))
        {
            var (i, o) = byFact[f];
            issuing += i;
            open += o;
        }

        return (issuing, open);
    }
}

/// <summary>The trend series of each month-end snapshot, built once (snapshots never change); keyed by the snapshots' ids.</summary>
internal sealed class TrendSeriesCache
{
    private const int Limit = 36;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Enterprises, Guid? Cases), TrendSeries> _series = new();

    /// <summary>The kept series of the two snapshots, or null.</summary>
    public TrendSeries? Get(Guid enterprises, Guid? cases) => _series.TryGetValue((enterprises, cases), out var s) ? s : null;

    /// <summary>Keeps a series (at most <see cref="Limit"/>: a full cache is emptied first, as only the last few months are asked for).</summary>
    public void Keep(Guid enterprises, Guid? cases, TrendSeries series)
    {
        if (_series.Count >= Limit)
        {
            _series.Clear();
        }

        _series[(enterprises, cases)] = series;
    }
}

/// <summary>
/// Runs reports: checks filters and columns, picks live data (current month) or the month-end snapshot (past month), computes the rows
/// and keeps only the asked columns. Other modules are read only through their Contracts.
/// </summary>
internal sealed class ReportEngine(
    ReportingDb db,
    IEnterpriseLookup enterprises,
    IEnterpriseCohortLookup cohorts,
    IEInvoiceStepSource steps,
    ITrialReportSource trials,
    ICaseReportSource cases,
    IOutreachStatistics outreach,
    EnterpriseProfilesCache profilesCache,
    TrendSeriesCache trendCache,
    IAdministrativeUnitAppService units,
    TimeProvider clock)
{
    /// <summary>The province whose communes and wards the commune filter accepts (Phú Thọ).</summary>
    public const int ProvinceCode = 25;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The current month in Vietnam, <c>yyyy-MM</c>.</summary>
    public string CurrentMonth() => VietnamTime.Today(clock).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The month that ended last, <c>yyyy-MM</c>.</summary>
    public string PreviousMonth() => VietnamTime.Today(clock).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses and checks the filters against the report's allowed filters; errors go to <paramref name="errors"/> under the
    /// filter names. A cohort must be one some enterprise belongs to (compared folded, as the Enterprises module does:
    /// <see cref="VietnameseText.Fold"/>), otherwise <c>cohort</c> "Unknown cohort".
    /// </summary>
    /// <remarks>
    /// A well-formed commune code must be one of the province's communes/wards (<see cref="ProvinceCode"/>, read through the Enterprises
    /// module's Contracts), otherwise <c>commune</c> "Unknown commune" — unless the other overload is told not to look it up (a partner's
    /// request is first checked against the share's fixed commune, which was checked when the share was made).
    /// </remarks>
    public Task<ReportFilterDto> ParseFiltersAsync(ReportDefinition def, ReportQueryDto query, FieldErrors errors, CancellationToken ct = default) =>
        ParseFiltersAsync(def, query, errors, communeMustExist: true, ct);

    /// <summary>Parses and checks the filters; see the other overload. <paramref name="communeMustExist"/>: whether the commune is looked up.</summary>
    public async Task<ReportFilterDto> ParseFiltersAsync(ReportDefinition def, ReportQueryDto query, FieldErrors errors, bool communeMustExist,
        CancellationToken ct)
    {
        int? commune = null;
        if (!string.IsNullOrWhiteSpace(query.Commune))
        {
            if (int.TryParse(query.Commune.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0)
            {
                commune = c;
                if (communeMustExist && !(await units.GetWardsAsync(ProvinceCode, ct)).Any(w => w.Code == c))
                {
                    errors.Add(ReportFilterNames.Commune, ReportingText.Get("Field.UnknownCommune", c));
                }
            }
            else
            {
                errors.Add(ReportFilterNames.Commune, ReportingText.Get("Field.CommuneFormat"));
            }
        }

        string? size = null;
        if (!string.IsNullOrWhiteSpace(query.Size))
        {
            if (StrictEnum.TryParse<EnterpriseSize>(query.Size, out var s))
            {
                size = s.ToString();
            }
            else
            {
                errors.Add(ReportFilterNames.Size, ReportingText.Get("Field.SizeOneOf", string.Join(", ", Enum.GetNames<EnterpriseSize>())));
            }
        }

        string? form = null;
        if (!string.IsNullOrWhiteSpace(query.LegalForm))
        {
            if (StrictEnum.TryParse<LegalForm>(query.LegalForm, out var f))
            {
                form = f.ToString();
            }
            else
            {
                errors.Add(ReportFilterNames.LegalForm, ReportingText.Get("Field.LegalFormOneOf", string.Join(", ", Enum.GetNames<LegalForm>())));
            }
        }

        string? cohort = null;
        if (!string.IsNullOrWhiteSpace(query.Cohort))
        {
            cohort = query.Cohort.Trim();
            if (cohort.Length > 100)
            {
                errors.Add(ReportFilterNames.Cohort, ReportingText.Get("Field.CohortTooLong"));
            }
            else
            {
                var folded = VietnameseText.Fold(cohort);
                var memberships = await cohorts.ListMembershipsAsync(ct);
                if (!memberships.Any(m => string.Equals(VietnameseText.Fold(m.Cohort), folded, StringComparison.Ordinal)))
                {
                    errors.Add(ReportFilterNames.Cohort, ReportingText.Get("Field.UnknownCohort", cohort));
                }
            }
        }

        string? period = null;
        if (!string.IsNullOrWhiteSpace(query.Period))
        {
            if (DateOnly.TryParseExact(query.Period.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                period = d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            }
            else
            {
                errors.Add(ReportFilterNames.Period, ReportingText.Get("Field.PeriodFormat"));
            }
        }

        var filter = new ReportFilterDto { Commune = commune, Cohort = cohort, Size = size, LegalForm = form, Period = period };
        foreach (var name in Given(filter))
        {
            if (!def.Dto.AllowedFilters.Contains(name))
            {
                errors.Add(name, ReportingText.Get("Field.FilterNotAccepted", def.Key));
            }
        }

        return filter;
    }

    /// <summary>The filter names that have a value.</summary>
    public static IEnumerable<string> Given(ReportFilterDto f)
    {
        if (f.Commune is not null)
        {
            yield return ReportFilterNames.Commune;
        }

        if (f.Cohort is not null)
        {
            yield return ReportFilterNames.Cohort;
        }

        if (f.Size is not null)
        {
            yield return ReportFilterNames.Size;
        }

        if (f.LegalForm is not null)
        {
            yield return ReportFilterNames.LegalForm;
        }

        if (f.Period is not null)
        {
            yield return ReportFilterNames.Period;
        }
    }

    /// <summary>Parses a comma-separated column list (empty: null). Unknown keys are field errors.</summary>
    public static List<string>? ParseColumns(ReportDefinition def, string? columns, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(columns))
        {
            return null;
        }

        var keys = columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        foreach (var k in keys.Where(k => def.ColumnIndex(k) < 0))
        {
            errors.Add("columns", ReportingText.Get("Field.UnknownColumn", k));
        }

        return keys.Count == 0 ? null : keys;
    }

    /// <summary>Parses page and page size (field errors <c>page</c>, <c>pageSize</c>); defaults 1 and <see cref="ReportPaging.DefaultPageSize"/>.</summary>
    public static (int Page, int PageSize) ParsePaging(ReportQueryDto query, FieldErrors errors)
    {
        var page = 1;
        var size = ReportPaging.DefaultPageSize;
        if (!string.IsNullOrWhiteSpace(query.Page)
            && !(int.TryParse(query.Page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1))
        {
            errors.Add("page", ReportingText.Get("Field.PageFormat"));
        }

        if (!string.IsNullOrWhiteSpace(query.PageSize)
            && !(int.TryParse(query.PageSize.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= ReportPaging.MaxPageSize))
        {
            errors.Add("pageSize", ReportingText.Get("Field.PageSizeRange", ReportPaging.MaxPageSize));
        }

        return (Math.Max(page, 1), size is >= 1 and <= ReportPaging.MaxPageSize ? size : ReportPaging.DefaultPageSize);
    }

    /// <summary>
    /// Runs a checked request: one page of rows, or every row when <paramref name="paging"/> is null (exports). A future period → 400
    /// <c>FuturePeriod</c>; a past month without snapshot → 404 <c>NoSnapshot</c>.
    /// </summary>
    public async Task<ReportResultDto> RunAsync(ReportDefinition def, ReportFilterDto filter, IReadOnlyList<string>? columns, (int Page, int PageSize)? paging,
        CancellationToken ct)
    {
        var current = CurrentMonth();
        var period = filter.Period ?? current;
        if (string.CompareOrdinal(period, current) > 0)
        {
            throw new BusinessException(ReportingErrorCodes.FuturePeriod, $"The period {period} lies in the future.", 400,
                new Dictionary<string, string[]> { [ReportFilterNames.Period] = [ReportingText.Get("Field.FuturePeriod")] })
            {
                MessageArgs = [period],
            };
        }

        ReportData data;
        var fromSnapshot = period != current;
        if (fromSnapshot)
        {
            var snap = await db.Snapshots.AsNoTracking().Where(s => s.ReportKey == def.Key && s.Month == period)
                .Select(s => s.Payload).FirstOrDefaultAsync(ct);
            if (snap is null)
            {
                throw new BusinessException(ReportingErrorCodes.NoSnapshot, $"No month-end figures were kept for {def.Key} in {period}.", 404)
                {
                    MessageArgs = [period],
                };
            }

            data = Unpack(snap);
        }
        else
        {
            data = await LoadLiveAsync(def.Sources, ct);
        }

        var all = def.Compute(data, filter);
        var keys = columns ?? def.Dto.Columns.Select(c => c.Key).ToList();
        var idx = keys.Select(def.ColumnIndex).ToArray();
        var (page, size) = paging ?? (1, Math.Max(1, all.Count));
        var skip = (int)Math.Min(all.Count, (long)(page - 1) * size);
        var take = Math.Min(size, all.Count - skip);
        var rows = new List<IReadOnlyList<object?>>(take);
        for (var r = skip; r < skip + take; r++)
        {
            var src = all[r];
            var cells = new object?[idx.Length];
            for (var i = 0; i < idx.Length; i++)
            {
                cells[i] = src[idx[i]];
            }

            rows.Add(cells);
        }

        var cols = idx.Select(i => def.Dto.Columns[i]).ToList();
        return new ReportResultDto(def.Key, def.Dto.TitleVi, def.Dto.TitleEn, period, fromSnapshot, filter with { Period = period }, cols, rows,
            def.Dto.ChartColumn is { } cc && keys.Contains(cc) ? cc : null, all.Count, page, size);
    }

    /// <summary>Reads the facts a report needs from the other modules now.</summary>
    public async Task<ReportData> LoadLiveAsync(ReportSources sources, CancellationToken ct)
    {
        var data = new ReportData();
        if (sources.HasFlag(ReportSources.Enterprises))
        {
            var (profiles, wards) = await profilesCache.GetAsync(enterprises, ct);
            IReadOnlyDictionary<Guid, EInvoiceStep> stepMap = sources.HasFlag(ReportSources.Steps)
                ? await steps.GetCurrentStepsAsync(ct)
                : new Dictionary<Guid, EInvoiceStep>();
            var memberships = await cohorts.ListMembershipsAsync(ct);
            var signature = memberships.Count + 31L * memberships.Aggregate(17L, (h, m) => unchecked((h * 31) + m.EnterpriseId.GetHashCode() * 7 + StringComparer.Ordinal.GetHashCode(m.Cohort)));
            if (profilesCache.Facts(profiles, stepMap, signature) is { } cached)
            {
                data.Enterprises = cached;
                goto enterprisesDone;
            }

            var cohortMap = memberships.GroupBy(c => c.EnterpriseId).ToDictionary(g => g.Key, g => g.Select(c => VietnameseText.Fold(c.Cohort)).ToArray());
            var list = new List<EnterpriseFact>(profiles.Count);
            foreach (var p in profiles)
            {
                list.Add(new EnterpriseFact(p.Id, p.TaxCode, p.Name, p.WardCode, wards.GetValueOrDefault(p.WardCode, p.WardCode.ToString(CultureInfo.InvariantCulture)),
                    p.Size, p.LegalForm, p.IndustrySection, p.ProgrammeStatus, cohortMap.GetValueOrDefault(p.Id, []),
                    stepMap.TryGetValue(p.Id, out var st) ? st : EInvoiceStep.NotRegistered));
            }

            data.Enterprises = list;
            if (sources.HasFlag(ReportSources.Steps))
            {
                profilesCache.Keep(profiles, stepMap, signature, list);
            }
        }

    enterprisesDone:

        if (sources.HasFlag(ReportSources.Trials))
        {
            data.Trials = (await trials.ListTrialFactsAsync(ct))
                .Select(t => new TrialFact(t.EnterpriseId, t.PlatformName, t.Category, t.Status, t.Outcome, t.WasStarted)).ToList();
        }

        if (sources.HasFlag(ReportSources.Cases))
        {
            data.Cases = (await cases.ListCaseFactsAsync(ct))
                .Select(c => new CaseFact(c.EnterpriseId, c.Type, c.Status, c.FirstResponseBreached, c.ResolutionBreached, c.FirstRespondedAt is not null))
                .ToList();
        }

        if (sources.HasFlag(ReportSources.Campaigns))
        {
            data.Campaigns = (await outreach.ListRunFiguresAsync(ct))
                .GroupBy(r => (r.CampaignId, Month: VietnamTime.ToLocal(r.StartedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture)))
                .Select(g =>
                {
                    var f = g.Select(r => r.Figures).ToList();
                    var first = g.First();
                    return new CampaignFact(first.CampaignName, first.Purpose.ToString(), g.Key.Month, f.Sum(x => x.Recipients + x.Suppressed), f.Sum(x => x.Sent),
                        f.Sum(x => x.Delivered), f.Sum(x => x.Opened), f.Sum(x => x.Failed), f.Sum(x => x.Suppressed), f.Sum(x => x.Pending + x.Held));
                }).ToList();
        }

        return data;
    }

    /// <summary>
    /// Stores each report's facts for <paramref name="month"/> unless already stored (unique per report and month, so a second or concurrent
    /// run adds nothing). Returns how many snapshots were added.
    /// </summary>
    public async Task<int> SnapshotAsync(string month, CancellationToken ct)
    {
        var existing = await db.Snapshots.AsNoTracking().Where(s => s.Month == month).Select(s => s.ReportKey).ToListAsync(ct);
        var added = 0;
        var cache = new Dictionary<ReportSources, byte[]>();
        foreach (var def in ReportCatalog.All.Where(d => !existing.Contains(d.Key)))
        {
            if (!cache.TryGetValue(def.Sources, out var payload))
            {
                payload = cache[def.Sources] = Pack(await LoadLiveAsync(def.Sources, ct));
            }

            db.Snapshots.Add(new ReportSnapshot { ReportKey = def.Key, Month = month, Payload = payload, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.Context.SaveChangesAsync(ct);
                added++;
            }
            catch (DbUpdateException)
            {
                // Another run stored it first: the unique index keeps one.
                db.Context.ChangeTracker.Clear();
            }
        }

        return added;
    }

    /// <summary>Every fact of a past month, from its snapshots (404 <c>NoSnapshot</c> when the month has none).</summary>
    public async Task<ReportData> LoadSnapshotAsync(string month, CancellationToken ct)
    {
        var snaps = await db.Snapshots.AsNoTracking().Where(s => s.Month == month && (s.ReportKey == "einvoice-by-size"
                || s.ReportKey == "trial-conversion" || s.ReportKey == "case-service-levels" || s.ReportKey == "outreach-performance"))
            .ToDictionaryAsync(s => s.ReportKey, s => s.Payload, ct);
        if (!snaps.TryGetValue("einvoice-by-size", out var ents))
        {
            throw new BusinessException(ReportingErrorCodes.NoSnapshot, $"No month-end figures were kept for {month}.", 404) { MessageArgs = [month] };
        }

        var data = Unpack(ents);
        data.Trials = snaps.TryGetValue("trial-conversion", out var t) ? Unpack(t).Trials : [];
        data.Cases = snaps.TryGetValue("case-service-levels", out var c) ? Unpack(c).Cases : [];
        data.Campaigns = snaps.TryGetValue("outreach-performance", out var o) ? Unpack(o).Campaigns : [];
        return data;
    }

    /// <summary>
    /// Issuing enterprises and open cases under <paramref name="filter"/> for each of the last <paramref name="months"/> months that has
    /// snapshots, oldest first. Each month's series is built once per snapshot (snapshots are never changed: one per report and month) and
    /// kept in <see cref="TrendSeriesCache"/>; a request only reads which snapshots exist and counts the kept groups.
    /// </summary>
    public async Task<IReadOnlyList<(string Month, int Issuing, int OpenCases)>> TrendAsync(ReportFilterDto filter, int months, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var wanted = Enumerable.Range(1, months).Select(i => today.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        var heads = await db.Snapshots.AsNoTracking()
            .Where(s => wanted.Contains(s.Month) && (s.ReportKey == "einvoice-by-size" || s.ReportKey == "case-service-levels"))
            .Select(s => new { s.Id, s.Month, s.ReportKey })
            .ToListAsync(ct);
        var result = new List<(string, int, int)>();
        foreach (var month in wanted.Order(StringComparer.Ordinal))
        {
            var e = heads.FirstOrDefault(s => s.Month == month && s.ReportKey == "einvoice-by-size");
            if (e is null)
            {
                continue;
            }

            var c = heads.FirstOrDefault(s => s.Month == month && s.ReportKey == "case-service-levels");
            var series = trendCache.Get(e.Id, c?.Id);
            if (series is null)
            {
                var ents = Unpack(await db.Snapshots.AsNoTracking().Where(s => s.Id == e.Id).Select(s => s.Payload).SingleAsync(ct)).Enterprises;
                var cases = c is null
                    ? []
                    : Unpack(await db.Snapshots.AsNoTracking().Where(s => s.Id == c.Id).Select(s => s.Payload).SingleAsync(ct)).Cases;
                series = TrendSeries.Build(ents, cases);
                trendCache.Keep(e.Id, c?.Id, series);
            }

            var (issuing, open) = series.Count(filter);
            result.Add((month, issuing, open));
        }

        return result;
    }

    private static byte[] Pack(ReportData data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(gz, data, Json);
        }

        return ms.ToArray();
    }

    private static ReportData Unpack(byte[] payload)
    {
        using var gz = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<ReportData>(gz, Json) ?? new ReportData();
    }
}
