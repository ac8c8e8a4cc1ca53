using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Enterprises.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Data;
using SmeSupport.Errors;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Import;

/// <summary>A file read and its header matched to columns.</summary>
/// <param name="Format">Format read.</param>
/// <param name="Headers">Field → header as written.</param>
/// <param name="Rows">Data rows: row number and cells by field.</param>
internal sealed record ParsedImportFile(EnterpriseFileFormat Format, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<(int RowNumber, IReadOnlyDictionary<string, string?> Cells)> Rows);

/// <summary>Plans rows (dry run) and imports batches (background job).</summary>
internal sealed class EnterpriseImportProcessor(EnterprisesDb db, IValidator<CreateEnterpriseDto> validator, IOptions<EnterpriseImportOptions> options,
    TimeProvider clock, ILogger<EnterpriseImportProcessor> logger, Microsoft.Extensions.Localization.IStringLocalizer<EnterprisesText> text)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>reasons</c> of a row in a revert refusal whose record was edited or deleted since the import.</summary>
    private static readonly IReadOnlyList<string> ChangedReason = ["changed"];

    /// <summary>
    /// The 400 for a header with unknown columns (<see cref="EnterprisesErrorCodes.ImportUnknownColumns"/>, extension
    /// <c>unknownColumns</c>: those headers as written), columns named more than once (<see cref="EnterprisesErrorCodes.ImportDuplicateColumns"/>
    /// when there is no unknown one; extension <c>duplicateColumns</c>: per column, every header naming it) or missing required columns
    /// (<see cref="EnterprisesErrorCodes.ImportMissingColumns"/> when that is all; extension <c>missingColumns</c>). The detail names all three.
    /// </summary>
    private static BusinessException HeaderRefused(List<string> unknown, List<List<string>> repeated, List<ImportColumn> missing)
    {
        static string Quoted(IEnumerable<string> items) => string.Join(", ", items.Select(h => $"'{h}'"));
        var missingList = string.Join(", ", missing.Select(m => $"'{m.Vietnamese}' ('{m.English}')"));
        object Repeat(List<string> headers)
        {
            var others = headers.Skip(1).Where(h => !string.Equals(h, headers[0], StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            return others.Count == 0
                ? EnterprisesErrorMessages.Part("ImportDuplicateColumns.Item", headers[0], headers.Count)
                : EnterprisesErrorMessages.Part("ImportDuplicateColumns.ItemAlsoAs", headers[0], headers.Count, Quoted(others));
        }

        var repeatedList = EnterprisesErrorMessages.List(repeated.Select(Repeat));
        var missingPart = missing.Count > 0 ? EnterprisesErrorMessages.Part("ImportUnknownColumns.AlsoMissing", missingList) : "";

        var parts = new List<string>();
        if (unknown.Count > 0)
        {
            parts.Add($"Unknown columns: {Quoted(unknown)}.");
        }

        if (repeated.Count > 0)
        {
            parts.Add($"Repeated columns: {string.Join(", ", repeated.Select(r => Quoted(r)))}.");
        }

        if (missing.Count > 0)
        {
            parts.Add($"Missing required columns: {missingList}.");
        }

        parts.Add("Download the template for the column names.");
        var ex = unknown.Count > 0
            ? new BusinessException(EnterprisesErrorCodes.ImportUnknownColumns, string.Join(" ", parts))
            {
                MessageArgs =
                [
                    Quoted(unknown),
                    repeated.Count > 0 ? EnterprisesErrorMessages.Part("ImportUnknownColumns.AlsoRepeated", repeatedList) : "",
                    missingPart,
                ],
            }
            : repeated.Count > 0
                ? new BusinessException(EnterprisesErrorCodes.ImportDuplicateColumns, string.Join(" ", parts)) { MessageArgs = [repeatedList, missingPart] }
                : new BusinessException(EnterprisesErrorCodes.ImportMissingColumns, string.Join(" ", parts)) { MessageArgs = [missingList] };
        ex.Extensions["unknownColumns"] = unknown;
        ex.Extensions["duplicateColumns"] = repeated.Select(r => new { column = r[0], headers = r }).ToList();
        ex.Extensions["missingColumns"] = missing.Select(m => m.Vietnamese).ToList();
        return ex;
    }

    /// <summary>Reads the bytes and matches the header; 400 on an unreadable or empty file and on unknown or missing columns.</summary>
    public static ParsedImportFile Parse(byte[] content, string fileName, ILogger? logger = null)
    {
        var table = EnterpriseFileReader.Read(content, fileName, logger);
        var fields = new string?[table.Header.Count];
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var repeated = new Dictionary<string, List<string>>(StringComparer.Ordinal); // field → every header naming it, in file order
        for (var i = 0; i < table.Header.Count; i++)
        {
            var header = table.Header[i];
            if (string.IsNullOrWhiteSpace(header))
            {
                continue;
            }

            var field = ImportColumns.Find(header);
            if (field is null)
            {
                unknown.Add(header);
            }
            else if (field.Length > 0 && !headers.TryAdd(field, header))
            {
                if (!repeated.TryGetValue(field, out var list))
                {
                    repeated[field] = list = [headers[field]];
                }

                list.Add(header);
            }
            else
            {
                fields[i] = field.Length > 0 ? field : null;
            }
        }

        var missing = ImportColumns.Required.Where(f => !headers.ContainsKey(f)).Select(f => ImportColumns.Of(f)).ToList();
        if (unknown.Count > 0 || repeated.Count > 0 || missing.Count > 0)
        {
            throw HeaderRefused(unknown, repeated.Values.ToList(), missing);
        }

        var rows = new List<(int, IReadOnlyDictionary<string, string?>)>(table.Rows.Count);
        foreach (var (number, cells) in table.Rows)
        {
            var map = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Length && i < cells.Length; i++)
            {
                if (fields[i] is { } f && cells[i] is { } v)
                {
                    map[f] = v;
                }
            }

            rows.Add((number, map));
        }

        return new ParsedImportFile(table.Format, headers, rows);
    }

    public async Task<ImportReference> LoadReferenceAsync(CancellationToken ct)
    {
        var provinces = await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var wards = await db.Wards.AsNoTracking().Select(w => new { w.Code, w.ProvinceCode, w.Name }).ToListAsync(ct);
        var current = wards.ToDictionary(w => w.Code, w => (w.ProvinceCode, w.Name));
        var conversions = await db.WardConversions.AsNoTracking()
            .Select(c => new OldWardRow(c.OldProvinceCode, c.OldProvinceName, c.OldDistrictName, c.OldWardCode, c.OldWardName, c.NewProvinceCode, c.NewWardCode))
            .ToListAsync(ct);
        return new ImportReference(provinces, current) { Old = new OldAddressTable(conversions, text, current) };
    }

    /// <summary>Canonical tax codes (or errors) per row, and the rows whose code appears more than once in the file.</summary>
    private static (Dictionary<int, (string? Code, string? Error)> Codes, Dictionary<string, List<int>> Duplicates) CodesOf(RowEvaluator evaluator,
        IEnumerable<(int RowNumber, IReadOnlyDictionary<string, string?> Cells)> rows)
    {
        var codes = new Dictionary<int, (string?, string?)>();
        var byCode = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (number, cells) in rows)
        {
            var code = evaluator.CanonicalTaxCode(cells.GetValueOrDefault(ImportColumns.TaxCode), out var error);
            codes[number] = (code, error);
            if (code is not null)
            {
                if (!byCode.TryGetValue(code, out var list))
                {
                    byCode[code] = list = [];
                }

                list.Add(number);
            }
        }

        return (codes, byCode.Where(p => p.Value.Count > 1).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>Plans every row of <paramref name="file"/>; writes nothing.</summary>
    public async Task<ImportDryRunDto> DryRunAsync(ParsedImportFile file, string fileName, CancellationToken ct)
    {
        var timer = new ImportPhaseTimer(logger, "dry run");
        RowEvaluator evaluator;
        using (timer.Measure("reference"))
        {
            evaluator = new RowEvaluator(validator, await LoadReferenceAsync(ct), file.Headers, file.Format);
        }

        Dictionary<int, (string? Code, string? Error)> codes;
        Dictionary<string, List<int>> duplicates;
        using (timer.Measure("tax codes"))
        {
            (codes, duplicates) = CodesOf(evaluator, file.Rows);
        }

        var plans = new List<RowPlan>(file.Rows.Count);
        foreach (var chunk in file.Rows.Chunk(1000))
        {
            plans.AddRange(await PlanChunkAsync(evaluator, chunk, codes, duplicates, file.Headers, tracking: false, ct, timer));
        }

        timer.Log();

        return new ImportDryRunDto
        {
            FileName = fileName,
            Format = file.Format,
            Columns = file.Headers.ToDictionary(p => p.Value, p => p.Key),
            TotalRows = plans.Count,
            CreateCount = plans.Count(p => p.Outcome == EnterpriseImportRowOutcome.Create),
            UpdateCount = plans.Count(p => p.Outcome == EnterpriseImportRowOutcome.Update),
            UnchangedCount = plans.Count(p => p.Outcome == EnterpriseImportRowOutcome.Unchanged),
            ErrorCount = plans.Count(p => p.Outcome == EnterpriseImportRowOutcome.Error),
            Rows = plans.Select(p => p.ToDto(reference: evaluator.Reference)).ToList(),
        };
    }

    private async Task<List<RowPlan>> PlanChunkAsync(RowEvaluator evaluator, IEnumerable<(int RowNumber, IReadOnlyDictionary<string, string?> Cells)> chunk,
        Dictionary<int, (string? Code, string? Error)> codes, Dictionary<string, List<int>> duplicates, IReadOnlyDictionary<string, string> headers,
        bool tracking, CancellationToken ct, ImportPhaseTimer? timer = null)
    {
        var load = timer?.Measure("plan: load existing");
        var rows = chunk.ToList();
        var wanted = rows.Select(r => codes[r.RowNumber].Code).OfType<string>().Distinct().ToList();
        var query = tracking ? db.Enterprises : db.Enterprises.AsNoTracking();
        var existing = wanted.Count == 0 ? [] : await query.Where(e => wanted.Contains(e.TaxCode)).ToListAsync(ct);
        var byCode = existing.ToDictionary(e => e.TaxCode, StringComparer.Ordinal);
        var contacts = new Dictionary<Guid, List<Contact>>();
        if (headers.ContainsKey(ImportColumns.ContactName) && existing.Count > 0)
        {
            var ids = existing.Select(e => e.Id).ToList();
            contacts = (await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.EnterpriseId)).ToListAsync(ct))
                .GroupBy(c => c.EnterpriseId).ToDictionary(g => g.Key, g => g.ToList());
        }

        load?.Dispose();
        using var evaluate = timer?.Measure("plan: evaluate");
        var taxHeader = headers.GetValueOrDefault(ImportColumns.TaxCode, "Mã số thuế");
        var plans = new List<RowPlan>(rows.Count);
        foreach (var (number, cells) in rows)
        {
            var (code, error) = codes[number];
            if (error is not null)
            {
                // The message in the current UI culture (the job plans the rows in error again in each culture it stores).
                evaluator.CanonicalTaxCode(cells.GetValueOrDefault(ImportColumns.TaxCode), out error);
            }

            var current = code is not null ? byCode.GetValueOrDefault(code) : null;
            var plan = await evaluator.EvaluateAsync(number, cells, code, error, current,
                current is null ? null : contacts.GetValueOrDefault(current.Id), ct);
            if (code is not null && duplicates.TryGetValue(code, out var rowsWithCode))
            {
                plan.Errors.Insert(0, new ImportCellErrorDto(taxHeader,
                    EnterprisesText.Get("Import.TaxCodeDuplicate", code, string.Join(", ", rowsWithCode))));
                plan.Outcome = EnterpriseImportRowOutcome.Error;
                plan.Changes.Clear();
                plan.Input = null;
            }

            plans.Add(plan);
        }

        return plans;
    }

    /// <summary>The background job: claims a queued batch and imports its rows in chunks, each chunk in one transaction.</summary>
    public async Task<bool> RunAsync(Guid importId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.Imports.Where(i => i.Id == importId && i.Status == EnterpriseImportStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, EnterpriseImportStatus.Running).SetProperty(i => i.StartedAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        try
        {
            var timer = new ImportPhaseTimer(logger, "job");
            var loading = timer.Measure("load rows");
            var batch = await db.Imports.AsNoTracking().FirstAsync(i => i.Id == importId, ct);

            // The job has no HTTP user: the audit trail names the user who submitted the batch for every change it writes.
            using var actor = SmeSupport.Security.AuditActor.Use(batch.CreatedBy, batch.SubmittedByEmail);
            var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(batch.Columns, Json) ?? [];
            var format = batch.Format == "xlsx" ? EnterpriseFileFormat.Xlsx : EnterpriseFileFormat.Csv;
            var stored = await db.ImportRows.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.RowNumber)
                .Select(r => new { r.Id, r.RowNumber, r.Input, r.Outcome }).ToListAsync(ct);
            var rows = stored.Select(r => (r.RowNumber,
                (IReadOnlyDictionary<string, string?>)(JsonSerializer.Deserialize<Dictionary<string, string?>>(r.Input, Json) ?? []))).ToList();
            var ids = stored.ToDictionary(r => r.RowNumber, r => r.Id);
            loading.Dispose();
            RowEvaluator evaluator;
            using (timer.Measure("reference"))
            {
                evaluator = new RowEvaluator(validator, await LoadReferenceAsync(ct), headers, format);
            }

            Dictionary<int, (string? Code, string? Error)> codes;
            Dictionary<string, List<int>> duplicates;
            using (timer.Measure("tax codes"))
            {
                (codes, duplicates) = CodesOf(evaluator, rows);
            }
            var counts = new Counts { Processed = stored.Count(r => r.Outcome != EnterpriseImportRowOutcome.Pending) };
            var done0 = stored.Where(r => r.Outcome != EnterpriseImportRowOutcome.Pending).Select(r => r.RowNumber).ToHashSet();
            var pending = rows.Where(r => !done0.Contains(r.RowNumber)).ToList();
            foreach (var chunk in pending.Chunk(Math.Max(1, options.Value.ChunkSize)))
            {
                try
                {
                    await WriteChunkAsync(importId, evaluator, chunk, codes, duplicates, headers, ids, counts, ct, timer);
                }
                catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
                {
                    // A concurrent change (e.g. the same tax code registered meanwhile): write the chunk's rows one by one instead.
                    logger.LogWarning(ex, "Import {ImportId}: a chunk failed to save; writing its rows one by one", importId);
                    db.Context.ChangeTracker.Clear();
                    foreach (var row in chunk)
                    {
                        try
                        {
                            await WriteChunkAsync(importId, evaluator, [row], codes, duplicates, headers, ids, counts, ct);
                        }
                        catch (Exception rowEx) when (rowEx is DbUpdateException or System.Data.Common.DbException)
                        {
                            db.Context.ChangeTracker.Clear();
                            logger.LogWarning(rowEx, "Import {ImportId}: row {RowNumber} could not be written", importId, row.RowNumber);
                            var errors = JsonSerializer.Serialize(new[] { StoredCellError.InEveryCulture(
                                headers.GetValueOrDefault(ImportColumns.TaxCode, "Mã số thuế"), "Import.RowConflict") }, Json);
                            await db.ImportRows.Where(r => r.Id == ids[row.RowNumber]).ExecuteUpdateAsync(s => s
                                .SetProperty(r => r.Outcome, EnterpriseImportRowOutcome.Error).SetProperty(r => r.Errors, errors), ct);
                            counts.Errors++;
                            counts.Processed++;
                            await SaveCountsAsync(importId, counts, ct);
                        }
                    }
                }
            }

            timer.Log();
            var done = clock.GetUtcNow();
            await db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, EnterpriseImportStatus.Completed).SetProperty(i => i.CompletedAt, done), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Import {ImportId} failed", importId);
            db.Context.ChangeTracker.Clear();
            var message = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            var done = clock.GetUtcNow();
            await db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, EnterpriseImportStatus.Failed).SetProperty(i => i.FailureMessage, message)
                .SetProperty(i => i.CompletedAt, done), CancellationToken.None);
            return true;
        }
    }

    private sealed class Counts
    {
        public int Processed;
        public int Created;
        public int Updated;
        public int Unchanged;
        public int Errors;
    }

    private Task<int> SaveCountsAsync(Guid importId, Counts c, CancellationToken ct) =>
        db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.ProcessedRows, c.Processed).SetProperty(i => i.CreatedCount, c.Created)
            .SetProperty(i => i.UpdatedCount, c.Updated).SetProperty(i => i.UnchangedCount, c.Unchanged)
            .SetProperty(i => i.ErrorCount, c.Errors), ct);

    private async Task WriteChunkAsync(Guid importId, RowEvaluator evaluator, (int RowNumber, IReadOnlyDictionary<string, string?> Cells)[] chunk,
        Dictionary<int, (string? Code, string? Error)> codes, Dictionary<string, List<int>> duplicates, IReadOnlyDictionary<string, string> headers,
        Dictionary<int, Guid> ids, Counts counts, CancellationToken ct, ImportPhaseTimer? timer = null)
    {
        var local = new Counts();
        await using var tx = await db.Context.Database.BeginTransactionAsync(ct);
        // The enterprises to update are read untracked: they are written below with one prepared command, not through the change tracker.
        var plans = await PlanChunkAsync(evaluator, chunk, codes, duplicates, headers, tracking: false, ct, timer);
        var applying = timer?.Measure("apply");
        var written = new List<(RowPlan Plan, Enterprise? Enterprise, Contact? Contact, Snapshot? Old)>(plans.Count);
        var created = new List<Enterprise>();
        var updated = new List<(Enterprise Entity, object?[] Original)>();
        var newContacts = new List<Contact>();
        foreach (var plan in plans)
        {
            Enterprise? enterprise = null;
            Contact? contact = null;
            Snapshot? old = null;
            switch (plan.Outcome)
            {
                case EnterpriseImportRowOutcome.Create:
                    enterprise = new Enterprise { TaxCode = plan.TaxCode! };
                    EnterpriseAppService.Apply(enterprise, plan.Input!, plan.ProvinceCode, plan.WardCode);
                    created.Add(enterprise);
                    local.Created++;
                    break;
                case EnterpriseImportRowOutcome.Update:
                    enterprise = plan.Existing!;
                    old = Snapshot.Of(enterprise);
                    var original = RowBulkWriter.CaptureOriginal(db.Context, enterprise);
                    EnterpriseAppService.Apply(enterprise, plan.Input!, plan.ProvinceCode, plan.WardCode);
                    updated.Add((enterprise, original));
                    local.Updated++;
                    break;
                case EnterpriseImportRowOutcome.Unchanged:
                    local.Unchanged++;
                    break;
                default:
                    local.Errors++;
                    break;
            }

            if (enterprise is not null && plan.NewContact is { } nc)
            {
                contact = new Contact { EnterpriseId = enterprise.Id };
                EnterpriseProfileAppService.ApplyContact(contact, nc.Input, nc.Email, nc.Mobile);
                newContacts.Add(contact);
            }

            written.Add((plan, enterprise, contact, old));
        }

        applying?.Dispose();

        // SQLite runs one statement per entity through the unit of work (no batching), which made the saves most of an import's time: the
        // updated enterprises, the new enterprises and contacts, with their audit entries (who = the submitter, what = old and new values,
        // as the audit interceptor writes them), and the rows' outcomes are written with prepared commands reused for every row, all in the
        // chunk's transaction. Each written enterprise gets its new concurrency stamp here, before it is written, so that the row's outcome
        // records the stamp after the import (a different stamp later means someone changed the record after the import, and revert refuses).
        var context = db.Context;
        var actor = SmeSupport.Security.AuditActor.Current;
        var at = clock.GetUtcNow();
        foreach (var w in written)
        {
            if (w.Enterprise is { } enterprise)
            {
                enterprise.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            }
        }

        IReadOnlyList<Enterprise> conflicts;
        using (timer?.Measure("save updated"))
        {
            // Guarded by the stamp each enterprise was read with: one changed meanwhile is not overwritten, its row is reported instead.
            conflicts = await RowBulkWriter.UpdateAuditedAsync(context, updated, actor?.Id, actor?.Email, at, ct);
        }

        var changedMeanwhile = new HashSet<int>();
        if (conflicts.Count > 0)
        {
            var lost = conflicts.Select(e => e.Id).ToHashSet();
            for (var i = 0; i < written.Count; i++)
            {
                if (written[i] is { Enterprise: { } e, Plan: var plan } && plan.Outcome == EnterpriseImportRowOutcome.Update && lost.Contains(e.Id))
                {
                    logger.LogWarning("Import {ImportId}: row {Row} not written, enterprise {EnterpriseId} was changed meanwhile", importId, plan.RowNumber, e.Id);
                    plan.Outcome = EnterpriseImportRowOutcome.Error;
                    plan.Changes.Clear();
                    changedMeanwhile.Add(plan.RowNumber);
                    plan.Errors.Clear();
                    plan.Errors.Add(new ImportCellErrorDto(headers.GetValueOrDefault(ImportColumns.TaxCode, "Mã số thuế"),
                        EnterprisesText.Get("Import.RowChangedMeanwhile")));
                    if (written[i].Contact is { } c)
                    {
                        newContacts.Remove(c);
                    }

                    written[i] = (plan, null, null, null);
                    local.Updated--;
                    local.Errors++;
                }
            }
        }

        var cultures = timer?.Measure("errors in cultures");

        // The job runs in the process culture, and the rows are read later by people in theirs: the messages of the rows in error are
        // kept in every UI culture (the few rows in error are planned again, read-only, in each), and shown in the reader's.
        var inError = plans.Where(p => p.Errors.Count > 0 && !changedMeanwhile.Contains(p.RowNumber)).Select(p => p.RowNumber).ToHashSet();
        var inCultures = await ErrorsInCulturesAsync(evaluator, chunk.Where(r => inError.Contains(r.RowNumber)).ToList(), codes, duplicates, headers, ct);

        cultures?.Dispose();
        var outcomes = timer?.Measure("row outcomes");
        var rowsWritten = new List<EnterpriseImportRow>(written.Count);
        foreach (var (plan, enterprise, contact, old) in written)
        {
            rowsWritten.Add(new EnterpriseImportRow
            {
                Id = ids[plan.RowNumber],
                ImportId = importId,
                RowNumber = plan.RowNumber,
                Outcome = plan.Outcome,
                TaxCode = plan.TaxCode is { Length: > 40 } t ? t[..40] : plan.TaxCode,
                EnterpriseId = enterprise?.Id ?? plan.Existing?.Id,
                ContactId = contact?.Id,
                StampAfterImport = enterprise?.ConcurrencyStamp,
                Changes = plan.Changes.Count > 0 ? JsonSerializer.Serialize(plan.Changes, Json) : null,
                Errors = changedMeanwhile.Contains(plan.RowNumber)
                    ? JsonSerializer.Serialize(new[] { StoredCellError.InEveryCulture(plan.Errors[0].Column, "Import.RowChangedMeanwhile") }, Json)
                    : plan.Errors.Count > 0 ? JsonSerializer.Serialize(StoredCellError.Of(plan.Errors, inCultures.GetValueOrDefault(plan.RowNumber)), Json) : null,
                OldValues = old is null ? null : JsonSerializer.Serialize(old, Json),
            });
        }

        outcomes?.Dispose();

        using (timer?.Measure("insert created"))
        {
            await RowBulkWriter.InsertAuditedAsync(context, created, actor?.Id, actor?.Email, at, ct);
            await RowBulkWriter.InsertAuditedAsync(context, newContacts, actor?.Id, actor?.Email, at, ct);
        }

        using (timer?.Measure("update rows"))
        {
            await RowBulkWriter.UpdateAsync(context, rowsWritten,
            [
                nameof(EnterpriseImportRow.Outcome), nameof(EnterpriseImportRow.TaxCode), nameof(EnterpriseImportRow.EnterpriseId),
                nameof(EnterpriseImportRow.ContactId), nameof(EnterpriseImportRow.StampAfterImport), nameof(EnterpriseImportRow.Changes),
                nameof(EnterpriseImportRow.Errors), nameof(EnterpriseImportRow.OldValues),
            ], ct);
        }

        var committing = timer?.Measure("counts, commit, clear");

        counts.Processed += chunk.Length;
        counts.Created += local.Created;
        counts.Updated += local.Updated;
        counts.Unchanged += local.Unchanged;
        counts.Errors += local.Errors;
        await SaveCountsAsync(importId, counts, ct);
        await tx.CommitAsync(ct);
        db.Context.ChangeTracker.Clear();

        // No SaveChanges ran for the enterprises and contacts written: tell the in-memory search index, as a save of them would.
        if (local.Created + local.Updated > 0)
        {
            EnterpriseSearchIndex.Bump();
        }

        committing?.Dispose();
    }

    /// <summary>The UI cultures the stored row messages are kept in (Vietnamese, the default, and English).</summary>
    internal static readonly string[] MessageCultures = ["vi", "en"];

    /// <summary>Row number → culture → the row's errors planned in that culture.</summary>
    private async Task<Dictionary<int, Dictionary<string, List<ImportCellErrorDto>>>> ErrorsInCulturesAsync(RowEvaluator evaluator,
        List<(int RowNumber, IReadOnlyDictionary<string, string?> Cells)> rows, Dictionary<int, (string? Code, string? Error)> codes,
        Dictionary<string, List<int>> duplicates, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        var result = new Dictionary<int, Dictionary<string, List<ImportCellErrorDto>>>();
        if (rows.Count == 0)
        {
            return result;
        }

        var (culture, uiCulture) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        try
        {
            foreach (var name in MessageCultures)
            {
                var c = System.Globalization.CultureInfo.GetCultureInfo(name);
                System.Globalization.CultureInfo.CurrentCulture = c;
                System.Globalization.CultureInfo.CurrentUICulture = c;
                foreach (var plan in await PlanChunkAsync(evaluator, rows, codes, duplicates, headers, tracking: false, ct))
                {
                    if (!result.TryGetValue(plan.RowNumber, out var byCulture))
                    {
                        result[plan.RowNumber] = byCulture = new Dictionary<string, List<ImportCellErrorDto>>(StringComparer.Ordinal);
                    }

                    byCulture[name] = [.. plan.Errors];
                }
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = uiCulture;
        }

        return result;
    }

    /// <summary>Keeps a submitted file as a queued batch with one row per data row.</summary>
    public async Task<EnterpriseImport> StoreAsync(ParsedImportFile file, string fileName, string? email, CancellationToken ct)
    {
        var batch = new EnterpriseImport
        {
            FileName = Path.GetFileName(fileName) is { Length: > 0 } n ? (n.Length > EnterpriseImport.FileNameMaxLength ? n[..EnterpriseImport.FileNameMaxLength] : n) : "import",
            Format = file.Format == EnterpriseFileFormat.Xlsx ? "xlsx" : "csv",
            Status = EnterpriseImportStatus.Queued,
            TotalRows = file.Rows.Count,
            SubmittedByEmail = email,
            Columns = JsonSerializer.Serialize(file.Headers, Json),
        };
        var rows = new List<EnterpriseImportRow>(file.Rows.Count);
        foreach (var (number, cells) in file.Rows)
        {
            var tax = cells.GetValueOrDefault(ImportColumns.TaxCode);
            rows.Add(new EnterpriseImportRow
            {
                ImportId = batch.Id,
                RowNumber = number,
                TaxCode = tax is { Length: > 40 } ? tax[..40] : tax,
                Input = JsonSerializer.Serialize(cells, Json),
                Outcome = EnterpriseImportRowOutcome.Pending,
            });
        }

        // The batch (audited) through the unit of work; its rows (not audited, never changed by users) with one prepared command
        // reused for every row, in the same transaction: all or nothing.
        await using (var tx = await db.Context.Database.BeginTransactionAsync(ct))
        {
            db.Imports.Add(batch);
            await db.Context.SaveChangesAsync(ct);
            await RowBulkWriter.InsertAsync(db.Context, rows, ct);
            await tx.CommitAsync(ct);
        }

        db.Context.ChangeTracker.Clear();
        return batch;
    }

    /// <summary>Reverts a completed batch in one transaction (see <see cref="IEnterpriseImportAppService.RevertAsync"/>).</summary>
    public async Task RevertAsync(Guid importId, Guid? userId, CancellationToken ct)
    {
        var batch = await db.Imports.FirstOrDefaultAsync(i => i.Id == importId, ct) ?? throw new EntityNotFoundException("EnterpriseImport", importId);
        if (batch.Status != EnterpriseImportStatus.Completed)
        {
            throw new BusinessException(EnterprisesErrorCodes.ImportNotRevertible, batch.Status switch
            {
                EnterpriseImportStatus.Reverted => "This import has already been reverted.",
                EnterpriseImportStatus.Failed => "This import failed; it cannot be reverted as a whole.",
                _ => "This import has not finished yet; revert it once it has completed.",
            }, 409)
            {
                MessageArgs = [EnterprisesErrorMessages.Part("ImportNotRevertible." + batch.Status switch
                {
                    EnterpriseImportStatus.Reverted => "Reverted",
                    EnterpriseImportStatus.Failed => "Failed",
                    _ => "NotFinished",
                })],
            };
        }

        var rows = await db.ImportRows.AsNoTracking()
            .Where(r => r.ImportId == importId && (r.Outcome == EnterpriseImportRowOutcome.Create || r.Outcome == EnterpriseImportRowOutcome.Update))
            .OrderBy(r => r.RowNumber).ToListAsync(ct);
        var enterpriseIds = rows.Select(r => r.EnterpriseId!.Value).Distinct().ToList();
        var enterprises = new Dictionary<Guid, Enterprise>();
        foreach (var chunk in enterpriseIds.Chunk(500))
        {
            foreach (var e in await db.Enterprises.IgnoreQueryFilters().Where(e => chunk.Contains(e.Id)).ToListAsync(ct))
            {
                enterprises[e.Id] = e;
            }
        }

        var changed = rows.Where(r => !enterprises.TryGetValue(r.EnterpriseId!.Value, out var e) || e.IsDeleted
                                      || !string.Equals(e.ConcurrencyStamp, r.StampAfterImport, StringComparison.Ordinal)).ToList();
        if (changed.Count > 0)
        {
            var ex = new BusinessException(EnterprisesErrorCodes.ImportChangedSince,
                $"{changed.Count} enterprise(s) written by this import were changed or deleted afterwards (rows {string.Join(", ", changed.Take(20).Select(r => r.RowNumber))}"
                + (changed.Count > 20 ? ", …" : "") + "). Nothing was reverted: undo those changes by hand, or edit the records directly.", 409)
            {
                MessageArgs = [EnterprisesErrorMessages.Part("ImportChangedSince.Changed", changed.Count,
                    string.Join(", ", changed.Take(20).Select(r => r.RowNumber)) + (changed.Count > 20 ? ", …" : ""))],
            };
            ex.Extensions["rows"] = changed.Take(EnterpriseImportAppService.MaxListed)
                .Select(r => new { r.RowNumber, r.TaxCode, r.EnterpriseId, Reasons = ChangedReason }).ToList();
            ex.Extensions["totalRows"] = changed.Count;
            ex.Extensions["changedCount"] = changed.Count;
            ex.Extensions["truncated"] = changed.Count > EnterpriseImportAppService.MaxListed;
            throw ex;
        }

        var contactIds = rows.Where(r => r.ContactId is not null).Select(r => r.ContactId!.Value).ToList();
        foreach (var chunk in contactIds.Chunk(500))
        {
            foreach (var c in await db.Contacts.Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
            {
                db.Contacts.Remove(c); // soft delete by the audit interceptor
            }
        }

        foreach (var row in rows)
        {
            var e = enterprises[row.EnterpriseId!.Value];
            if (row.Outcome == EnterpriseImportRowOutcome.Create)
            {
                db.Enterprises.Remove(e); // soft delete
            }
            else if (row.OldValues is { } json && JsonSerializer.Deserialize<Snapshot>(json, Json) is { } old)
            {
                old.ApplyTo(e);
            }
        }

        batch.Status = EnterpriseImportStatus.Reverted;
        batch.RevertedAt = clock.GetUtcNow();
        batch.RevertedBy = userId;
        await db.Context.SaveChangesAsync(ct); // one transaction: all or nothing
    }
}

/// <summary>
/// One stored cell error of an import row: the column, the message in the culture the job ran in, and the message in each UI culture
/// (<see cref="EnterpriseImportProcessor.MessageCultures"/>) so that the row is shown in the reader's language.
/// </summary>
/// <param name="Column">The column's header as written.</param>
/// <param name="Message">The message in the job's culture (the fallback).</param>
/// <param name="Messages">Culture name (<c>vi</c>, <c>en</c>) → message; null for rows stored before messages were kept per culture.</param>
internal sealed record StoredCellError(string Column, string Message, Dictionary<string, string>? Messages = null)
{
    /// <summary>The errors to store: each with its messages in every culture where the re-planned row gave the same column at the same place.</summary>
    public static List<StoredCellError> Of(List<ImportCellErrorDto> errors, Dictionary<string, List<ImportCellErrorDto>>? inCultures) =>
        errors.Select((e, i) =>
        {
            Dictionary<string, string>? messages = null;
            if (inCultures is not null)
            {
                messages = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (culture, list) in inCultures)
                {
                    if (i < list.Count && list[i].Column == e.Column)
                    {
                        messages[culture] = list[i].Message;
                    }
                }
            }

            return new StoredCellError(e.Column, e.Message, messages is { Count: > 0 } ? messages : null);
        }).ToList();

    /// <summary>
    /// An error whose message is the text <paramref name="key"/> of <see cref="EnterprisesText"/> in every culture of
    /// <see cref="EnterpriseImportProcessor.MessageCultures"/> (the fallback in the first, Vietnamese).
    /// </summary>
    public static StoredCellError InEveryCulture(string column, string key)
    {
        var messages = EnterpriseImportProcessor.MessageCultures.ToDictionary(c => c,
            c => EnterprisesText.GetIn(key, System.Globalization.CultureInfo.GetCultureInfo(c)) ?? key, StringComparer.Ordinal);
        return new StoredCellError(column, messages[EnterpriseImportProcessor.MessageCultures[0]], messages);
    }

    /// <summary>The error as shown to a reader in <paramref name="culture"/>: its message in that language when kept, else as stored.</summary>
    public ImportCellErrorDto For(System.Globalization.CultureInfo culture)
    {
        var message = Messages is null ? null
            : Messages.GetValueOrDefault(culture.Name) ?? Messages.GetValueOrDefault(culture.TwoLetterISOLanguageName)
              ?? Messages.GetValueOrDefault(EnterpriseImportProcessor.MessageCultures[0]);
        return new ImportCellErrorDto(Column, message ?? Message);
    }
}
