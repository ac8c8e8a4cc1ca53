using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Domain;
using SmeSupport.EInvoicing.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Timing;

namespace SmeSupport.EInvoicing.Application;

/// <summary>The provider list.</summary>
internal sealed class EInvoiceProviderAppService(EInvoicingDb db) : IEInvoiceProviderAppService
{
    public async Task<IReadOnlyList<EInvoiceProviderDto>> GetListAsync(bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        var query = db.Providers.AsNoTracking();
        if (!includeInactive)
        {
            query = query.Where(p => p.IsActive);
        }

        return await query.OrderBy(p => p.Name)
            .Select(p => new EInvoiceProviderDto(p.Id, p.Name, p.Company, p.Website, p.IsActive))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>E-invoice adoption: list, read, record steps. Enterprises are reached only through <see cref="IEnterpriseLookup"/>.</summary>
internal sealed class EInvoiceAdoptionAppService(EInvoicingDb db, IEnterpriseLookup enterprises, TimeProvider clock, ICurrentUser currentUser, CodedTextRenderer texts,
    FunnelInputsCache inputs)
    : IEInvoiceAdoptionAppService
{
    public async Task<PagedResultDto<EInvoiceAdoptionListItemDto>> GetListAsync(EInvoiceAdoptionListFilterDto filter,
        CancellationToken cancellationToken = default)
    {
        var errors = Paging.Check(filter, new FieldErrors());
        if (filter.Step is { } s && !Enum.IsDefined(s))
        {
            errors.Add("step", FieldText.Get("Field.StepUnknown"));
        }

        errors.ThrowIfAny();

        // Records of deleted enterprises are left out: the (usually few) tracked ids with no live enterprise, from the cached inputs of the funnel.
        var alive = (await inputs.EnterprisesAsync(enterprises, cancellationToken)).Select(e => e.Id).ToHashSet();
        var deleted = (await inputs.StepsAsync(db, cancellationToken)).Keys.Where(id => !alive.Contains(id)).ToList();
        var query = db.Adoptions.AsNoTracking();
        if (deleted.Count > 0)
        {
            query = query.Where(a => !deleted.Contains(a.EnterpriseId));
        }

        if (filter.Step is { } step)
        {
            query = query.Where(a => a.CurrentStep == step);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await (from a in query
                          join p in db.Providers on a.ProviderId equals p.Id into provider
                          from p in provider.DefaultIfEmpty()
                          orderby a.CurrentStep, a.CurrentStepDate descending, a.EnterpriseId
                          select new EInvoiceAdoptionListItemDto
                          {
                              EnterpriseId = a.EnterpriseId,
                              Tracked = true,
                              CurrentStep = a.CurrentStep,
                              CurrentStepDate = a.CurrentStepDate,
                              Kind = a.Kind,
                              ProviderId = a.ProviderId,
                              ProviderName = p == null ? null : p.Name,
                          })
            .Skip(filter.Skip).Take(filter.PageSize).ToListAsync(cancellationToken);

        var known = await enterprises.GetManyAsync(rows.Select(r => r.EnterpriseId).ToList(), cancellationToken);
        var items = rows.Select(r => known.TryGetValue(r.EnterpriseId, out var e) ? r with { EnterpriseName = e.Name, TaxCode = e.TaxCode } : r).ToList();
        return new PagedResultDto<EInvoiceAdoptionListItemDto>(items, total);
    }

    public async Task<EInvoiceAdoptionDto> GetAsync(Guid enterpriseId, CancellationToken cancellationToken = default)
    {
        var enterprise = await FindEnterpriseAsync(enterpriseId, cancellationToken);
        var adoption = await db.Adoptions.AsNoTracking().Include(a => a.Steps)
            .FirstOrDefaultAsync(a => a.EnterpriseId == enterpriseId, cancellationToken);
        var counts = await ReadMonthlyCountsAsync(enterpriseId, cancellationToken);
        if (adoption is null)
        {
            return new EInvoiceAdoptionDto
            {
                EnterpriseId = enterpriseId,
                EnterpriseName = enterprise.Name,
                TaxCode = enterprise.TaxCode,
                Tracked = false,
                CurrentStep = EInvoiceStep.NotRegistered,
                MonthlyCounts = counts,
            };
        }

        var providerName = adoption.ProviderId is { } providerId
            ? await db.Providers.AsNoTracking().Where(p => p.Id == providerId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new EInvoiceAdoptionDto
        {
            EnterpriseId = enterpriseId,
            EnterpriseName = enterprise.Name,
            TaxCode = enterprise.TaxCode,
            Tracked = true,
            CurrentStep = adoption.CurrentStep,
            CurrentStepDate = adoption.CurrentStepDate,
            Kind = adoption.Kind,
            ProviderId = adoption.ProviderId,
            ProviderName = providerName,
            Steps = EInvoiceAdoption.InReachedOrder(adoption.Steps)
                .Select(s => new EInvoiceStepRecordDto(s.Id, s.Step, s.Date, s.Source, texts.Render(s.Note), s.RecordedAt, s.RecordedBy))
                .ToList(),
            MonthlyCounts = counts,
        };
    }

    /// <summary>Largest monthly count accepted (a sanity bound, not a legal one).</summary>
    public const int MaxMonthlyCount = 10_000_000;

    public async Task<IReadOnlyList<EInvoiceMonthlyCountDto>> GetMonthlyCountsAsync(Guid enterpriseId, CancellationToken cancellationToken = default)
    {
        await FindEnterpriseAsync(enterpriseId, cancellationToken);
        return await ReadMonthlyCountsAsync(enterpriseId, cancellationToken);
    }

    public async Task<SaveEInvoiceMonthlyCountResultDto> SaveMonthlyCountAsync(Guid enterpriseId, SaveEInvoiceMonthlyCountDto input,
        CancellationToken cancellationToken = default)
    {
        await FindEnterpriseAsync(enterpriseId, cancellationToken);

        var errors = new FieldErrors();
        string? month = null;
        if (string.IsNullOrWhiteSpace(input.Month))
        {
            errors.Add("month", FieldText.Get("Field.MonthRequired"));
        }
        else if (!DateOnly.TryParseExact(input.Month.Trim() + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                     System.Globalization.DateTimeStyles.None, out var first))
        {
            errors.Add("month", FieldText.Get("Field.MonthFormat"));
        }
        else
        {
            var today = VietnamTime.Today(clock);
            if (first > new DateOnly(today.Year, today.Month, 1))
            {
                errors.Add("month", FieldText.Get("Field.MonthFuture"));
            }
            else if (first.Year < 2000)
            {
                errors.Add("month", FieldText.Get("Field.MonthTooEarly"));
            }
            else
            {
                month = first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (input.Count is not { } count)
        {
            errors.Add("count", FieldText.Get("Field.CountRequired"));
        }
        else if (count is < 0 or > MaxMonthlyCount)
        {
            errors.Add("count", FieldText.Get("Field.CountRange", MaxMonthlyCount));
        }

        if (input.Source is { } source && !Enum.IsDefined(source))
        {
            errors.Add("source", FieldText.Get("Field.SourceUnknown"));
        }

        if (input.Note is { } note && note.Trim().Length > EInvoiceAdoption.NoteMaxLength)
        {
            errors.Add("note", FieldText.Get("Field.NoteTooLong", EInvoiceAdoption.NoteMaxLength));
        }

        errors.ThrowIfAny();

        // Invoices are counted from the month of the first invoice on: the earliest confirmed FirstInvoiceIssued step.
        var firstInvoice = await (from a in db.Adoptions.AsNoTracking()
                                  join r in db.StepRecords.AsNoTracking() on a.Id equals r.AdoptionId
                                  where a.EnterpriseId == enterpriseId && r.Step == EInvoiceStep.FirstInvoiceIssued
                                  orderby r.Date
                                  select (DateOnly?)r.Date).FirstOrDefaultAsync(cancellationToken);
        if (firstInvoice is not { } firstDate)
        {
            throw new ConflictException(EInvoicingErrorCodes.NoFirstInvoice,
                $"No first invoice issued step is recorded for this enterprise: record it before counting invoices for {month}.")
            {
                MessageArgs = [month],
            };
        }

        var firstMonth = firstDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        if (string.CompareOrdinal(month, firstMonth) < 0)
        {
            throw new ConflictException(EInvoicingErrorCodes.MonthBeforeFirstInvoice,
                $"{month} is before the month of the first invoice ({firstDate:yyyy-MM-dd}); invoices are counted from {firstMonth} on.")
            {
                MessageArgs = [month, MessageArgs.Date(firstDate), firstMonth],
            };
        }

        var row = await db.MonthlyCounts.FirstOrDefaultAsync(m => m.EnterpriseId == enterpriseId && m.Month == month, cancellationToken);
        var created = row is null;
        int? previous = row?.Count;
        if (row is null)
        {
            row = new EInvoiceMonthlyCount { EnterpriseId = enterpriseId, Month = month! };
            db.MonthlyCounts.Add(row);
        }

        row.Count = input.Count!.Value;
        row.Source = input.Source ?? EInvoiceStepSource.Officer;
        row.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (created && ex is not DbUpdateConcurrencyException)
        {
            db.Context.Entry(row).State = EntityState.Detached;
            // Another request recorded the same month at the same time (unique EnterpriseId + Month).
            throw new ConflictException(ErrorCodes.ConcurrencyConflict, "The month was recorded by someone else at the same time; reload and try again.");
        }

        return new SaveEInvoiceMonthlyCountResultDto(ToDto(row), created, previous);
    }

    private async Task<IReadOnlyList<EInvoiceMonthlyCountDto>> ReadMonthlyCountsAsync(Guid enterpriseId, CancellationToken cancellationToken)
    {
        var rows = await db.MonthlyCounts.AsNoTracking().Where(m => m.EnterpriseId == enterpriseId)
            .OrderByDescending(m => m.Month).ToListAsync(cancellationToken);
        return rows.Select(ToDto).ToList();
    }

    private static EInvoiceMonthlyCountDto ToDto(EInvoiceMonthlyCount m) =>
        new(m.Month, m.Count, m.Source, m.Note, m.ModifiedAt ?? m.CreatedAt, m.ModifiedBy ?? m.CreatedBy);

    public async Task<EInvoiceAdoptionDto> RecordStepAsync(Guid enterpriseId, RecordEInvoiceStepDto input, CancellationToken cancellationToken = default)
    {
        await FindEnterpriseAsync(enterpriseId, cancellationToken);

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

        if (input.Source is { } source && !Enum.IsDefined(source))
        {
            errors.Add("source", FieldText.Get("Field.SourceUnknown"));
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

        var adoption = await db.Adoptions.FirstOrDefaultAsync(a => a.EnterpriseId == enterpriseId, cancellationToken);
        var isNew = adoption is null;
        adoption ??= new EInvoiceAdoption { EnterpriseId = enterpriseId };

        // Throws StepOutOfOrder (409) before anything is added to the unit of work.
        var record = adoption.RecordStep(input.Step!.Value, input.Date!.Value, input.Source ?? EInvoiceStepSource.Officer, input.Note,
            clock.GetUtcNow(), currentUser.Id);
        adoption.Kind = input.Kind ?? adoption.Kind;
        adoption.ProviderId = input.ProviderId ?? adoption.ProviderId;
        if (isNew)
        {
            db.Adoptions.Add(adoption);
        }
        else
        {
            db.StepRecords.Add(record);
        }

        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (isNew && ex is not DbUpdateConcurrencyException)
        {
            // Another request created this enterprise's adoption record at the same time (unique EnterpriseId).
            throw new ConflictException(ErrorCodes.ConcurrencyConflict,
                "The adoption record was changed by someone else; reload and try again.");
        }

        return await GetAsync(enterpriseId, cancellationToken);
    }

    private async Task<EnterpriseSummaryDto> FindEnterpriseAsync(Guid enterpriseId, CancellationToken ct) =>
        (await enterprises.GetManyAsync([enterpriseId], ct)).TryGetValue(enterpriseId, out var e)
            ? e
            : throw new EntityNotFoundException("Enterprise", enterpriseId);
}

/// <summary>Adoption figures for Reporting; records of deleted enterprises are left out.</summary>
internal sealed class EInvoiceStatistics(EInvoicingDb db, IEnterpriseLookup enterprises) : IEInvoiceStatistics
{
    public async Task<EInvoiceAdoptionSummaryDto> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Adoptions.AsNoTracking().Select(a => new { a.EnterpriseId, a.CurrentStep }).ToListAsync(cancellationToken);
        var known = await enterprises.GetManyAsync(rows.Select(r => r.EnterpriseId).ToList(), cancellationToken);
        var counted = rows.Where(r => known.ContainsKey(r.EnterpriseId)).ToList();
        return new EInvoiceAdoptionSummaryDto(counted.Count,
            counted.GroupBy(r => r.CurrentStep).ToDictionary(g => g.Key, g => g.Count()));
    }
}
