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
/// Changes are detected once per save: the interceptor runs <see cref="ChangeTracker.DetectChanges"/> itself, makes its own
/// changes through the change tracker, and turns automatic detection off until the save ends (restored in
/// <c>SavedChanges</c>/<c>SaveChangesFailed</c>/<c>SaveChangesCanceled</c>), so EF does not scan every tracked entity a second time.
/// </summary>
public sealed class AuditSaveChangesInterceptor(TimeProvider clock, ICurrentUser currentUser) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Skipped =
    [
        nameof(IAuditedEntity.CreatedAt), nameof(IAuditedEntity.CreatedBy), nameof(IAuditedEntity.ModifiedAt),
        nameof(IAuditedEntity.ModifiedBy), nameof(AuditedEntity.ConcurrencyStamp), nameof(ISoftDelete.DeletedAt),
        nameof(ISoftDelete.DeletedBy),
    ];

    /// <summary>Contexts whose automatic change detection this interceptor turned off for the save in progress.</summary>
    private readonly HashSet<DbContext> suspended = [];

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

    /// <inheritdoc />
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Resume(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    /// <inheritdoc />
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    /// <inheritdoc />
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Resume(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    /// <inheritdoc />
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    /// <inheritdoc />
    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        Resume(eventData.Context);
        base.SaveChangesCanceled(eventData);
    }

    /// <inheritdoc />
    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return base.SaveChangesCanceledAsync(eventData, cancellationToken);
    }

    private void Resume(DbContext? context)
    {
        if (context is not null && suspended.Remove(context))
        {
            context.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private void Apply(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Detect once here; every change below goes through the entry API, so EF's own pass in SaveChanges is not needed.
        var tracker = context.ChangeTracker;
        if (tracker.AutoDetectChangesEnabled)
        {
            tracker.DetectChanges();
            tracker.AutoDetectChangesEnabled = false;
            suspended.Add(context);
        }

        var now = clock.GetUtcNow();
        // A background job acting for a user names that user (AuditActor); otherwise the signed-in user.
        var actor = AuditActor.Current;
        var userId = actor is null ? currentUser.Id : actor.Id;
        var userName = actor is null ? currentUser.Email : actor.Email;
        var entries = new List<AuditLogEntry>();

        foreach (var entry in tracker.Entries().ToList())
        {
            if (entry.Entity is not IAuditedEntity audited)
            {
                continue;
            }

            string? action = null;
            switch (entry.State)
            {
                case EntityState.Added:
                    Set(entry, nameof(IAuditedEntity.CreatedAt), now);
                    if (audited.CreatedBy is null)
                    {
                        Set(entry, nameof(IAuditedEntity.CreatedBy), userId);
                    }

                    action = "Created";
                    break;
                case EntityState.Deleted when entry.Entity is ISoftDelete:
                    entry.State = EntityState.Modified;
                    Set(entry, nameof(ISoftDelete.IsDeleted), true);
                    Set(entry, nameof(ISoftDelete.DeletedAt), now);
                    Set(entry, nameof(ISoftDelete.DeletedBy), userId);
                    Set(entry, nameof(IAuditedEntity.ModifiedAt), now);
                    Set(entry, nameof(IAuditedEntity.ModifiedBy), userId);
                    action = "Deleted";
                    break;
                case EntityState.Modified:
                    Set(entry, nameof(IAuditedEntity.ModifiedAt), now);
                    Set(entry, nameof(IAuditedEntity.ModifiedBy), userId);
                    action = entry.Entity is ISoftDelete { IsDeleted: false } && IsRestore(entry) ? "Restored"
                        : entry.Entity is ISoftDelete { IsDeleted: true } && IsDeleteNow(entry) ? "Deleted" : "Updated";
                    if (entry.Entity is ISoftDelete { IsDeleted: false } && action == "Restored")
                    {
                        Set(entry, nameof(ISoftDelete.DeletedAt), null);
                        Set(entry, nameof(ISoftDelete.DeletedBy), null);
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

            if (entry.Entity is AuditedEntity && entry.State != EntityState.Deleted && !StampAlreadyRenewed(entry))
            {
                Set(entry, nameof(AuditedEntity.ConcurrencyStamp), Guid.NewGuid().ToString("N"));
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

    /// <summary>Sets a property through the change tracker (marks it modified on a modified entry without another DetectChanges).</summary>
    private static void Set(EntityEntry entry, string property, object? value) => entry.Property(property).CurrentValue = value;

    /// <summary>
    /// True when the caller already gave the entity its new stamp for this save (so that it knows the stamp before saving, e.g. the
    /// import records it beside each row in the same save): a new entity with a stamp, or a modified one whose stamp was changed to a
    /// value other than the one it was loaded with. The stamp's original value still guards the update.
    /// </summary>
    private static bool StampAlreadyRenewed(EntityEntry entry)
    {
        var stamp = entry.Property(nameof(AuditedEntity.ConcurrencyStamp));
        return entry.State == EntityState.Added
            ? stamp.CurrentValue is string { Length: > 0 }
            : stamp.IsModified && stamp.CurrentValue is string { Length: > 0 } current && !Equals(stamp.OriginalValue, current);
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
