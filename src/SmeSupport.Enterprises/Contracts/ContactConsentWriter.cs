namespace SmeSupport.Enterprises.Contracts;

/// <summary>
/// Consent changes made by the system for other modules, without a signed-in user: an opt-out from an e-mail link or a
/// provider's unsubscribe event (Decree 91/2020/NĐ-CP: sending stops at once on refusal; Law 91/2025/QH15: consent may
/// be withdrawn at any time). Staff changes go through <see cref="IEnterpriseProfileAppService"/>.
/// </summary>
public interface IContactConsentWriter
{
    /// <summary>
    /// Withdraws every consent in force of the contact for the purpose (the grants are kept, with the withdrawal and
    /// <paramref name="via"/>), and writes the audit entry (Contact, Updated, old → new, by <paramref name="actor"/>) in
    /// the same transaction. Idempotent: nothing in force, nothing written.
    /// </summary>
    /// <param name="contactId">The contact (a deleted or unknown contact changes nothing).</param>
    /// <param name="purpose">The purpose withdrawn.</param>
    /// <param name="via">How: one of <see cref="ConsentChannels.All"/>, usually <see cref="ConsentChannels.Email"/>.</param>
    /// <param name="actor">Who, for the audit log (no user is signed in), e.g. <c>system:sendgrid-webhook</c>; null: <c>system</c>.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>True when a consent in force was withdrawn; false when there was none (or no such contact).</returns>
    /// <exception cref="ArgumentException"><paramref name="via"/> is not a known channel.</exception>
    Task<bool> WithdrawAsync(Guid contactId, ConsentPurpose purpose, string via, string? actor = null, CancellationToken cancellationToken = default);
}
