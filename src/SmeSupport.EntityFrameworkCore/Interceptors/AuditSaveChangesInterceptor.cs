using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SmeSupport.Domain;
using SmeSupport.Security;

namespace SmeSupport.EntityFrameworkCore.Interceptors;

/// <summary>
/// Fills audit fields, turns deletes of <see cref="ISoftDelete"/> entities into soft deletes, renews
/// concurrency stamps, and writes an <see cref="AuditLogEntry"/> per changed audited entity in the
/// same save (ABP's auditing and entity history). Scoped: one per request, so it sees the request's user.
/// </summary>
public sealed class AuditSaveChangesInterceptor(TimeProvider clock, ICurrentUser currentUser) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Skipped =
    [
        nameof(IAuditedEntity.CreatedAt), nameof(IAuditedEntity.CreatedBy), nameof(IAuditedEntity.ModifiedAt),
        nameof(IAuditedEntity.ModifiedBy), nameof(AuditedEntity.ConcurrencyStamp), nameof(ISoftDelete.DeletedAt),
        nameof(ISoftDelete.DeletedBy),
    ];

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Apply(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Apply(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        // A background job acting for a user names that user (AuditActor); otherwise the signed-in user.
        var actor = AuditActor.Current;
        var userId = actor is null ? currentUser.Id : actor.Id;
        var userName = actor is null ? currentUser.Email : actor.Email;
        var entries = new List<AuditLogEntry>();

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is not IAuditedEntity audited)
            {
                continue;
            }

            string? action = null;
            switch (entry.State)
            {
                case EntityState.Added:
                    audited.CreatedAt = now;
                    audited.CreatedBy ??= userId;
                    action = "Created";
                    break;
                case EntityState.Deleted when entry.Entity is ISoftDelete softDelete:
                    entry.State = EntityState.Modified;
                    softDelete.IsDeleted = true;
                    softDelete.DeletedAt = now;
                    softDelete.DeletedBy = userId;
                    audited.ModifiedAt = now;
                    audited.ModifiedBy = userId;
                    action = "Deleted";
                    break;
                case EntityState.Modified:
                    audited.ModifiedAt = now;
                    audited.ModifiedBy = userId;
                    action = entry.Entity is ISoftDelete { IsDeleted: false } && IsRestore(entry) ? "Restored"
                        : entry.Entity is ISoftDelete { IsDeleted: true } && IsDeleteNow(entry) ? "Deleted" : "Updated";
                    if (entry.Entity is ISoftDelete { IsDeleted: false } restored && action == "Restored")
                    {
                        restored.DeletedAt = null;
                        restored.DeletedBy = null;
                    }

                    break;
                case EntityState.Deleted:
                    action = "Deleted";
                    break;
            }

            if (action is null)
            {
                continue;
            }

            if (entry.Entity is AuditedEntity stamped && entry.State != EntityState.Deleted)
            {
                stamped.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            }

            var changes = Changes(entry, action);
            if (action == "Updated" && changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditLogEntry
            {
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = entry.Property("Id").CurrentValue?.ToString() ?? "",
                Action = action,
                Changes = JsonSerializer.Serialize(changes),
                UserId = userId,
                UserName = userName,
                At = now,
            });
        }

        if (entries.Count > 0)
        {
            context.Set<AuditLogEntry>().AddRange(entries);
        }
    }

    private static bool IsRestore(EntityEntry entry)
    {
        var p = entry.Property(nameof(ISoftDelete.IsDeleted));
        return p.IsModified && p.OriginalValue is true;
    }

    private static bool IsDeleteNow(EntityEntry entry)
    {
        var p = entry.Property(nameof(ISoftDelete.IsDeleted));
        return p.IsModified && p.OriginalValue is false;
    }

    private static Dictionary<string, object?> Changes(EntityEntry entry, string action)
    {
        var result = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (Skipped.Contains(name) || p.Metadata.IsPrimaryKey())
            {
                continue;
            }

            if (action == "Created")
            {
                if (p.CurrentValue is not null)
                {
                    result[name] = new { @new = p.CurrentValue };
                }
            }
            else if (p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            {
                result[name] = new { old = p.OriginalValue, @new = p.CurrentValue };
            }
        }

        return result;
    }
}
