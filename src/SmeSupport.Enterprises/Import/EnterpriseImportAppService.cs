using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Errors;
using SmeSupport.Security;

namespace SmeSupport.Enterprises.Import;

/// <summary>Import (dry run, background import, revert) and export of enterprises; see <see cref="IEnterpriseImportAppService"/>.</summary>
internal sealed class EnterpriseImportAppService(EnterprisesDb db, EnterpriseImportProcessor processor, IEnterpriseAppService enterprises,
    ICurrentUser currentUser, IOptions<EnterpriseImportOptions> options, IServiceProvider services, ILogger<EnterpriseImportAppService> logger)
    : IEnterpriseImportAppService
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string CsvType = "text/csv; charset=utf-8";

    public DownloadFileDto GetTemplate(EnterpriseFileFormat format, bool english = false)
    {
        var header = ImportColumns.All.Select(c => english ? c.English : c.Vietnamese).ToList();
        var example = ImportColumns.All.Select(c => (object?)c.Example).ToList();
        var name = english ? "enterprise-import-template" : "mau-nhap-doanh-nghiep";
        return Write(format, name, header, [example]);
    }

    public async Task<ImportDryRunDto> DryRunAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Import);
        var bytes = await ReadLimitedAsync(content, options.Value.MaxFileBytes, cancellationToken);
        var file = EnterpriseImportProcessor.Parse(bytes, fileName, logger);
        return await processor.DryRunAsync(file, Path.GetFileName(fileName), cancellationToken);
    }

    public async Task<EnterpriseImportDto> SubmitAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Import);
        var bytes = await ReadLimitedAsync(content, options.Value.MaxFileBytes, cancellationToken);
        var file = EnterpriseImportProcessor.Parse(bytes, fileName, logger);
        var batch = await processor.StoreAsync(file, fileName, currentUser.Email, cancellationToken);
        if (services.GetService<IBackgroundJobClient>() is { } client)
        {
            // The embedded job store (SQLite) can time out on its locks when the machine is very busy: a few tries, spaced, before
            // giving up with a 503 (the batch stays queued and is listed; nothing is half-written).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    client.Enqueue<EnterpriseImportJob>(j => j.RunAsync(batch.Id, CancellationToken.None));
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < EnqueueAttempts)
                {
                    logger.LogWarning(ex, "Could not enqueue import {ImportId} (attempt {Attempt} of {Attempts}); trying again", batch.Id, attempt, EnqueueAttempts);
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not enqueue import {ImportId}", batch.Id);
                    throw new BusinessException(ErrorCodes.Internal, "The import was kept but its background job could not be started; try again later.", 503);
                }
            }
        }

        return await GetAsync(batch.Id, cancellationToken);
    }

    /// <summary>How many times submitting an import tries to queue its background job before answering 503.</summary>
    internal const int EnqueueAttempts = 4;

    /// <summary>Reads the whole stream, refusing more than <paramref name="max"/> bytes (413) and an empty one (400).</summary>
    internal static async Task<byte[]> ReadLimitedAsync(Stream content, long max, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw EnterpriseFileReader.Empty("The file is empty.", "Empty");
        }

        return buffer.ToArray();
    }

    /// <summary>413 Problem Details for a file over the limit.</summary>
    internal static BusinessException TooLarge(long max)
    {
        var ex = new BusinessException(EnterprisesErrorCodes.ImportFileTooLarge,
            $"The file is larger than the limit of {max / 1024.0 / 1024.0:0.#} MiB ({max:N0} bytes); split it into smaller files.", 413)
        {
            MessageArgs = [max / 1024.0 / 1024.0, max],
        };
        ex.Extensions["maxBytes"] = max;
        return ex;
    }

    public async Task<EnterpriseImportDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Import);
        var batch = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
                    ?? throw new EntityNotFoundException("EnterpriseImport", id);
        return ToDto(batch);
    }

    public async Task<PagedResultDto<EnterpriseImportDto>> GetListAsync(PagedRequestDto paging, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Import);
        ValidatePaging(paging);
        var total = await db.Imports.CountAsync(cancellationToken);
        var items = await db.Imports.AsNoTracking().OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedResultDto<EnterpriseImportDto>(items.Select(ToDto).ToList(), total);
    }

    public async Task<PagedResultDto<ImportRowResultDto>> GetRowsAsync(Guid id, EnterpriseImportRowOutcome? outcome, PagedRequestDto paging,
        CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Import);
        ValidatePaging(paging);
        if (outcome is { } o && !Enum.IsDefined(o))
        {
            new FieldErrors().Add("outcome", EnterprisesText.Get("Import.OutcomeUnknown")).ThrowIfAny();
        }

        if (!await db.Imports.AnyAsync(i => i.Id == id, cancellationToken))
        {
            throw new EntityNotFoundException("EnterpriseImport", id);
        }

        var query = db.ImportRows.AsNoTracking().Where(r => r.ImportId == id);
        if (outcome is { } wanted)
        {
            query = query.Where(r => r.Outcome == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.RowNumber).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var dtos = rows.Select(ToDto).ToList();

        // The changes as the reader sees them (labels, legal forms, amounts, place names), as the timeline shows them.
        var (provinceCodes, wardCodes) = ImportChangeText.Codes(dtos.SelectMany(d => d.Changes));
        var provinces = provinceCodes.Count == 0 ? [] : await db.Provinces.AsNoTracking().Where(p => provinceCodes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken);
        var wards = wardCodes.Count == 0 ? [] : await db.Wards.AsNoTracking().Where(w => wardCodes.Contains(w.Code))
            .ToDictionaryAsync(w => w.Code, w => w.Name, cancellationToken);
        dtos = dtos.Select(d => d with
        {
            Changes = ImportChangeText.Show(d.Changes, code => provinces.GetValueOrDefault(code), code => wards.GetValueOrDefault(code)),
        }).ToList();
        return new PagedResultDto<ImportRowResultDto>(dtos, total);
    }

    public async Task<EnterpriseImportDto> RevertAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Import);
        await RefuseWhenCreatedEnterprisesHaveActivityAsync(id, cancellationToken);
        try
        {
            await processor.RevertAsync(id, currentUser.Id, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A parallel revert (or an edit) won the race: read everything again and re-run the checks, so that the loser hears
            // the specific answer (ImportNotRevertible "already reverted", or ImportChangedSince), not the generic conflict.
            db.Context.ChangeTracker.Clear();
            await processor.RevertAsync(id, currentUser.Id, cancellationToken);
        }
        catch (BusinessException ex) when (ex.Code == EnterprisesErrorCodes.ImportChangedSince)
        {
            // A parallel revert may have committed between our read of the batch and our read of its records (which it had just
            // changed): then the records did not change "since the import", the import was reverted.
            if (await db.Imports.AsNoTracking().AnyAsync(i => i.Id == id && i.Status == EnterpriseImportStatus.Reverted, cancellationToken))
            {
                throw new BusinessException(EnterprisesErrorCodes.ImportNotRevertible, "This import has already been reverted.", 409)
                {
                    MessageArgs = [EnterprisesErrorMessages.Part("ImportNotRevertible.Reverted")],
                };
            }

            throw;
        }

        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// Refuses the revert (409 <see cref="EnterprisesErrorCodes.ImportChangedSince"/>, nothing changed) when an enterprise the import
    /// created has anything in its timeline after the import finished: a trial, an e-invoice step, a case, a contact, an e-mail…
    /// Reverting would soft-delete it and hide that work. Activity is read through every registered <see cref="IEnterpriseActivityProbe"/>
    /// (each timeline module's Contracts-level batch probe), all created enterprises at once: each probe reads them in chunks of
    /// <see cref="EnterpriseActivityQuery.MaxIdsPerQuery"/>, so the number of queries grows with the import's size / 500, not with it.
    /// A batch that is not completed is left to <see cref="EnterpriseImportProcessor.RevertAsync"/> (it answers ImportNotRevertible).
    /// </summary>
    private async Task RefuseWhenCreatedEnterprisesHaveActivityAsync(Guid id, CancellationToken ct)
    {
        var batch = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (batch is not { Status: EnterpriseImportStatus.Completed, CompletedAt: { } finished })
        {
            return;
        }

        // Records the import wrote that were edited (or deleted) since: the same stamp check as EnterpriseImportProcessor.RevertAsync,
        // so that an edit is told as an edit, not as "activity" (the enterprise's own timeline counts its edits as activity).
        var written = await db.ImportRows.AsNoTracking()
            .Where(r => r.ImportId == id && (r.Outcome == EnterpriseImportRowOutcome.Create || r.Outcome == EnterpriseImportRowOutcome.Update)
                        && r.EnterpriseId != null)
            .OrderBy(r => r.RowNumber)
            .Select(r => new { r.RowNumber, r.TaxCode, EnterpriseId = r.EnterpriseId!.Value, r.Outcome, r.StampAfterImport }).ToListAsync(ct);
        if (written.Count == 0)
        {
            return;
        }

        var stamps = new Dictionary<Guid, (string? Stamp, bool Deleted)>();
        foreach (var chunk in written.Select(r => r.EnterpriseId).Distinct().Chunk(EnterpriseActivityQuery.MaxIdsPerQuery))
        {
            foreach (var e in await db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => chunk.Contains(e.Id))
                         .Select(e => new { e.Id, e.ConcurrencyStamp, e.IsDeleted }).ToListAsync(ct))
            {
                stamps[e.Id] = (e.ConcurrencyStamp, e.IsDeleted);
            }
        }

        var changed = written.Where(r => !stamps.TryGetValue(r.EnterpriseId, out var s) || s.Deleted
                                         || !string.Equals(s.Stamp, r.StampAfterImport, StringComparison.Ordinal))
            .Select(r => (r.RowNumber, r.TaxCode, r.EnterpriseId)).ToList();
        var changedIds = changed.Select(c => c.EnterpriseId).ToHashSet();

        var created = written.Where(r => r.Outcome == EnterpriseImportRowOutcome.Create)
            .Select(r => new { r.RowNumber, r.TaxCode, r.EnterpriseId }).ToList();
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var enterpriseIds = created.Select(c => c.EnterpriseId).Distinct().ToList();
        var contacts = new Dictionary<Guid, Guid>();
        foreach (var chunk in enterpriseIds.Chunk(EnterpriseActivityQuery.MaxIdsPerQuery))
        {
            foreach (var c in await db.Contacts.IgnoreQueryFilters().AsNoTracking().Where(c => chunk.Contains(c.EnterpriseId))
                         .Select(c => new { c.Id, c.EnterpriseId }).ToListAsync(ct))
            {
                contacts[c.Id] = c.EnterpriseId;
            }
        }

        var query = new EnterpriseActivityQuery(enterpriseIds, contacts, finished);
        var latest = new Dictionary<Guid, DateTimeOffset>();
        List<IEnterpriseActivityProbe> probes = enterpriseIds.Count == 0 ? [] : services.GetServices<IEnterpriseActivityProbe>().ToList();
        foreach (var probe in probes)
        {
            // One DbContext per request: probes run one after the other. The module's own probe counts an edit of the enterprise as
            // activity: for an enterprise edited since (told as changed), only the other modules' activity is told as activity.
            var own = probe is Application.EnterpriseRecordTimelineSource;
            foreach (var (enterpriseId, at) in await probe.GetLatestActivityAsync(query, ct))
            {
                if (own && changedIds.Contains(enterpriseId))
                {
                    continue;
                }

                if (!latest.TryGetValue(enterpriseId, out var known) || at > known)
                {
                    latest[enterpriseId] = at;
                }
            }
        }

        var active = created.Where(r => latest.ContainsKey(r.EnterpriseId))
            .Select(r => (r.RowNumber, r.TaxCode, r.EnterpriseId, LastActivityAt: latest[r.EnterpriseId])).ToList();
        logger.LogDebug("Revert {ImportId}: activity of {Created} created enterprises read through {Probes} probes in {Elapsed} ms; {Active} active, {Changed} changed",
            id, enterpriseIds.Count, probes.Count, timer.ElapsedMilliseconds, active.Count, changed.Count);
        if (active.Count == 0 && changed.Count == 0)
        {
            return;
        }

        var names = new Dictionary<Guid, string>();
        foreach (var chunk in active.Select(a => a.EnterpriseId).Take(MaxListed).Distinct().Chunk(EnterpriseActivityQuery.MaxIdsPerQuery))
        {
            foreach (var e in await db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => chunk.Contains(e.Id))
                         .Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            {
                names[e.Id] = e.Name;
            }
        }

        string Label((int RowNumber, string? TaxCode, Guid EnterpriseId, DateTimeOffset LastActivityAt) a) =>
            $"{a.TaxCode} {names.GetValueOrDefault(a.EnterpriseId)}".Trim();
        var changedRows = string.Join(", ", changed.Take(20).Select(r => r.RowNumber)) + (changed.Count > 20 ? ", …" : "");
        var activeLabels = string.Join("; ", active.Take(20).Select(Label)) + (active.Count > 20 ? "; …" : "");
        var changedPart = changed.Count > 0 ? EnterprisesErrorMessages.Part("ImportChangedSince.Changed", changed.Count, changedRows) : null;
        var activityPart = active.Count > 0 ? EnterprisesErrorMessages.Part("ImportChangedSince.Activity", active.Count, activeLabels) : null;
        var ex = new BusinessException(EnterprisesErrorCodes.ImportChangedSince,
            "Nothing was reverted: "
            + (changed.Count > 0 ? $"{changed.Count} enterprise(s) written by this import were changed or deleted afterwards (rows {changedRows}). " : "")
            + (active.Count > 0 ? $"{active.Count} enterprise(s) created by this import have activity since it finished (trials, e-invoice steps, "
                                  + $"contacts, cases…): {activeLabels}. Reverting would delete them." : ""), 409)
        {
            MessageArgs = [changedPart is not null && activityPart is not null ? EnterprisesErrorMessages.Sentences(changedPart, activityPart) : changedPart ?? activityPart],
        };

        // Every blocking row (edited, or with activity) in file order, at most MaxListed of them in the body, with the totals.
        var blocking = changed.Select(c => (c.RowNumber, c.TaxCode, c.EnterpriseId, Reason: "changed"))
            .Concat(active.Select(a => (a.RowNumber, a.TaxCode, a.EnterpriseId, Reason: "activity")))
            .GroupBy(r => r.RowNumber).OrderBy(g => g.Key)
            .Select(g => new { RowNumber = g.Key, g.First().TaxCode, g.First().EnterpriseId, Reasons = g.Select(r => r.Reason).ToList() }).ToList();
        ex.Extensions["rows"] = blocking.Take(MaxListed).ToList();
        ex.Extensions["totalRows"] = blocking.Count;
        ex.Extensions["changedCount"] = changed.Count;
        ex.Extensions["enterprises"] = active.Take(MaxListed).Select(a => new
        {
            a.EnterpriseId, a.TaxCode, Name = names.GetValueOrDefault(a.EnterpriseId), a.LastActivityAt,
        }).ToList();
        ex.Extensions["totalEnterprises"] = active.Count;
        ex.Extensions["truncated"] = blocking.Count > MaxListed || active.Count > MaxListed;
        throw ex;
    }

    /// <summary>Most rows (and enterprises) a revert refusal lists in its body; <c>totalRows</c> gives the full count.</summary>
    internal const int MaxListed = 100;

    /// <summary>Most rows one export writes.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<DownloadFileDto> ExportAsync(EnterpriseListFilterDto filter, EnterpriseFileFormat format, bool english = false,
        CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(format))
        {
            new FieldErrors().Add("format", EnterprisesText.Get("Import.ExportFormatUnknown")).ThrowIfAny();
        }

        // Through the list service itself, page by page: the same filters, visibility and order as the list, whatever filters it gains.
        var provinces = await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken);
        var rows = new List<IReadOnlyList<object?>>();
        var page = 1;
        while (rows.Count < MaxExportRows)
        {
            var result = await enterprises.GetListAsync(filter with { Page = page, PageSize = PagedRequestDto.MaxPageSize }, cancellationToken);
            foreach (var e in result.Items)
            {
                rows.Add(
                [
                    e.TaxCode, e.Name, e.ShortName, ImportColumns.LegalFormName(e.LegalForm, english), e.IndustryCode, e.Employees,
                    e.AnnualRevenueVnd, e.CapitalVnd, provinces.GetValueOrDefault(e.ProvinceCode, e.ProvinceCode.ToString(CultureInfo.InvariantCulture)),
                    e.WardName is null ? e.WardCode.ToString(CultureInfo.InvariantCulture) : $"{e.WardCode} - {e.WardName}", e.Street, e.Website,
                    SizeName(e.Size, english),
                ]);
            }

            if (result.Items.Count < PagedRequestDto.MaxPageSize || page * PagedRequestDto.MaxPageSize >= result.TotalCount)
            {
                break;
            }

            page++;
        }

        var header = ImportColumns.All.Where(c => !c.Field.StartsWith("contact", StringComparison.Ordinal))
            .Select(c => english ? c.English : c.Vietnamese).Append(english ? "Size" : "Quy mô").ToList();
        var stamp = DateTime.UtcNow.AddHours(7).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return Write(format, (english ? "enterprises-" : "doanh-nghiep-") + stamp, header, rows);
    }

    private static string SizeName(EnterpriseSize size, bool english) => (size, english) switch
    {
        (EnterpriseSize.Micro, false) => "Siêu nhỏ",
        (EnterpriseSize.Small, false) => "Nhỏ",
        (EnterpriseSize.Medium, false) => "Vừa",
        (EnterpriseSize.Large, false) => "Lớn",
        _ => size.ToString(),
    };

    /// <summary>
    /// Writes a table; numbers stay numbers. In CSV every text cell is neutralised (a leading <c>'</c> before = + - @ tab CR), since a
    /// spreadsheet evaluates such CSV fields; XLSX writes the exact text as string cells, which are never evaluated.
    /// </summary>
    internal static DownloadFileDto Write(EnterpriseFileFormat format, string baseName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        static object? Safe(object? v) => v is string s ? ImportColumns.Neutralise(s) : v;
        if (format == EnterpriseFileFormat.Csv)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                foreach (var h in header)
                {
                    csv.WriteField(h);
                }

                csv.NextRecord();
                foreach (var row in rows)
                {
                    foreach (var cell in row)
                    {
                        csv.WriteField(Safe(cell) switch
                        {
                            null => "",
                            decimal d => d.ToString("0", CultureInfo.InvariantCulture),
                            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                            var o => o.ToString(),
                        });
                    }

                    csv.NextRecord();
                }
            }

            // UTF-8 with BOM, so that Excel opens Vietnamese text correctly.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray();
            return new DownloadFileDto(baseName + ".csv", CsvType, bytes);
        }

        var sheet = rows.Select(row =>
        {
            var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                // The exact text: XLSX string cells are never evaluated, so no leading apostrophe (that is for CSV only).
                dict[header[i]] = i < row.Count ? row[i] : null;
            }

            return dict;
        }).ToList();
        using var stream = new MemoryStream();
        if (sheet.Count == 0)
        {
            stream.SaveAs(new[] { header.ToDictionary(h => h, _ => (object?)null) }, printHeader: true, excelType: ExcelType.XLSX);
        }
        else
        {
            stream.SaveAs(sheet, printHeader: true, excelType: ExcelType.XLSX);
        }

        return new DownloadFileDto(baseName + ".xlsx", XlsxType, stream.ToArray());
    }

    private static void ValidatePaging(PagedRequestDto paging)
    {
        var errors = new FieldErrors();
        if (paging.Page < 1)
        {
            errors.Add("page", EnterprisesText.Get("Validation.Page.Min"));
        }

        if (paging.PageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", EnterprisesText.Get("Validation.PageSize.Range", PagedRequestDto.MaxPageSize));
        }

        errors.ThrowIfAny();
    }

    private void RequirePermission(string permission)
    {
        if (!currentUser.HasPermission(permission))
        {
            throw new ForbiddenException();
        }
    }

    private static EnterpriseImportDto ToDto(EnterpriseImport i) => new()
    {
        Id = i.Id,
        FileName = i.FileName,
        Format = i.Format == "xlsx" ? EnterpriseFileFormat.Xlsx : EnterpriseFileFormat.Csv,
        Status = i.Status,
        TotalRows = i.TotalRows,
        ProcessedRows = i.ProcessedRows,
        CreatedCount = i.CreatedCount,
        UpdatedCount = i.UpdatedCount,
        UnchangedCount = i.UnchangedCount,
        ErrorCount = i.ErrorCount,
        SubmittedAt = i.CreatedAt,
        SubmittedBy = i.CreatedBy,
        SubmittedByEmail = i.SubmittedByEmail,
        CompletedAt = i.CompletedAt,
        RevertedAt = i.RevertedAt,
        FailureMessage = i.FailureMessage,
    };

    private static ImportRowResultDto ToDto(EnterpriseImportRow r)
    {
        var input = JsonSerializer.Deserialize<Dictionary<string, string?>>(r.Input, EnterpriseImportProcessor.Json) ?? [];
        return new ImportRowResultDto
        {
            RowNumber = r.RowNumber,
            TaxCode = r.TaxCode,
            Name = input.GetValueOrDefault(ImportColumns.Name),
            Outcome = r.Outcome,
            EnterpriseId = r.EnterpriseId,
            Changes = r.Changes is null ? [] : JsonSerializer.Deserialize<List<ImportFieldChangeDto>>(r.Changes, EnterpriseImportProcessor.Json) ?? [],
            Errors = r.Errors is null ? []
                : (JsonSerializer.Deserialize<List<StoredCellError>>(r.Errors, EnterpriseImportProcessor.Json) ?? [])
                .Select(e => e.For(CultureInfo.CurrentUICulture)).ToList(),
        };
    }
}
