using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Persistence;

namespace SmeSupport.Enterprises.Application;

/// <summary>
/// System-made consent withdrawals (e-mail opt-out links, provider unsubscribe events). The change is one conditional
/// UPDATE, which the audit interceptor does not see, so the audit entry (entity Contact, action Updated, old → new of the
/// withdrawal fields, the system actor) is written here in the same transaction.
/// </summary>
internal sealed class ContactConsentWriter(EnterprisesDb db, TimeProvider clock) : IContactConsentWriter
{
    /// <summary>Actor recorded when the caller names none.</summary>
    public const string DefaultActor = "system";

    public async Task<bool> WithdrawAsync(Guid contactId, ConsentPurpose purpose, string via, string? actor = null,
        CancellationToken cancellationToken = default)
    {
        var channel = ConsentChannels.All.FirstOrDefault(c => string.Equals(c, via?.Trim(), StringComparison.OrdinalIgnoreCase))
                      ?? throw new ArgumentException($"Unknown consent channel '{via}'.", nameof(via));
        var now = clock.GetUtcNow();
        var owned = db.Context.Database.CurrentTransaction is null
            ? await db.Context.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var inForce = await db.ContactConsents.AsNoTracking()
                .Where(c => c.ContactId == contactId && c.Purpose == purpose && c.WithdrawnAt == null && db.Contacts.Any(k => k.Id == contactId))
                .Select(c => c.Id).ToListAsync(cancellationToken);
            if (inForce.Count == 0)
            {
                return false;
            }

            // One conditional UPDATE: a concurrent withdrawal cannot stamp a consent twice.
            var changed = await db.ContactConsents
                .Where(c => inForce.Contains(c.Id) && c.WithdrawnAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.WithdrawnAt, now).SetProperty(c => c.WithdrawnVia, channel), cancellationToken);
            if (changed == 0)
            {
                return false;
            }

            var prefix = $"Consents[{purpose}].";
            db.Context.Set<AuditLogEntry>().Add(new AuditLogEntry
            {
                EntityType = "Contact",
                EntityId = contactId.ToString(),
                Action = "Updated",
                Changes = JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    [prefix + "WithdrawnAt"] = new { old = (DateTimeOffset?)null, @new = now },
                    [prefix + "WithdrawnVia"] = new { old = (string?)null, @new = channel },
                }),
                UserId = null,
                UserName = string.IsNullOrWhiteSpace(actor) ? DefaultActor : actor.Trim(),
                At = now,
            });
            await db.Context.SaveChangesAsync(cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            return true;
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }
}
