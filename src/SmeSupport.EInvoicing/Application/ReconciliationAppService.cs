using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmeSupport.Application;
using SmeSupport.Domain;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Domain;
using SmeSupport.EInvoicing.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Timing;

namespace SmeSupport.EInvoicing.Application;

/// <summary>
/// Reconciliation with the tax office: import (read, match, classify, keep), list, read rows, accept. Enterprises are reached only
/// through <see cref="IEnterpriseLookup"/>; nothing in the adoption records changes before staff accept.
/// </summary>
internal sealed class ReconciliationAppService(EInvoicingDb db, IEnterpriseLookup enterprises, TimeProvider clock, ICurrentUser currentUser,
    ILogger<ReconciliationAppService> logger, CodedTextRenderer texts)
    : IEInvoiceReconciliationAppService
{
    private const int Chunk = 10_000;

    public async Task<ReconciliationImportDto> ImportAsync(Stream content, string fileName, bool branchesToParent,
        CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var table = TaxOfficeFile.Read(content, fileName);
        var columns = MapColumns(table.Header);
        var providers = await db.Providers.AsNoTracking().Select(p => new { p.Id, p.Name, p.Company }).ToListAsync(cancellationToken);
        var providerIndex = providers.Select(p => (p.Id, Name: TaxOfficeFile.FoldHeader(p.Name), Company: TaxOfficeFile.FoldHeader(p.Company))).ToList();
        var today = VietnamTime.Today(clock);

        var import = new ReconciliationImport
        {
            FileName = Truncate(Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "upload" : fileName), ReconciliationImport.FileNameMaxLength)!,
            Format = table.Format,
            BranchesToParent = branchesToParent,
            Columns = string.Join('\n', columns.Select((f, i) => f is null ? null : $"{table.Header[i]} → {f}").OfType<string>()),
        };

        // 1. Read each row.
        var rows = new List<(ReconciliationRow Row, TaxCode? Code, List<string> Errors, List<string> Notes)>(table.Rows.Count);
        foreach (var (number, cells) in table.Rows)
        {
            var row = new ReconciliationRow { ImportId = import.Id, RowNumber = number };
            var errors = new List<string>();
            var notes = new List<string>();
            TaxCode? code = null;
            string? Get(TaxOfficeField field)
            {
                var i = Array.IndexOf(columns, field);
                return i >= 0 && i < cells.Length ? cells[i] : null;
            }

            var taxText = Get(TaxOfficeField.TaxCode);
            if (TaxOfficeFile.IsNumericCell(taxText, out var digits))
            {
                // A code typed into a numeric Excel cell loses its leading zero (e.g. 0100109106 → 100109106).
                taxText = digits.Length is 9 or 11 ? "0" + digits : digits;
            }

            row.TaxCodeText = Truncate(taxText, ReconciliationRow.TextMaxLength);
            if (string.IsNullOrWhiteSpace(taxText))
            {
                errors.Add(CodedText.Of("Row.EmptyTaxCode"));
            }
            else if (!TaxCode.TryParse(taxText, out code, out TaxCodeError taxError))
            {
                errors.Add(CodedText.Of("Row.MalformedTaxCode", taxText, taxError));
            }
            else
            {
                row.TaxCode = code.Value;
            }

            var statusText = Plain(Get(TaxOfficeField.Status));
            row.StatusText = Truncate(statusText, ReconciliationRow.TextMaxLength);
            if (string.IsNullOrWhiteSpace(statusText))
            {
                errors.Add(CodedText.Of("Row.EmptyStatus"));
            }
            else if (TaxOfficeFile.TryParseStatus(statusText, out var step))
            {
                row.TheirStep = step;
            }
            else
            {
                errors.Add(CodedText.Of("Row.UnknownStatus", statusText));
            }

            var kindText = Plain(Get(TaxOfficeField.Kind));
            if (!string.IsNullOrWhiteSpace(kindText))
            {
                if (TaxOfficeFile.TryParseKind(kindText, out var kind))
                {
                    row.TheirKind = kind;
                }
                else
                {
                    errors.Add(CodedText.Of("Row.UnknownKind", kindText));
                }
            }

            var providerText = Plain(Get(TaxOfficeField.Provider));
            row.ProviderText = Truncate(providerText, ReconciliationRow.TextMaxLength);
            if (!string.IsNullOrWhiteSpace(providerText))
            {
                var folded = TaxOfficeFile.FoldHeader(providerText);
                var exact = providerIndex.Where(p => p.Name == folded || p.Company == folded).ToList();
                var loose = exact.Count > 0 ? exact
                    : providerIndex.Where(p => p.Name.Contains(folded, StringComparison.Ordinal) || folded.Contains(p.Name, StringComparison.Ordinal)
                                               || p.Company.Contains(folded, StringComparison.Ordinal)).ToList();
                if (loose.Count == 1)
                {
                    row.TheirProviderId = loose[0].Id;
                }
                else
                {
                    notes.Add(CodedText.Of(loose.Count == 0 ? "Row.UnknownProvider" : "Row.AmbiguousProvider", providerText));
                }
            }

            row.SubmittedDate = ReadDate(Get(TaxOfficeField.SubmittedDate), table.Header, columns, TaxOfficeField.SubmittedDate, today, errors);
            row.AcceptedDate = ReadDate(Get(TaxOfficeField.AcceptedDate), table.Header, columns, TaxOfficeField.AcceptedDate, today, errors);
            row.RefusedDate = ReadDate(Get(TaxOfficeField.RefusedDate), table.Header, columns, TaxOfficeField.RefusedDate, today, errors);
            row.FirstInvoiceDate = ReadDate(Get(TaxOfficeField.FirstInvoiceDate), table.Header, columns, TaxOfficeField.FirstInvoiceDate, today, errors);
            row.StatusDate = ReadDate(Get(TaxOfficeField.StatusDate), table.Header, columns, TaxOfficeField.StatusDate, today, errors);

            if (cells.Length > table.Header.Count && cells.Skip(table.Header.Count).Any(c => c is not null))
            {
                errors.Add(CodedText.Of("Row.TooManyCells", cells.Length, table.Header.Count));
            }

            rows.Add((row, code, errors, notes));
        }

        var readMs = watch.ElapsedMilliseconds;

        // 2. Match by canonical tax code (and the parent's, for branches, when asked).
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, code, _, _) in rows)
        {
            if (code is null)
            {
                continue;
            }

            wanted.Add(code.Value);
            if (code.Parent is { } parent) // looked up either way: when not asked, to say that the parent is known
            {
                wanted.Add(parent.Value);
            }
        }

        var known = await enterprises.FindByTaxCodesAsync(wanted.ToList(), cancellationToken);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, code, errors, notes) in rows)
        {
            if (code is null)
            {
                continue;
            }

            EnterpriseSummaryDto? match = null;
            if (branchesToParent && code.Parent is { } parent && known.TryGetValue(parent.Value, out var p))
            {
                match = p;
                notes.Add(CodedText.Of("Row.BranchToParent", code.Value, parent.Value));
            }
            else if (known.TryGetValue(code.Value, out var e))
            {
                match = e;
            }

            var key = match is null ? "code:" + code.Value : "id:" + match.Id;
            if (firstRowOf.TryGetValue(key, out var first))
            {
                errors.Add(match is not null && match.TaxCode != code.Value
                    ? CodedText.Of("Row.DuplicateEnterprise", code.Value, match.TaxCode, first)
                    : CodedText.Of("Row.DuplicateTaxCode", code.Value, first));
                continue;
            }

            firstRowOf[key] = row.RowNumber;
            if (match is not null)
            {
                row.EnterpriseId = match.Id;
                row.MatchedTaxCode = match.TaxCode;
            }
            else if (!branchesToParent && code.Parent is { } parentCode && known.ContainsKey(parentCode.Value))
            {
                notes.Add(CodedText.Of("Row.BranchParentKnown", code.Value, parentCode.Value));
            }
        }

        var matchMs = watch.ElapsedMilliseconds;

        // 3. Compare with our records.
        var ids = rows.Where(r => r.Row.EnterpriseId is not null && r.Errors.Count == 0).Select(r => r.Row.EnterpriseId!.Value).ToList();
        var ours = await LoadOursAsync(ids, cancellationToken);
        foreach (var (row, _, errors, notes) in rows)
        {
            var messages = new List<string>();
            if (errors.Count > 0)
            {
                row.Outcome = ReconciliationOutcome.Error;
                messages.AddRange(errors);
            }
            else if (row.EnterpriseId is not { } enterpriseId)
            {
                row.Outcome = ReconciliationOutcome.UnknownTaxCode;
                messages.Add(CodedText.Of("Row.UnknownTaxCode", row.TaxCode));
            }
            else
            {
                var our = ours.GetValueOrDefault(enterpriseId, OurFacts.None);
                row.OurStep = our.Step;
                row.OurStepDate = our.Date;
                var comparison = ReconciliationRules.Compare(our, row.Theirs);
                row.Outcome = comparison.Outcome;
                row.Direction = comparison.Direction;
                if (comparison.Outcome == ReconciliationOutcome.Change)
                {
                    row.PlannedSteps = ReconciliationRules.FormatPlan(comparison.Plan);
                    row.KindChange = comparison.KindChange;
                    row.ProviderChange = comparison.ProviderChange;
                }

                if (comparison.Message is not null)
                {
                    messages.Add(comparison.Message);
                }
            }

            messages.AddRange(notes);
            row.Messages = Truncate(messages.Count == 0 ? null : string.Join('\n', messages), ReconciliationRow.MessagesMaxLength);
        }

        import.TotalRows = rows.Count;
        import.Matches = rows.Count(r => r.Row.Outcome == ReconciliationOutcome.Match);
        import.Changes = rows.Count(r => r.Row.Outcome == ReconciliationOutcome.Change);
        import.Conflicts = rows.Count(r => r.Row.Outcome == ReconciliationOutcome.Conflict);
        import.UnknownTaxCodes = rows.Count(r => r.Row.Outcome == ReconciliationOutcome.UnknownTaxCode);
        import.Errors = rows.Count(r => r.Row.Outcome == ReconciliationOutcome.Error);

        var compareMs = watch.ElapsedMilliseconds;

        // 4. Keep the import and its rows (only the import and its rows are written), in one transaction. The import is audited (through
        // SaveChanges); its rows are immutable and not audited, so on SQLite they are inserted with one prepared command instead of
        // being tracked (100,000 tracked rows made the save most of the import's time). Other providers keep EF Core's batched inserts.
        var ownTransaction = db.Context.Database.CurrentTransaction is null
            ? await db.Context.Database.BeginTransactionAsync(cancellationToken)
            : null;
        var detect = db.Context.ChangeTracker.AutoDetectChangesEnabled;
        db.Context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Imports.Add(import);
            if (db.Context.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                await db.Context.SaveChangesAsync(cancellationToken);
                await SmeSupport.Data.RowBulkWriter.InsertAsync(db.Context, rows.Select(r => r.Row).ToList(), cancellationToken);
            }
            else
            {
                db.Rows.AddRange(rows.Select(r => r.Row));
                await db.Context.SaveChangesAsync(cancellationToken);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }

            db.Context.ChangeTracker.AutoDetectChangesEnabled = detect;
            db.Context.ChangeTracker.Clear();
        }

        logger.LogInformation("Reconciliation import {File}: {Rows} rows; read {Read} ms, match {Match} ms, compare {Compare} ms, save {Save} ms",
            import.FileName, rows.Count, readMs, matchMs - readMs, compareMs - matchMs, watch.ElapsedMilliseconds - compareMs);
        return ToDto(import);
    }

    private static string? Plain(string? text) => TaxOfficeFile.IsNumericCell(text, out var digits) ? digits : text;

    private static DateOnly? ReadDate(string? text, IReadOnlyList<string> header, TaxOfficeField?[] columns, TaxOfficeField field, DateOnly today,
        List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var name = header[Array.IndexOf(columns, field)];
        if (!TaxOfficeFile.TryParseDate(text, out var date))
        {
            errors.Add(CodedText.Of("Row.NotADate", Plain(text), name));
            return null;
        }

        if (date < TaxOfficeFile.EarliestDate)
        {
            errors.Add(CodedText.Of("Row.DateOutOfRange", Plain(text), name, TaxOfficeFile.EarliestDate, today));
            return null;
        }

        if (date > today)
        {
            errors.Add(CodedText.Of("Row.FutureDate", date, name));
            return null;
        }

        return date;
    }

    /// <summary>Maps each header cell to a field.</summary>
    /// <exception cref="BusinessException">Unknown (400 <see cref="ReconciliationErrorCodes.UnknownColumns"/>, named with their position, e.g.
    /// <c>'Foo' (#3)</c>), missing (400 <see cref="ReconciliationErrorCodes.MissingColumns"/>) or repeated (400
    /// <see cref="ReconciliationErrorCodes.RepeatedColumns"/>) columns.</exception>
    internal static TaxOfficeField?[] MapColumns(IReadOnlyList<string> header)
    {
        var fields = new TaxOfficeField?[header.Count];
        var unknown = new List<string>();
        var seen = new Dictionary<TaxOfficeField, string>();
        var repeated = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                unknown.Add($"#{i + 1}");
                continue;
            }

            if (!TaxOfficeFile.Headers.TryGetValue(TaxOfficeFile.FoldHeader(name), out var field))
            {
                unknown.Add($"'{name}' (#{i + 1})");
                continue;
            }

            fields[i] = field;
            if (field != TaxOfficeField.Ignored && !seen.TryAdd(field, name))
            {
                repeated.Add($"'{seen[field]}' = '{name}'");
            }
        }

        if (unknown.Count > 0)
        {
            throw new BusinessException(ReconciliationErrorCodes.UnknownColumns,
                $"Unknown columns: {string.Join(", ", unknown)}. Known columns: tax code (MST, Mã số thuế, Tax code), status (Trạng thái, Status), "
                + "kind (Loại hóa đơn, Kind), provider (Nhà cung cấp, Provider), dates (Ngày đăng ký, Ngày chấp nhận, Ngày từ chối, "
                + "Ngày xuất hóa đơn đầu tiên, Ngày; Registration date, Accepted date, Refused date, First invoice date, Date), and name or row number (ignored).",
                StatusCodes400, new Dictionary<string, string[]> { ["columns"] = unknown.ToArray() })
            {
                MessageArgs = [string.Join(", ", unknown)],
            };
        }

        var missing = new List<string>();
        if (!seen.ContainsKey(TaxOfficeField.TaxCode))
        {
            missing.Add("MST / Mã số thuế / Tax code");
        }

        if (!seen.ContainsKey(TaxOfficeField.Status))
        {
            missing.Add("Trạng thái / Status");
        }

        if (missing.Count > 0)
        {
            throw new BusinessException(ReconciliationErrorCodes.MissingColumns, $"Missing column: {string.Join("; ", missing)}.", StatusCodes400,
                new Dictionary<string, string[]> { ["columns"] = missing.ToArray() })
            {
                MessageArgs = [string.Join("; ", missing)],
            };
        }

        if (repeated.Count > 0)
        {
            throw new BusinessException(ReconciliationErrorCodes.RepeatedColumns, $"Repeated column: {string.Join("; ", repeated)}.", StatusCodes400,
                new Dictionary<string, string[]> { ["columns"] = repeated.ToArray() })
            {
                MessageArgs = [string.Join("; ", repeated)],
            };
        }

        return fields;
    }

    private const int StatusCodes400 = 400;

    private async Task<Dictionary<Guid, OurFacts>> LoadOursAsync(List<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, OurFacts>(ids.Count);
        if (ids.Count > 2_000)
        {
            // A large file: one pass over the adoption records beats many IN (…) queries.
            var wanted = ids.ToHashSet();
            await foreach (var a in db.Adoptions.AsNoTracking()
                               .Select(a => new { a.EnterpriseId, a.CurrentStep, a.CurrentStepDate, a.Kind, a.ProviderId })
                               .AsAsyncEnumerable().WithCancellation(ct))
            {
                if (wanted.Contains(a.EnterpriseId))
                {
                    result[a.EnterpriseId] = new OurFacts(a.CurrentStep, a.CurrentStepDate, a.Kind, a.ProviderId);
                }
            }

            return result;
        }

        foreach (var chunk in ids.Distinct().Chunk(Chunk))
        {
            var list = chunk.ToList();
            var rows = await db.Adoptions.AsNoTracking().Where(a => list.Contains(a.EnterpriseId))
                .Select(a => new { a.EnterpriseId, a.CurrentStep, a.CurrentStepDate, a.Kind, a.ProviderId }).ToListAsync(ct);
            foreach (var r in rows)
            {
                result[r.EnterpriseId] = new OurFacts(r.CurrentStep, r.CurrentStepDate, r.Kind, r.ProviderId);
            }
        }

        return result;
    }

    private static string? Truncate(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];

    public async Task<PagedResultDto<ReconciliationImportDto>> GetListAsync(PagedRequestDto paging, CancellationToken cancellationToken = default)
    {
        Paging.Check(paging, new FieldErrors()).ThrowIfAny();
        var total = await db.Imports.CountAsync(cancellationToken);
        var items = await db.Imports.AsNoTracking().OrderByDescending(i => i.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedResultDto<ReconciliationImportDto>(items.Select(ToDto).ToList(), total);
    }

    public async Task<ReconciliationImportDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        ToDto(await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
              ?? throw new EntityNotFoundException("Reconciliation import", id));

    public async Task<PagedResultDto<ReconciliationRowDto>> GetRowsAsync(Guid id, ReconciliationRowFilterDto filter,
        CancellationToken cancellationToken = default)
    {
        var errors = Paging.Check(filter, new FieldErrors());
        if (filter.Outcome is { } o && !Enum.IsDefined(o))
        {
            errors.Add("outcome", FieldText.Get("Field.OutcomeUnknown"));
        }

        errors.ThrowIfAny();
        await GetAsync(id, cancellationToken);
        var query = db.Rows.AsNoTracking().Where(r => r.ImportId == id);
        if (filter.Outcome is { } outcome)
        {
            query = query.Where(r => r.Outcome == outcome);
        }

        if (filter.Accepted is { } accepted)
        {
            query = accepted ? query.Where(r => r.AcceptedAt != null) : query.Where(r => r.AcceptedAt == null);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.RowNumber).Skip(filter.Skip).Take(filter.PageSize).ToListAsync(cancellationToken);
        return new PagedResultDto<ReconciliationRowDto>(rows.Select(r => ToDto(r, texts)).ToList(), total);
    }

    public async Task<AcceptReconciliationResultDto> AcceptAsync(Guid id, AcceptReconciliationDto input, CancellationToken cancellationToken = default)
    {
        var import = await db.Imports.FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
                     ?? throw new EntityNotFoundException("Reconciliation import", id);
        List<ReconciliationRow> rows;
        var named = input.RowNumbers is not null;
        if (named)
        {
            var numbers = input.RowNumbers!.Distinct().ToList();
            if (numbers.Count == 0)
            {
                new FieldErrors().Add("rowNumbers", FieldText.Get("Field.RowNumbersEmpty")).ThrowIfAny();
            }

            rows = [];
            foreach (var chunk in numbers.Chunk(Chunk))
            {
                var list = chunk.ToList();
                rows.AddRange(await db.Rows.Where(r => r.ImportId == id && list.Contains(r.RowNumber)).ToListAsync(cancellationToken));
            }

            var missing = numbers.Except(rows.Select(r => r.RowNumber)).Order().ToList();
            if (missing.Count > 0)
            {
                new FieldErrors().Add("rowNumbers", FieldText.Get("Field.RowNumbersMissing", string.Join(", ", missing.Take(20)))).ThrowIfAny();
            }

            var refused = rows.Where(r => r.Outcome != ReconciliationOutcome.Change || r.AcceptedAt is not null).OrderBy(r => r.RowNumber).ToList();
            if (refused.Count > 0)
            {
                var r = refused[0];
                throw new ConflictException(ReconciliationErrorCodes.RowNotAcceptable, r.AcceptedAt is not null
                    ? $"Row {r.RowNumber} was already accepted."
                    : $"Row {r.RowNumber} is {r.Outcome}, not a change that can be accepted."
                      + (refused.Count > 1 ? $" Rows not acceptable: {string.Join(", ", refused.Take(20).Select(x => x.RowNumber))}." : ""))
                {
                    MessageArgs = [r.RowNumber],
                };
            }
        }
        else
        {
            rows = await db.Rows.Where(r => r.ImportId == id && r.Outcome == ReconciliationOutcome.Change && r.AcceptedAt == null)
                .ToListAsync(cancellationToken);
        }

        rows = rows.OrderBy(r => r.RowNumber).ToList();

        // Enterprises deleted since the import: a named row is refused (409, nothing written); accept-all skips such rows and reports them.
        var alive = new HashSet<Guid>();
        foreach (var chunk in rows.Select(r => r.EnterpriseId!.Value).Distinct().Chunk(Chunk))
        {
            alive.UnionWith((await enterprises.GetManyAsync(chunk.ToList(), cancellationToken)).Keys);
        }

        var gone = rows.Where(r => !alive.Contains(r.EnterpriseId!.Value)).ToList();
        var skippedDeleted = new List<SkippedRowDto>();
        if (gone.Count > 0)
        {
            if (named)
            {
                var r = gone[0];
                throw new ConflictException(ReconciliationErrorCodes.RowNotAcceptable,
                    $"Row {r.RowNumber} is not acceptable: its enterprise was deleted after the import."
                    + (gone.Count > 1 ? $" Rows of deleted enterprises: {string.Join(", ", gone.Take(20).Select(x => x.RowNumber))}." : ""))
                {
                    MessageArgs = [r.RowNumber],
                };
            }

            skippedDeleted.AddRange(gone.Select(r => new SkippedRowDto(r.RowNumber, texts.Render(CodedText.Of("Accept.EnterpriseDeleted", r.RowNumber))!)));
            rows = rows.Where(r => alive.Contains(r.EnterpriseId!.Value)).ToList();
        }

        var adoptions = new Dictionary<Guid, EInvoiceAdoption>();
        foreach (var chunk in rows.Select(r => r.EnterpriseId!.Value).Distinct().Chunk(Chunk))
        {
            var list = chunk.ToList();
            foreach (var a in await db.Adoptions.Where(a => list.Contains(a.EnterpriseId)).ToListAsync(cancellationToken))
            {
                adoptions[a.EnterpriseId] = a;
            }
        }

        var now = clock.GetUtcNow();
        var accepted = new List<int>();
        var stale = new List<SkippedRowDto>(skippedDeleted);
        foreach (var row in rows)
        {
            var enterpriseId = row.EnterpriseId!.Value;
            var adoption = adoptions.GetValueOrDefault(enterpriseId);
            var ours = adoption is null ? OurFacts.None : new OurFacts(adoption.CurrentStep, adoption.CurrentStepDate, adoption.Kind, adoption.ProviderId);
            var now2 = ReconciliationRules.Compare(ours, row.Theirs);
            if (now2.Outcome != ReconciliationOutcome.Change || ReconciliationRules.FormatPlan(now2.Plan) != row.PlannedSteps
                || now2.KindChange != row.KindChange || now2.ProviderChange != row.ProviderChange)
            {
                var message = $"Row {row.RowNumber}: our record changed since the import (now {ours.Step}"
                              + (ours.Date is { } d ? $" since {d:yyyy-MM-dd}" : "") + "); import the file again to review it.";
                if (named)
                {
                    db.Context.ChangeTracker.Clear();
                    throw new ConflictException(ReconciliationErrorCodes.RowStale, message) { MessageArgs = [row.RowNumber] };
                }

                stale.Add(new SkippedRowDto(row.RowNumber, texts.Render(ours.Date is { } since
                    ? CodedText.Of("Accept.StaleSince", row.RowNumber, ours.Step, since)
                    : CodedText.Of("Accept.Stale", row.RowNumber, ours.Step))!));
                continue;
            }

            if (adoption is null)
            {
                adoption = new EInvoiceAdoption { EnterpriseId = enterpriseId };
                db.Adoptions.Add(adoption);
                adoptions[enterpriseId] = adoption;
            }

            foreach (var step in ReconciliationRules.ParsePlan(row.PlannedSteps))
            {
                var record = adoption.RecordStep(step.Step, step.Date, EInvoiceStepSource.TaxOfficeFile,
                    CodedText.Of("Note.TaxOfficeFile", import.FileName, row.RowNumber), now, currentUser.Id);
                if (db.Context.Entry(adoption).State != EntityState.Added)
                {
                    db.StepRecords.Add(record);
                }
            }

            adoption.Kind = row.KindChange ?? adoption.Kind;
            adoption.ProviderId = row.ProviderChange ?? adoption.ProviderId;
            row.AcceptedAt = now;
            row.AcceptedBy = currentUser.Id;
            accepted.Add(row.RowNumber);
        }

        import.Accepted += accepted.Count;
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Context.ChangeTracker.Clear();
            throw new ConflictException(ErrorCodes.ConcurrencyConflict, "Adoption records or this import changed while accepting; try again.");
        }
        catch (DbUpdateException)
        {
            db.Context.ChangeTracker.Clear();
            throw new ConflictException(ErrorCodes.ConcurrencyConflict, "An adoption record was created by someone else while accepting; try again.");
        }

        return new AcceptReconciliationResultDto { Accepted = accepted, Stale = stale.OrderBy(x => x.RowNumber).ToList() };
    }

    internal static ReconciliationImportDto ToDto(ReconciliationImport i) => new()
    {
        Id = i.Id,
        FileName = i.FileName,
        Format = i.Format,
        BranchesToParent = i.BranchesToParent,
        ImportedAt = i.CreatedAt,
        ImportedBy = i.CreatedBy,
        Columns = i.Columns.Length == 0 ? [] : i.Columns.Split('\n'),
        TotalRows = i.TotalRows,
        Matches = i.Matches,
        Changes = i.Changes,
        Conflicts = i.Conflicts,
        UnknownTaxCodes = i.UnknownTaxCodes,
        Errors = i.Errors,
        Accepted = i.Accepted,
    };

    /// <summary>A row for the reader: its messages rendered in the reader's language by <paramref name="texts"/>.</summary>
    internal static ReconciliationRowDto ToDto(ReconciliationRow r, CodedTextRenderer texts) => new()
    {
        RowNumber = r.RowNumber,
        TaxCodeText = r.TaxCodeText,
        TaxCode = r.TaxCode,
        MatchedTaxCode = r.MatchedTaxCode,
        EnterpriseId = r.EnterpriseId,
        StatusText = r.StatusText,
        TheirStep = r.TheirStep,
        TheirKind = r.TheirKind,
        ProviderText = r.ProviderText,
        TheirProviderId = r.TheirProviderId,
        OurStep = r.OurStep,
        OurStepDate = r.OurStepDate,
        Outcome = r.Outcome,
        Direction = r.Direction,
        PlannedSteps = ReconciliationRules.ParsePlan(r.PlannedSteps),
        KindChange = r.KindChange,
        ProviderChange = r.ProviderChange,
        Messages = string.IsNullOrEmpty(r.Messages) ? [] : r.Messages.Split('\n').Select(m => texts.Render(m)!).ToList(),
        AcceptedAt = r.AcceptedAt,
        AcceptedBy = r.AcceptedBy,
    };
}
