using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Security;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Domain;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Application;

/// <summary>The platform catalogue.</summary>
internal sealed partial class PlatformAppService(TrialsDb db) : IPlatformAppService
{
    public async Task<IReadOnlyList<PlatformDto>> GetListAsync(bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        var query = db.Platforms.AsNoTracking();
        if (!includeInactive)
        {
            query = query.Where(p => p.IsActive);
        }

        var list = await query.Select(p => new PlatformDto
        {
            Id = p.Id,
            Name = p.Name,
            Provider = p.Provider,
            Category = p.Category,
            Programme = p.Programme,
            Description = p.Description,
            DefaultTrialDays = p.DefaultTrialDays,
            PriceAfterTrialVnd = p.PriceAfterTrialVnd,
            IsActive = p.IsActive,
        }).ToListAsync(cancellationToken);

        // Ordered in memory: a short list, and SQLite cannot order by decimal; names sort ordinally here.
        return list.OrderBy(p => p.Category).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }
}

/// <summary>Trials: plan, list, start, complete, cancel. Enterprises are reached only through <see cref="IEnterpriseLookup"/>.</summary>
internal sealed partial class TrialAppService(TrialsDb db, IEnterpriseLookup enterprises, IEnterpriseAppService enterpriseRegistry, TimeProvider clock,
    ICurrentUser currentUser, IUserDirectory users) : ITrialAppService
{
    public async Task<PagedResultDto<TrialDto>> GetListAsync(TrialListFilterDto filter, CancellationToken cancellationToken = default)
    {
        var errors = Paging.Check(filter, new FieldErrors());
        if (filter.Status is { } s && !Enum.IsDefined(s))
        {
            errors.Add("status", TrialsText.Get("Field.StatusUnknown"));
        }

        if (filter.EndingWithinDays is < 0 or > 365)
        {
            errors.Add("endingWithinDays", TrialsText.Get("Field.DaysRange"));
        }

        errors.ThrowIfAny();

        var query = db.Trials.AsNoTracking();
        var deleted = await DeletedEnterpriseIdsAsync(cancellationToken);
        if (deleted.Count > 0)
        {
            query = query.Where(t => !deleted.Contains(t.EnterpriseId));
        }

        if (filter.AssignedOfficerId is { } officerId)
        {
            query = query.Where(t => t.AssignedOfficerId == officerId);
        }

        if (filter.EndingWithinDays is { } days)
        {
            var today = VietnamTime.Today(clock);
            var last = today.AddDays(days);
            query = query.Where(t => (t.Status == TrialStatus.Planned || t.Status == TrialStatus.Active) && t.EndDate >= today && t.EndDate <= last);
        }

        if (filter.EnterpriseId is { } enterpriseId)
        {
            query = query.Where(t => t.EnterpriseId == enterpriseId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        if (filter.PlatformId is { } platformId)
        {
            query = query.Where(t => t.PlatformId == platformId);
        }

        if (filter.Overdue == true)
        {
            query = query.Where(t => t.OverdueFlaggedAt != null && (t.Status == TrialStatus.Planned || t.Status == TrialStatus.Active));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Project(query.OrderByDescending(t => t.StartDate).ThenBy(t => t.Id).Skip(filter.Skip).Take(filter.PageSize))
            .ToListAsync(cancellationToken);
        return new PagedResultDto<TrialDto>(await WithEnterpriseNamesAsync(rows, cancellationToken), total);
    }

    /// <summary>One trial; 404 when unknown or when its enterprise was deleted (deleted enterprises' trials are hidden, as in the list).</summary>
    public async Task<TrialDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await Project(db.Trials.AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(cancellationToken)
                  ?? throw new EntityNotFoundException("Trial", id);
        if ((await enterprises.GetManyAsync([row.EnterpriseId], cancellationToken)).Count == 0)
        {
            throw new EntityNotFoundException("Trial", id);
        }

        return (await WithEnterpriseNamesAsync([row], cancellationToken))[0];
    }

    /// <summary>One trial whatever its enterprise's state (the answer to a change, e.g. cancelling a deleted enterprise's trial); 404 when unknown.</summary>
    /// <summary>
    /// Adds a field error on <c>assignedOfficerId</c> unless <paramref name="officerId"/> is null or a staff user: one who holds
    /// <see cref="TrialsPermissions.Manage"/> through a role (Officer, Admin) and is not locked out. Roles are asked through
    /// Identity's <see cref="IUserDirectory"/>, the only way into Identity from this module.
    /// </summary>
    internal async Task CheckOfficerAsync(Guid? officerId, FieldErrors errors, CancellationToken ct)
    {
        if (officerId is not { } id)
        {
            return;
        }

        if (id == Guid.Empty)
        {
            errors.Add("assignedOfficerId", TrialsText.Get("Field.OfficerEmpty"));
        }
        else if (!(await users.ListWithPermissionAsync(TrialsPermissions.Manage, ct)).Any(u => u.Id == id))
        {
            errors.Add("assignedOfficerId", TrialsText.Get("Field.OfficerNotStaff", id));
        }
    }

    internal async Task<TrialDto> ReadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await Project(db.Trials.AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(cancellationToken)
                  ?? throw new EntityNotFoundException("Trial", id);
        return (await WithEnterpriseNamesAsync([row], cancellationToken))[0];
    }

    public async Task<TrialDto> CreateAsync(CreateTrialDto input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (input.EnterpriseId is not { } enterpriseId || enterpriseId == Guid.Empty)
        {
            errors.Add("enterpriseId", TrialsText.Get("Field.EnterpriseRequired"));
        }
        else if (!(await enterprises.GetManyAsync([enterpriseId], cancellationToken)).ContainsKey(enterpriseId))
        {
            errors.Add("enterpriseId", TrialsText.Get("Field.EnterpriseUnknown", enterpriseId));
        }

        Platform? platform = null;
        if (input.PlatformId is not { } platformId || platformId == Guid.Empty)
        {
            errors.Add("platformId", TrialsText.Get("Field.PlatformRequired"));
        }
        else
        {
            platform = await db.Platforms.AsNoTracking().FirstOrDefaultAsync(p => p.Id == platformId, cancellationToken);
            if (platform is null)
            {
                errors.Add("platformId", TrialsText.Get("Field.PlatformUnknown", platformId));
            }
            else if (!platform.IsActive)
            {
                errors.Add("platformId", TrialsText.Get("Field.PlatformWithdrawn", platform.Name));
            }
        }

        TrialDates.Check(input.StartDate, input.EndDate, platform?.DefaultTrialDays, errors);

        await CheckOfficerAsync(input.AssignedOfficerId, errors, cancellationToken);

        errors.ThrowIfAny();

        var start = input.StartDate!.Value;
        var endDate = input.EndDate ?? start.AddDays(platform!.DefaultTrialDays - 1);
        var trial = Trial.Plan(input.EnterpriseId!.Value, platform!.Id, input.AssignedOfficerId, start, endDate);

        if (await db.Trials.AnyAsync(t => t.EnterpriseId == trial.EnterpriseId && t.PlatformId == trial.PlatformId
                                          && (t.Status == TrialStatus.Planned || t.Status == TrialStatus.Active), cancellationToken))
        {
            throw DuplicateActiveTrial(platform.Name);
        }

        db.Trials.Add(trial);
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && IsOpenTrialIndexViolation(ex))
        {
            // A concurrent request planned the same trial between the check and the insert.
            db.Context.Entry(trial).State = EntityState.Detached;
            throw DuplicateActiveTrial(platform.Name);
        }

        return await ReadAsync(trial.Id, cancellationToken);
    }

    public Task<TrialDto> StartAsync(Guid id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, t => t.Start(clock.GetUtcNow()), cancellationToken, requireLiveEnterprise: true);

    public Task<TrialDto> CompleteAsync(Guid id, CompleteTrialDto input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (input.Outcome is not { } outcome)
        {
            errors.Add("outcome", TrialsText.Get("Field.OutcomeRequired"));
        }
        else if (!Enum.IsDefined(outcome))
        {
            errors.Add("outcome", TrialsText.Get("Field.OutcomeUnknown"));
        }
        else if (outcome == TrialOutcome.NotAdopted && string.IsNullOrWhiteSpace(input.Reason))
        {
            errors.Add("reason", TrialsText.Get("Field.ReasonRequired"));
        }

        CheckReason(input.Reason, errors);
        errors.ThrowIfAny();
        return ChangeAsync(id, t => t.Complete(input.Outcome!.Value, input.Reason, clock.GetUtcNow()), cancellationToken, requireLiveEnterprise: true);
    }

    public Task<TrialDto> CancelAsync(Guid id, CancelTrialDto input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        CheckReason(input.Reason, errors);
        errors.ThrowIfAny();
        return ChangeAsync(id, t => t.Cancel(input.Reason, clock.GetUtcNow()), cancellationToken);
    }

    private static void CheckReason(string? reason, FieldErrors errors)
    {
        if (reason is not null && reason.Trim().Length > Trial.ReasonMaxLength)
        {
            errors.Add("reason", TrialsText.Get("Field.ReasonTooLong", Trial.ReasonMaxLength));
        }
    }

    /// <summary>
    /// Loads the trial, applies <paramref name="change"/> (which throws the lifecycle's own 409 InvalidTransition) and saves. When a
    /// parallel request changed the trial between our read and our write, the trial is read again and the change re-run, so that
    /// the loser hears the specific code (e.g. InvalidTransition for a second start), not the generic concurrency conflict.
    /// </summary>
    private async Task<TrialDto> ChangeAsync(Guid id, Action<Trial> change, CancellationToken cancellationToken, bool requireLiveEnterprise = false)
    {
        try
        {
            return await ChangeOnceAsync(id, change, requireLiveEnterprise, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Context.ChangeTracker.Clear();
            return await ChangeOnceAsync(id, change, requireLiveEnterprise, cancellationToken);
        }
    }

    private async Task<TrialDto> ChangeOnceAsync(Guid id, Action<Trial> change, bool requireLiveEnterprise, CancellationToken cancellationToken)
    {
        var trial = await db.Trials.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
                    ?? throw new EntityNotFoundException("Trial", id);
        if (requireLiveEnterprise)
        {
            await EnsureEnterpriseNotDeletedAsync(trial, cancellationToken);
        }

        change(trial);
        await db.Context.SaveChangesAsync(cancellationToken);
        return await ReadAsync(id, cancellationToken);
    }

    /// <summary>Throws 409 <see cref="TrialsErrorCodes.EnterpriseDeleted"/> when the trial's enterprise was deleted.</summary>
    internal async Task EnsureEnterpriseNotDeletedAsync(Trial trial, CancellationToken ct)
    {
        if ((await enterprises.GetManyAsync([trial.EnterpriseId], ct)).Count == 0)
        {
            db.Context.ChangeTracker.Clear();
            throw new ConflictException(TrialsErrorCodes.EnterpriseDeleted,
                "The trial's enterprise was deleted; it can no longer be started, completed or checked in (it may still be cancelled).");
        }
    }

    /// <summary>Ids of enterprises that have trials but were deleted (usually few): every trial's enterprise less the live registry.</summary>
    internal async Task<List<Guid>> DeletedEnterpriseIdsAsync(CancellationToken ct)
    {
        var withTrials = await db.Trials.AsNoTracking().Select(t => t.EnterpriseId).Distinct().ToListAsync(ct);
        var alive = (await enterprises.ListGroupingsAsync(ct)).Select(e => e.Id).ToHashSet();
        return withTrials.Where(id => !alive.Contains(id)).ToList();
    }

    private static ConflictException DuplicateActiveTrial(string platformName) =>
        new(TrialsErrorCodes.DuplicateActiveTrial,
            $"The enterprise already has a planned or active trial of {platformName}; finish or cancel it first.")
        {
            MessageArgs = [platformName],
        };

    private static bool IsOpenTrialIndexViolation(DbUpdateException ex)
    {
        var message = ex.InnerException?.Message ?? "";
        return message.Contains(TrialsModel.OneOpenTrialIndex, StringComparison.OrdinalIgnoreCase)
               || (message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase)
                   && message.Contains("Trials.EnterpriseId", StringComparison.OrdinalIgnoreCase));
    }

    internal IQueryable<TrialDto> Project(IQueryable<Trial> trials) =>
        from t in trials
        join p in db.Platforms on t.PlatformId equals p.Id
        select new TrialDto
        {
            Id = t.Id,
            EnterpriseId = t.EnterpriseId,
            PlatformId = t.PlatformId,
            PlatformName = p.Name,
            PlatformProvider = p.Provider,
            AssignedOfficerId = t.AssignedOfficerId,
            StartDate = t.StartDate,
            EndDate = t.EndDate,
            Status = t.Status,
            Outcome = t.Outcome,
            OutcomeReason = t.OutcomeReason,
            CancellationReason = t.CancellationReason,
            StartedAt = t.StartedAt,
            CompletedAt = t.CompletedAt,
            CancelledAt = t.CancelledAt,
            CreatedAt = t.CreatedAt,
            OverdueFlaggedAt = t.OverdueFlaggedAt,
        };

    internal async Task<List<TrialDto>> WithEnterpriseNamesAsync(List<TrialDto> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var names = await enterprises.GetManyAsync(rows.Select(r => r.EnterpriseId).Distinct().ToList(), ct);
        return rows.Select(r => r with { EnterpriseName = names.TryGetValue(r.EnterpriseId, out var e) ? e.Name : null }).ToList();
    }
}

/// <summary>Trial counts for Reporting; trials of deleted enterprises are left out.</summary>
internal sealed class TrialStatistics(TrialsDb db, IEnterpriseLookup enterprises) : ITrialStatistics
{
    public async Task<IReadOnlyDictionary<TrialStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        var groups = await db.Trials.AsNoTracking()
            .GroupBy(t => new { t.EnterpriseId, t.Status })
            .Select(g => new { g.Key.EnterpriseId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var known = await enterprises.GetManyAsync(groups.Select(g => g.EnterpriseId).Distinct().ToList(), cancellationToken);
        return groups.Where(g => known.ContainsKey(g.EnterpriseId))
            .GroupBy(g => g.Status)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
    }
}
