using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.Data;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Domain;
using SmeSupport.EInvoicing.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Text;
using SmeSupport.Timing;

namespace SmeSupport.EInvoicing.Application;

/// <summary>
/// The inputs of the funnel (every enterprise's grouping attributes, every adoption's current step), kept between requests and read
/// again only when their change stamps (<see cref="IEnterpriseLookup.GetChangeStampAsync"/>, <see cref="ChangeStamp"/> of the adoption
/// table) differ: the funnel is then counted in memory.
/// </summary>
internal sealed class FunnelInputsCache
{
    private Snapshot<IReadOnlyList<EnterpriseGroupingDto>>? _enterprises;
    private Snapshot<Dictionary<Guid, EInvoiceStep>>? _steps;

    public async Task<IReadOnlyList<EnterpriseGroupingDto>> EnterprisesAsync(IEnterpriseLookup lookup, CancellationToken ct)
    {
        // The stamp is read before the rows: a change in between leaves an older stamp with newer rows, read again next time.
        var stamp = await lookup.GetChangeStampAsync(ct);
        if (Volatile.Read(ref _enterprises) is { } cached && cached.Stamp == stamp)
        {
            return cached.Value;
        }

        var value = await lookup.ListGroupingsAsync(ct);
        Volatile.Write(ref _enterprises, new(stamp, value));
        return value;
    }

    public async Task<Dictionary<Guid, EInvoiceStep>> StepsAsync(EInvoicingDb db, CancellationToken ct)
    {
        var stamp = await ChangeStamp.ReadAsync(db.Context, "EInvoiceAdoptions", ct);
        if (Volatile.Read(ref _steps) is { } cached && cached.Stamp == stamp)
        {
            return cached.Value;
        }

        var rows = await db.Adoptions.AsNoTracking().Select(a => new { a.EnterpriseId, a.CurrentStep }).ToListAsync(ct);
        var value = new Dictionary<Guid, EInvoiceStep>(rows.Count);
        foreach (var r in rows)
        {
            value[r.EnterpriseId] = r.CurrentStep;
        }

        Volatile.Write(ref _steps, new(stamp, value));
        return value;
    }

    private sealed record Snapshot<T>(string Stamp, T Value);
}

/// <summary>The adoption funnel: enterprise attributes through <see cref="IEnterpriseLookup"/>, current steps from our adoption records.</summary>
internal sealed class EInvoiceFunnelAppService(EInvoicingDb db, IEnterpriseLookup enterprises, FunnelInputsCache inputs) : IEInvoiceFunnelAppService
{
    public async Task<EInvoiceFunnelDto> GetAsync(EInvoiceFunnelDimension dimension, ProgrammeStatus? programmeStatus = null,
        CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (!Enum.IsDefined(dimension))
        {
            errors.Add("by", FieldText.Get("Field.FunnelBy"));
        }

        if (programmeStatus is { } ps && !Enum.IsDefined(ps))
        {
            errors.Add("programmeStatus", FieldText.Get("Field.ProgrammeStatusUnknown"));
        }

        errors.ThrowIfAny();

        var all = await inputs.EnterprisesAsync(enterprises, cancellationToken);
        var profiles = programmeStatus is { } wanted ? all.Where(p => p.ProgrammeStatus == wanted) : all;
        var stepOf = await inputs.StepsAsync(db, cancellationToken);

        Func<EnterpriseGroupingDto, string> keyOf = dimension switch
        {
            EInvoiceFunnelDimension.Commune => p => p.WardCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EInvoiceFunnelDimension.Size => p => p.Size.ToString(),
            EInvoiceFunnelDimension.LegalForm => p => p.LegalForm.ToString(),
            _ => p => p.IndustrySection ?? "",
        };

        var groups = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var total = new int[6];
        foreach (var p in profiles)
        {
            var key = keyOf(p);
            if (!groups.TryGetValue(key, out var counts))
            {
                groups[key] = counts = new int[6];
            }

            var step = stepOf.GetValueOrDefault(p.Id, EInvoiceStep.NotRegistered);
            Count(counts, step);
            Count(total, step);
        }

        IReadOnlyDictionary<int, string> wardNames = dimension == EInvoiceFunnelDimension.Commune
            ? await enterprises.GetWardNamesAsync(groups.Keys.Select(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).ToList(), cancellationToken)
            : new Dictionary<int, string>();
        string Label(string key) => dimension switch
        {
            EInvoiceFunnelDimension.Commune => wardNames.TryGetValue(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture), out var n) ? n : $"Ward {key}",
            EInvoiceFunnelDimension.Industry => key.Length == 1 && VsicSections.FindByCode(key[0]) is { } s ? s.NameVi : "Chưa xác định ngành",
            _ => key,
        };

