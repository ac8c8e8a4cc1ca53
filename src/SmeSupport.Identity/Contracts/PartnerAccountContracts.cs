namespace SmeSupport.Identity.Contracts;

/// <summary>
/// Accounts for partner organizations (the provincial tax office), for the Reporting module, which never touches Identity's tables:
/// TaxPartner users bound to one organization (the <c>partner_org_id</c> claim comes from the binding).
/// </summary>
public interface IPartnerAccountService
{
    /// <summary>
    /// Creates a TaxPartner account without a password, bound to <paramref name="partnerOrganizationId"/>, and e-mails a link to set the
    /// password (the same set-password page as any invitation).
    /// </summary>
    /// <param name="email">E-mail, becomes the user name (already validated by the caller).</param>
    /// <param name="fullName">Full name, or null.</param>
    /// <param name="partnerOrganizationId">The organization the user acts for.</param>
    /// <param name="setPasswordUrlBase">Absolute URL of the set-password page; <c>userId</c> and <c>token</c> are appended.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The new user.</returns>
    /// <exception cref="SmeSupport.Errors.BusinessException"><c>SmeSupport:Identity:DuplicateEmail</c> (409) when the e-mail is already a user;
    /// <c>SmeSupport:Identity:InvitationNotSent</c> (503) when the e-mail sender refused the message (no account is kept).</exception>
    Task<DirectoryUserDto> CreatePartnerUserAsync(string email, string? fullName, Guid partnerOrganizationId, string setPasswordUrlBase,
        CancellationToken cancellationToken = default);

    /// <summary>The organization's users (not locked out), ordered by e-mail.</summary>
    Task<IReadOnlyList<DirectoryUserDto>> ListPartnerUsersAsync(Guid partnerOrganizationId, CancellationToken cancellationToken = default);
}
