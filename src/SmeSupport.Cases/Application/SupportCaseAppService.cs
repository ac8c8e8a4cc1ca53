using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Security;
using SmeSupport.Text;

namespace SmeSupport.Cases.Application;

/// <summary>
/// Support cases: open, list, read, assign and work them. Enterprises and contacts are reached only through the
/// Enterprises contracts, officers only through <see cref="IUserDirectory"/>.
/// </summary>
internal sealed class SupportCaseAppService(
    CasesDb db,
    IValidator<CreateSupportCaseDto> validator,
    IEnterpriseLookup enterprises,
    IEnterpriseContactDirectory contacts,
    IUserDirectory users,
    WorkingCalendarProvider calendars,
    IOptions<CasesOptions> options,
    ICurrentUser currentUser,
    TimeProvider clock) : ISupportCaseAppService
{
    public async Task<PagedResultDto<SupportCaseDto>> GetListAsync(SupportCaseListFilterDto filter, CancellationToken cancellationToken = default)
    {
        var errors = Paging.Check(filter, new FieldErrors());
        if (filter.Status is { } s && !Enum.IsDefined(s))
        {
            errors.Add("status", "Status is not one of the known values.");
        }

        if (filter.Type is { } t && !Enum.IsDefined(t))
        {
            errors.Add("type", "Type is not one of the known values.");
        }

        if (filter.Priority is { } p && !Enum.IsDefined(p))
        {
            errors.Add("priority", "Priority is not one of the known values.");
        }

        errors.ThrowIfAny();

        var query = db.SupportCases.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.EnterpriseId is { } enterpriseId)
        {
            query = query.Where(c => c.EnterpriseId == enterpriseId);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(c => c.Type == type);
        }

        if (filter.Priority is { } priority)
        {
            query = query.Where(c => c.Priority == priority);
        }

        if (filter.AssigneeId is { } assigneeId)
        {
            query = query.Where(c => c.AssigneeId == assigneeId);
        }

        if (filter.CommunityVisitId is { } visitId)
        {
            query = query.Where(c => c.CommunityVisitId == visitId);
        }

        if (filter.WardCode is { } ward)
        {
            var inWard = (await enterprises.ListAsync(cancellationToken: cancellationToken)).Where(e => e.WardCode == ward).Select(e => e.Id).ToList();
            query = query.Where(c => inWard.Contains(c.EnterpriseId));
        }

        if (filter.Overdue == true)
        {
            // Overdue depends on the working calendar and the clock: computed for the open cases, then paged.
            var open = await query.Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
                .OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id).Include(c => c.StatusChanges).AsSplitQuery().ToListAsync(cancellationToken);
            var dtos = (await ToDtosAsync(open, cancellationToken)).Where(IsOverdue).ToList();
            return new PagedResultDto<SupportCaseDto>(dtos.Skip(filter.Skip).Take(filter.PageSize).ToList(), dtos.Count);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id)
            .Skip(filter.Skip).Take(filter.PageSize).Include(c => c.StatusChanges).AsSplitQuery().ToListAsync(cancellationToken);
        return new PagedResultDto<SupportCaseDto>(await ToDtosAsync(rows, cancellationToken), total);
    }

    /// <summary>An open case with the first response missing past its due time, or past its resolution target.</summary>
    internal static bool IsOverdue(SupportCaseDto c) =>
        c.Status is not (CaseStatus.Resolved or CaseStatus.Closed) && c.ServiceLevel is { } l
        && ((c.FirstRespondedAt is null && l.FirstResponseBreached) || l.ResolutionBreached);

    public async Task<SupportCaseDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await db.SupportCases.AsNoTracking().Include(c => c.StatusChanges).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                  ?? throw new EntityNotFoundException("SupportCase", id);
        return (await ToDtosAsync([row], cancellationToken))[0];
    }

    public async Task<SupportCaseDto> CreateAsync(CreateSupportCaseDto input, CancellationToken cancellationToken = default)
    {
        var errors = await new FieldErrors().AddFromAsync(validator, input, cancellationToken);
        if (!errors.Has("enterpriseId"))
        {
            var enterpriseId = input.EnterpriseId!.Value;
            if (!(await enterprises.GetManyAsync([enterpriseId], cancellationToken)).ContainsKey(enterpriseId))
            {
                errors.Add("enterpriseId", $"Enterprise '{enterpriseId}' does not exist.");
            }
            else if (input.ContactId is { } contactId && !errors.Has("contactId"))
            {
                var found = await contacts.GetRecipientsAsync([contactId], cancellationToken);
                if (!found.Any(c => c.ContactId == contactId && c.EnterpriseId == enterpriseId))
                {
                    errors.Add("contactId", "The contact is not a contact of this enterprise.");
                }
            }
        }

        if (input.AssigneeId is { } assigneeId && !errors.Has("assigneeId") && !await IsOfficerAsync(assigneeId, cancellationToken))
        {
            errors.Add("assigneeId", $"User '{assigneeId}' is not an officer who can work cases.");
        }

        var subject = errors.Has("subject") ? "" : CaseText.Subject(input.Subject, SupportCase.SubjectMaxLength, errors);
        var description = errors.Has("description") ? null
            : CaseText.Optional(input.Description, SupportCase.DescriptionMaxLength, errors, "description", "Description");
        errors.ThrowIfAny();

        var supportCase = SupportCase.Open(input.EnterpriseId!.Value, input.ContactId, subject, description,
            input.Type!.Value, input.Channel!.Value, input.Priority ?? CasePriority.Normal, input.AssigneeId, clock.GetUtcNow(), currentUser.Id);
        db.SupportCases.Add(supportCase);
        await db.SaveAsync(cancellationToken);
        return await GetAsync(supportCase.Id, cancellationToken);
    }

    public async Task<SupportCaseDto> AssignAsync(Guid id, AssignCaseDto input, CancellationToken cancellationToken = default)
    {
        var supportCase = await LoadAsync(id, cancellationToken);
        var errors = new FieldErrors();
        var auto = input.Auto == true;
        if (auto == input.AssigneeId.HasValue)
        {
            errors.Add("assigneeId", "Give either an assignee or auto: true.");
        }
        else if (input.AssigneeId is { } assigneeId && !await IsOfficerAsync(assigneeId, cancellationToken))
        {
            errors.Add("assigneeId", $"User '{assigneeId}' is not an officer who can work cases.");
        }

        errors.ThrowIfAny();
        if (supportCase.Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            throw new ConflictException(CasesErrorCodes.InvalidTransition, $"A {supportCase.Status} case cannot be assigned; reopen it first.")
            {
                MessageArgs = [supportCase.Status],
            };
        }

        var officer = input.AssigneeId ?? await LeastLoadedCoveringOfficerAsync(supportCase.EnterpriseId, cancellationToken);
        supportCase.ActingUserId = currentUser.Id;
        supportCase.Assign(officer, clock.GetUtcNow());
        await db.SaveAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<SupportCaseDto> ApplyAsync(Guid id, CaseAction action, CancellationToken cancellationToken = default)
    {
        var supportCase = await LoadAsync(id, cancellationToken);
        supportCase.ActingUserId = currentUser.Id;
        supportCase.Apply(action, clock.GetUtcNow(), TimeSpan.FromDays(options.Value.ReopenWindowDays));
        await db.SaveAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    private async Task<SupportCase> LoadAsync(Guid id, CancellationToken ct) =>
        await db.SupportCases.Include(c => c.StatusChanges).FirstOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new EntityNotFoundException("SupportCase", id);

    private async Task<bool> IsOfficerAsync(Guid userId, CancellationToken ct) =>
        (await users.ListWithPermissionAsync(CasesPermissions.Manage, ct)).Any(u => u.Id == userId);

    /// <summary>The officer covering the enterprise's commune with the fewest cases not yet resolved; ties go to the lowest e-mail.</summary>
    private async Task<Guid> LeastLoadedCoveringOfficerAsync(Guid enterpriseId, CancellationToken ct)
    {
        var enterprise = (await enterprises.GetManyAsync([enterpriseId], ct)).GetValueOrDefault(enterpriseId)
                         ?? throw new ConflictException(CasesErrorCodes.NoCoveringOfficer, "The case's enterprise no longer exists.");
        var covering = await db.Coverage.AsNoTracking().Where(c => c.WardCode == enterprise.WardCode).Select(c => c.OfficerId).ToListAsync(ct);
        var officers = (await users.ListWithPermissionAsync(CasesPermissions.Manage, ct)).Where(u => covering.Contains(u.Id)).ToList();
        if (officers.Count == 0)
        {
            throw new ConflictException(CasesErrorCodes.NoCoveringOfficer,
                $"No officer covers commune {enterprise.WardCode}; assign the case by hand or set the officers' coverage.");
        }

        var ids = officers.Select(o => o.Id).ToList();
        var loads = await db.SupportCases.AsNoTracking()
            .Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId.Value) && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .GroupBy(c => c.AssigneeId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        return officers.OrderBy(o => loads.GetValueOrDefault(o.Id)).ThenBy(o => o.Email, StringComparer.OrdinalIgnoreCase).First().Id;
    }

    private async Task<List<SupportCaseDto>> ToDtosAsync(List<SupportCase> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var names = await enterprises.GetManyAsync(rows.Select(r => r.EnterpriseId).Distinct().ToList(), ct);
        var calendar = await calendars.GetAsync(ct);
        var now = clock.GetUtcNow();
        return rows.Select(c => new SupportCaseDto
        {
            Id = c.Id,
            EnterpriseId = c.EnterpriseId,
            EnterpriseName = names.TryGetValue(c.EnterpriseId, out var e) ? e.Name : null,
            ContactId = c.ContactId,
            Subject = c.Subject,
            Description = c.Description,
            Type = c.Type,
            Channel = c.Channel,
            Priority = c.Priority,
            AssigneeId = c.AssigneeId,
            Status = c.Status,
            OpenedAt = c.OpenedAt,
            ResolvedAt = c.ResolvedAt,
            ClosedAt = c.ClosedAt,
            FirstRespondedAt = c.FirstRespondedAt,
            ReopenCount = c.ReopenCount,
            Rating = c.Rating,
            RatingComment = c.RatingComment,
            CommunityVisitId = c.CommunityVisitId,
            ServiceLevel = ServiceLevelCalculator.Compute(c.OpenedAt, c.FirstRespondedAt, c.History(),
                options.Value.TargetFor(c.Priority), calendar, now),
        }).ToList();
    }
}

/// <summary>Case counts for Reporting; cases of deleted enterprises are left out.</summary>
internal sealed class CaseStatistics(CasesDb db, IEnterpriseLookup enterprises) : ICaseStatistics
{
    public async Task<IReadOnlyDictionary<CaseStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        var groups = await db.SupportCases.AsNoTracking()
            .GroupBy(c => new { c.EnterpriseId, c.Status })
            .Select(g => new { g.Key.EnterpriseId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var known = await enterprises.GetManyAsync(groups.Select(g => g.EnterpriseId).Distinct().ToList(), cancellationToken);
        return groups.Where(g => known.ContainsKey(g.EnterpriseId))
            .GroupBy(g => g.Status)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
    }
}
