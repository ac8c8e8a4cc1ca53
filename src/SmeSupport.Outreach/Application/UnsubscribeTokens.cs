using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Application;

/// <summary>What an unsubscribe token says: the contact, the address key and the purpose to stop.</summary>
internal sealed record UnsubscribeRequest(Guid ContactId, string AddressKey, CampaignPurpose Purpose);

/// <summary>
/// Issues and reads the unsubscribe tokens of the List-Unsubscribe URL (RFC 8058 one-click) and the footer link:
/// ASP.NET Core Data Protection encrypts and authenticates the payload, so the URL carries no readable address and
/// cannot be forged or altered. Tokens do not expire: an opt-out link must keep working (Decree 91/2020/NĐ-CP).
/// </summary>
internal sealed class UnsubscribeTokens(IDataProtectionProvider protection, IOptions<OutreachOptions> options)
{
    /// <summary>Data Protection purpose string; changing it invalidates every link already sent.</summary>
    public const string ProtectorPurpose = "SmeSupport.Outreach.Unsubscribe.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(ProtectorPurpose);

    /// <summary>The token for one contact, address and purpose.</summary>
    public string Issue(UnsubscribeRequest request) =>
        _protector.Protect(string.Join('|', request.ContactId.ToString("N"), ((int)request.Purpose).ToString(CultureInfo.InvariantCulture), request.AddressKey));

    /// <summary>The absolute unsubscribe URL for the token.</summary>
    public string UrlFor(UnsubscribeRequest request) =>
        options.Value.PublicBaseUrl.TrimEnd('/') + "/api/outreach/unsubscribe?token=" + Uri.EscapeDataString(Issue(request));

    /// <summary>Reads a token; null when it is missing, altered or not ours.</summary>
    public UnsubscribeRequest? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|', 3);
        return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var contactId)
               && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var purpose)
               && Enum.IsDefined((CampaignPurpose)purpose) && parts[2].Length > 0
            ? new UnsubscribeRequest(contactId, parts[2], (CampaignPurpose)purpose)
            : null;
    }
}