        var rows = groups.Select(g => Row(g.Key, Label(g.Key), g.Value))
            .OrderByDescending(r => r.Enterprises).ThenBy(r => r.Label, VietnameseText.Comparer).ToList();
        return new EInvoiceFunnelDto(dimension, Row("", "Tổng", total), rows);
    }

    /// <summary>Counts an enterprise at <paramref name="step"/>: [enterprises, submitted+, refused, accepted+, first invoice+, regular].</summary>
    private static void Count(int[] c, EInvoiceStep step)
    {
        c[0]++;
        if (step != EInvoiceStep.NotRegistered)
        {
            c[1]++;
        }

        if (step == EInvoiceStep.Refused)
        {
            c[2]++;
        }

        if (step >= EInvoiceStep.Accepted)
        {
            c[3]++;
        }

        if (step >= EInvoiceStep.FirstInvoiceIssued)
        {
            c[4]++;
        }

        if (step == EInvoiceStep.IssuingRegularly)
        {
            c[5]++;
        }
    }

    private static EInvoiceFunnelRowDto Row(string key, string label, int[] c) => new(key, label, c[0], c[1], c[2], c[3], c[4], c[5]);
}

/// <summary>The portal's e-invoice page: the own enterprise's confirmed record and its reported steps.</summary>
internal sealed class EInvoicePortalAppService(EInvoicingDb db, IEInvoiceAdoptionAppService adoptions, TimeProvider clock, ICurrentUser currentUser)
    : IEInvoicePortalAppService
{
    public async Task<EInvoicePortalDto> GetAsync(CancellationToken cancellationToken = default)
    {
        var own = currentUser.EnterpriseId ?? throw new EntityNotFoundException("Enterprise", "(none for this user)");
        var adoption = await adoptions.GetAsync(own, cancellationToken);
        var reported = await db.ReportedSteps.AsNoTracking().Where(r => r.EnterpriseId == own).ToListAsync(cancellationToken);
        return new EInvoicePortalDto
        {
            Adoption = adoption,
            Reported = reported.OrderByDescending(r => r.ReportedAt).Select(r => ReportedStepAppService.ToDto(r, null)).ToList(),
        };
    }

    public async Task<ReportedStepDto> ReportStepAsync(ReportEInvoiceStepDto input, CancellationToken cancellationToken = default)
    {
        var own = currentUser.EnterpriseId ?? throw new EntityNotFoundException("Enterprise", "(none for this user)");
        var current = await adoptions.GetAsync(own, cancellationToken); // 404 when the enterprise is gone
        var errors = new FieldErrors();
        if (input.Step is not { } step)
        {
            errors.Add("step", FieldText.Get("Field.StepRequired"));
        }
        else if (!Enum.IsDefined(step) || step == EInvoiceStep.NotRegistered)
        {
            errors.Add("step", FieldText.Get("Field.StepNotRecordable"));
        }

        if (input.Date is not { } date)
        {
            errors.Add("date", FieldText.Get("Field.DateRequired"));
        }
        else if (date > VietnamTime.Today(clock))
        {
            errors.Add("date", FieldText.Get("Field.DateFuture"));
        }
        else if (date < EInvoiceAdoption.EarliestStepDate)
        {
            errors.Add("date", FieldText.Get("Field.DateTooEarly", EInvoiceAdoption.EarliestStepDate));
        }

        if (input.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add("kind", FieldText.Get("Field.KindUnknown"));
        }

        if (input.Note is { } note && note.Trim().Length > EInvoiceAdoption.NoteMaxLength)
        {
            errors.Add("note", FieldText.Get("Field.NoteTooLong", EInvoiceAdoption.NoteMaxLength));
        }

        if (input.ProviderId is { } providerId && !await db.Providers.AnyAsync(p => p.Id == providerId, cancellationToken))
        {
            errors.Add("providerId", FieldText.Get("Field.ProviderUnknown", providerId));
        }

        errors.ThrowIfAny();
        ReportedStepAppService.CheckOrder(current.CurrentStep, current.CurrentStepDate, input.Step!.Value, input.Date!.Value);
        if (await db.ReportedSteps.AnyAsync(r => r.EnterpriseId == own && r.State == ReportedStepState.Pending, cancellationToken))
        {
            throw new ConflictException(ReconciliationErrorCodes.ReportedStepPending,
                "A step you reported is still waiting for the office to confirm it; wait for that one first.");
        }

        var reported = new ReportedStep
        {
            EnterpriseId = own,
            Step = input.Step!.Value,
            Date = input.Date!.Value,
            Kind = input.Kind,
            ProviderId = input.ProviderId,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : VietnameseText.Normalize(input.Note.Trim()),
            State = ReportedStepState.Pending,
            ReportedAt = clock.GetUtcNow(),
            ReportedBy = currentUser.Id,
        };
        db.ReportedSteps.Add(reported);
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && IsOnePendingIndexViolation(ex))
        {
            // A concurrent report was stored between the check and the insert: the filtered unique index refused this one.
            db.Context.Entry(reported).State = EntityState.Detached;
            throw new ConflictException(ReconciliationErrorCodes.ReportedStepPending,
                "A step you reported is still waiting for the office to confirm it; wait for that one first.");
        }

        return ReportedStepAppService.ToDto(reported, null);
    }

    /// <summary>True when the insert broke <see cref="EInvoicingModel.OnePendingReportedStepIndex"/> (SQL Server names it; SQLite names the column).</summary>
    private static bool IsOnePendingIndexViolation(DbUpdateException ex)
    {
        var message = ex.InnerException?.Message ?? "";
        return message.Contains(EInvoicingModel.OnePendingReportedStepIndex, StringComparison.OrdinalIgnoreCase)
               || (message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase)
                   && message.Contains("EInvoiceReportedSteps.EnterpriseId", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Staff review of reported steps.</summary>
internal sealed class ReportedStepAppService(EInvoicingDb db, IEnterpriseLookup enterprises, TimeProvider clock, ICurrentUser currentUser)
    : IReportedStepAppService
{
    public async Task<PagedResultDto<ReportedStepDto>> GetListAsync(ReportedStepState? state, PagedRequestDto paging,
        CancellationToken cancellationToken = default)
    {
        var errors = Paging.Check(paging, new FieldErrors());
        if (state is { } s && !Enum.IsDefined(s))
        {
            errors.Add("state", FieldText.Get("Field.StateUnknown"));
        }

        errors.ThrowIfAny();
        var wanted = state ?? ReportedStepState.Pending;
        var query = db.ReportedSteps.AsNoTracking().Where(r => r.State == wanted);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var names = await enterprises.GetManyAsync(rows.Select(r => r.EnterpriseId).Distinct().ToList(), cancellationToken);
        return new PagedResultDto<ReportedStepDto>(rows.Select(r => ToDto(r, names.TryGetValue(r.EnterpriseId, out var e) ? e.Name : null)).ToList(), total);
    }

    public async Task<ReportedStepDto> ConfirmAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var reported = await PendingAsync(id, cancellationToken);
        var enterprise = await enterprises.GetManyAsync([reported.EnterpriseId], cancellationToken);
        if (enterprise.Count == 0)
        {
            throw new ConflictException(ReconciliationErrorCodes.EnterpriseDeleted,
                "The enterprise was deleted after it reported this step; the step cannot be confirmed (reject it instead).");
        }

        var adoption = await db.Adoptions.FirstOrDefaultAsync(a => a.EnterpriseId == reported.EnterpriseId, cancellationToken);
        var isNew = adoption is null;
        adoption ??= new EInvoiceAdoption { EnterpriseId = reported.EnterpriseId };
        var now = clock.GetUtcNow();
        EInvoiceStepRecord record;
        try
        {
            record = adoption.RecordStep(reported.Step, reported.Date, EInvoiceStepSource.Enterprise, reported.Note, now, currentUser.Id);
        }
        catch (ConflictException)
        {
            db.Context.ChangeTracker.Clear();
            throw;
        }

        adoption.Kind = reported.Kind ?? adoption.Kind;
        adoption.ProviderId = reported.ProviderId ?? adoption.ProviderId;
        if (isNew)
        {
            db.Adoptions.Add(adoption);
        }
        else
        {
            db.StepRecords.Add(record);
        }

        reported.State = ReportedStepState.Confirmed;
        reported.DecidedAt = now;
        reported.DecidedBy = currentUser.Id;
        await SaveAsync(cancellationToken);
        return ToDto(reported, enterprise[reported.EnterpriseId].Name);
    }

    public async Task<ReportedStepDto> RejectAsync(Guid id, RejectReportedStepDto input, CancellationToken cancellationToken = default)
    {
        if (input.Reason is { } reason && reason.Trim().Length > EInvoiceAdoption.NoteMaxLength)
        {
            new FieldErrors().Add("reason", FieldText.Get("Field.ReasonTooLong", EInvoiceAdoption.NoteMaxLength)).ThrowIfAny();
        }

        var reported = await PendingAsync(id, cancellationToken);
        reported.State = ReportedStepState.Rejected;
        reported.DecidedAt = clock.GetUtcNow();
        reported.DecidedBy = currentUser.Id;
        reported.DecisionNote = string.IsNullOrWhiteSpace(input.Reason) ? null : VietnameseText.Normalize(input.Reason.Trim());
        await SaveAsync(cancellationToken);

        // As in the list: the enterprise's name, or null when it was deleted after it reported the step.
        var names = await enterprises.GetManyAsync([reported.EnterpriseId], cancellationToken);
        return ToDto(reported, names.TryGetValue(reported.EnterpriseId, out var e) ? e.Name : null);
    }

    private async Task<ReportedStep> PendingAsync(Guid id, CancellationToken ct)
    {
        var reported = await db.ReportedSteps.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new EntityNotFoundException("Reported step", id);
        if (reported.State != ReportedStepState.Pending)
        {
            throw new ConflictException(ReconciliationErrorCodes.ReportedStepDecided, $"This reported step was already {reported.State}.");
        }

        return reported;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.Context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Context.ChangeTracker.Clear();
            throw new ConflictException(ErrorCodes.ConcurrencyConflict, "The record was changed by someone else; reload and try again.");
        }
    }

    /// <summary>Throws <see cref="EInvoicingErrorCodes.StepOutOfOrder"/> (409) when the step cannot follow the current confirmed one.</summary>
    internal static void CheckOrder(EInvoiceStep current, DateOnly? currentDate, EInvoiceStep step, DateOnly date)
    {
        var probe = new EInvoiceAdoption();
        if (current != EInvoiceStep.NotRegistered)
        {
            // Rebuild just enough state for the domain rule to judge.
            foreach (var s in ReconciliationRules.Path(EInvoiceStep.NotRegistered, current) ?? [])
            {
                probe.RecordStep(s, currentDate ?? DateOnly.MinValue, EInvoiceStepSource.Officer, null, DateTimeOffset.MinValue, null);
            }
        }

        probe.RecordStep(step, date, EInvoiceStepSource.Enterprise, null, DateTimeOffset.MinValue, null);
    }

    internal static ReportedStepDto ToDto(ReportedStep r, string? enterpriseName) => new()
    {
        Id = r.Id,
        EnterpriseId = r.EnterpriseId,
        EnterpriseName = enterpriseName,
        Step = r.Step,
        Date = r.Date,
        Kind = r.Kind,
        ProviderId = r.ProviderId,
        Note = r.Note,
        State = r.State,
        ReportedAt = r.ReportedAt,
        DecidedAt = r.DecidedAt,
        DecisionNote = r.DecisionNote,
    };
}
