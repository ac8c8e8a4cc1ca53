using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Cases.Application;

/// <summary>
/// Picks the contact a case without an explicit one is for, so staff public replies reach somebody: the enterprise's
/// contact whose e-mail is the signed-in user's (an enterprise user opening a case in the portal), else the
/// enterprise's first contact (by name) with an e-mail address and consent to service messages, else none.
/// Contacts are read through the Enterprises contracts only.
/// </summary>
internal sealed class CaseContactResolver(IEnterpriseProfileAppService profiles)
{
    /// <summary>The contact id, or null when the enterprise has no suitable contact (or cannot be read by the caller).</summary>
    /// <param name="enterpriseId">The case's enterprise.</param>
    /// <param name="userEmail">The signed-in user's e-mail address to match first, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Guid?> ResolveAsync(Guid enterpriseId, string? userEmail, CancellationToken ct)
    {
        IReadOnlyList<ContactDto> list;
        try
        {
            list = await profiles.GetContactsAsync(enterpriseId, ct);
        }
        catch (Exception e) when (e is EntityNotFoundException or ForbiddenException)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(userEmail)
            && list.FirstOrDefault(c => string.Equals(c.Email?.Trim(), userEmail.Trim(), StringComparison.OrdinalIgnoreCase)) is { } own)
        {
            return own.Id;
        }

        return list.FirstOrDefault(c => c.ServiceConsent && !string.IsNullOrWhiteSpace(c.Email))?.Id;
    }
}
