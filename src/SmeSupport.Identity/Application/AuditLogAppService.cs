using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.Domain;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;

namespace SmeSupport.Identity.Application;

/// <summary>Reads the audit trail written by the EF Core audit interceptor (<see cref="IAuditLogAppService"/>).</summary>
internal sealed class AuditLogAppService(DbContext db) : IAuditLogAppService
{
    public async Task<PagedResultDto<AuditLogEntryDto>> GetListAsync(string? entityType, string? entityId, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (page < 1)
        {
            errors.Add("page", "Page must be 1 or more.");
        }

        if (pageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", $"Page size must be between 1 and {PagedRequestDto.MaxPageSize}.");
        }

        errors.ThrowIfAny();
        var query = db.Set<AuditLogEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            var type = entityType.Trim();
            query = query.Where(a => a.EntityType == type);
        }

        if (!string.IsNullOrWhiteSpace(entityId))
        {
            var id = entityId.Trim();
            query = query.Where(a => a.EntityId == id);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new AuditLogEntryDto(a.Id, a.EntityType, a.EntityId, a.Action, a.Changes, a.UserId, a.UserName, a.At))
            .ToListAsync(cancellationToken);
        return new PagedResultDto<AuditLogEntryDto>(items, total);
    }
}
