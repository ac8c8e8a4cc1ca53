using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Text;

namespace SmeSupport.Cases.Application;

/// <summary>Support cases: open, list, read. Enterprises and contacts are reached only through the Enterprises contracts.</summary>
internal sealed class SupportCaseAppService(
    CasesDb db,
    IValidator<CreateSupportCaseDto> validator,
    IEnterpriseLookup enterprises,
    IEnterpriseContactDirectory contacts,
    TimeProvider clock) : ISupportCaseAppService
{
    public async Task<PagedResultDto<SupportCaseDto>> GetListAsync(SupportCaseListFilterDto filter, CancellationToken cancellationToken = default)
    {
        var errors = Paging.Check(filter, new FieldErrors());
        if (filter.Status is { } s && !Enum.IsDefined(s))
        {
            errors.Add("status", "Status is not one of the known values.");
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

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id)
            .Skip(filter.Skip).Take(filter.PageSize).Select(Projection).ToListAsync(cancellationToken);
        return new PagedResultDto<SupportCaseDto>(await WithEnterpriseNamesAsync(rows, cancellationToken), total);
    }

    public async Task<SupportCaseDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await db.SupportCases.AsNoTracking().Where(c => c.Id == id).Select(Projection).FirstOrDefaultAsync(cancellationToken)
                  ?? throw new EntityNotFoundException("SupportCase", id);
        return (await WithEnterpriseNamesAsync([row], cancellationToken))[0];
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

        errors.ThrowIfAny();

        var supportCase = SupportCase.Open(input.EnterpriseId!.Value, input.ContactId, VietnameseText.Normalize(input.Subject!.Trim()),
            string.IsNullOrWhiteSpace(input.Description) ? null : VietnameseText.Normalize(input.Description.Trim()),
            input.Type!.Value, input.Channel!.Value, input.Priority ?? CasePriority.Normal, input.AssigneeId, clock.GetUtcNow());
        db.SupportCases.Add(supportCase);
        await db.Context.SaveChangesAsync(cancellationToken);
        return await GetAsync(supportCase.Id, cancellationToken);
    }

    private static System.Linq.Expressions.Expression<Func<SupportCase, SupportCaseDto>> Projection => c => new SupportCaseDto
    {
        Id = c.Id,
        EnterpriseId = c.EnterpriseId,
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
    };

    private async Task<List<SupportCaseDto>> WithEnterpriseNamesAsync(List<SupportCaseDto> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var names = await enterprises.GetManyAsync(rows.Select(r => r.EnterpriseId).Distinct().ToList(), ct);
        return rows.Select(r => r with { EnterpriseName = names.TryGetValue(r.EnterpriseId, out var e) ? e.Name : null }).ToList();
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
