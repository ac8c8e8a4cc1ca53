using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// Records opt-outs from unsubscribe tokens (no sign-in: the token is the authority). Idempotent: a second opt-out for
/// the same address and purpose changes nothing. Pending messages of the purpose to the address are skipped at the
/// dispatcher's next claim (Decree 91/2020/NĐ-CP: sending stops at once on refusal).
/// The contact's consent for the purpose is withdrawn too, through the Enterprises module's <see cref="IContactConsentWriter"/>.
/// </summary>
internal sealed class UnsubscribeService(OutreachDb db, UnsubscribeTokens tokens, IContactConsentWriter consents, TimeProvider clock,
    ILogger<UnsubscribeService> logger)
{
    /// <summary>Reads the token.</summary>
    /// <exception cref="BusinessException"><see cref="OutreachErrorCodes.InvalidUnsubscribeToken"/> (400).</exception>
    public UnsubscribeRequest Read(string? token) =>
        tokens.Read(token) ?? throw new BusinessException(OutreachErrorCodes.InvalidUnsubscribeToken,
            "The unsubscribe link is not valid. Copy the whole link from the e-mail.");

    /// <summary>Records the opt-out; returns the request it was for.</summary>
    /// <exception cref="BusinessException"><see cref="OutreachErrorCodes.InvalidUnsubscribeToken"/> (400).</exception>
    public async Task<UnsubscribeRequest> UnsubscribeAsync(string? token, string source, CancellationToken cancellationToken)
    {
        var request = Read(token);
        await consents.WithdrawAsync(request.ContactId,
            request.Purpose == CampaignPurpose.Advertising ? ConsentPurpose.Advertising : ConsentPurpose.Service, ConsentChannels.Email,
            "system:unsubscribe-" + source, cancellationToken);
        if (await db.Suppressions.AnyAsync(s => s.AddressKey == request.AddressKey && s.Purpose == request.Purpose, cancellationToken))
        {
            return request;
        }

        db.Suppressions.Add(new Suppression
        {
            AddressKey = request.AddressKey,
            Purpose = request.Purpose,
            ContactId = request.ContactId,
            CreatedAt = clock.GetUtcNow(),
            Source = source,
        });
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Contact {ContactId} opted out of {Purpose} e-mail", request.ContactId, request.Purpose);
        }
        catch (DbUpdateException)
        {
            // Recorded concurrently (a mail client's one-click POST racing the person's click): nothing to do.
            if (!await AlreadyThereAsync(request, cancellationToken))
            {
                throw;
            }

            logger.LogInformation("Contact {ContactId} opt-out of {Purpose} e-mail was recorded concurrently; this one is dropped",
                request.ContactId, request.Purpose);
        }

        return request;
    }

    private async Task<bool> AlreadyThereAsync(UnsubscribeRequest request, CancellationToken cancellationToken)
    {
        db.Context.ChangeTracker.Clear();
        return await db.Suppressions.AnyAsync(s => s.AddressKey == request.AddressKey && s.Purpose == request.Purpose, cancellationToken);
    }
}
