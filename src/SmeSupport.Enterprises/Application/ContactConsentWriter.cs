using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Persistence;

namespace SmeSupport.Enterprises.Application;

/// <summary>System-made consent withdrawals (e-mail opt-outs) for other modules.</summary>
internal sealed class ContactConsentWriter(EnterprisesDb db, TimeProvider clock) : IContactConsentWriter
{
    public async Task<bool> WithdrawAsync(Guid contactId, ConsentPurpose purpose, string via, CancellationToken cancellationToken = default)
    {
        var channel = ConsentChannels.All.FirstOrDefault(c => string.Equals(c, via?.Trim(), StringComparison.OrdinalIgnoreCase))
                      ?? throw new ArgumentException($"Unknown consent channel '{via}'.", nameof(via));
        var now = clock.GetUtcNow();
        // One conditional UPDATE: a concurrent withdrawal cannot stamp a consent twice.
        var changed = await db.ContactConsents
            .Where(c => c.ContactId == contactId && c.Purpose == purpose && c.WithdrawnAt == null
                        && db.Contacts.Any(k => k.Id == contactId))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.WithdrawnAt, now).SetProperty(c => c.WithdrawnVia, channel), cancellationToken);
        return changed > 0;
    }
}
