using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Webhooks;

/// <summary>Settings of SendGrid's signed event webhook. Section <c>Outreach:Webhook</c>.</summary>
internal sealed class SendGridWebhookOptions
{
    public const string SectionName = "Outreach:Webhook";

    /// <summary>
    /// SendGrid's verification key as the console shows it: base64 of the DER SubjectPublicKeyInfo of a P-256 (prime256v1)
    /// key. Null or empty: the webhook refuses every request.
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>Largest accepted distance between the signed timestamp and now (replay window). Default 5 minutes.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest accepted body, bytes. Default 10 MB (SendGrid posts batches of events).</summary>
    public int MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>True when <see cref="PublicKey"/> is empty or a valid P-256 SubjectPublicKeyInfo.</summary>
    public bool KeyIsValid()
    {
        if (string.IsNullOrWhiteSpace(PublicKey))
        {
            return true;
        }

        try
        {
            using var key = SendGridWebhookVerifier.Import(PublicKey);
            return true;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }
}

/// <summary>
/// Verifies SendGrid's signed event webhook: the headers <c>X-Twilio-Email-Event-Webhook-Signature</c> (base64 DER
/// ECDSA-SHA256 signature, RFC 3279) and <c>X-Twilio-Email-Event-Webhook-Timestamp</c> (Unix seconds); the signed
/// payload is the timestamp's text followed by the raw body bytes. The key is imported once.
/// </summary>
internal sealed class SendGridWebhookVerifier : IDisposable
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ECDsa? _key;
    private readonly SendGridWebhookOptions _options;
    private readonly TimeProvider _clock;

    public SendGridWebhookVerifier(IOptions<SendGridWebhookOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _key = string.IsNullOrWhiteSpace(_options.PublicKey) ? null : Import(_options.PublicKey);
    }

    /// <summary>Imports a base64 DER SubjectPublicKeyInfo (P-256).</summary>
    /// <exception cref="FormatException">Not base64.</exception>
    /// <exception cref="CryptographicException">Not a P-256 public key.</exception>
    public static ECDsa Import(string base64)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64.Trim()), out _);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException("The key is not a P-256 key.");
        }

        return key;
    }

    /// <summary>Checks the signature and the timestamp of a request.</summary>
    /// <exception cref="BusinessException"><see cref="OutreachErrorCodes.WebhookSignatureInvalid"/> (401) when no key is
    /// configured, a header is missing, the timestamp is stale or the signature does not match.</exception>
    public void Verify(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (_key is null)
        {
            throw Refused("No webhook verification key is configured (Outreach:Webhook:PublicKey); every event is refused.");
        }

        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            throw Refused($"The {SignatureHeader} and {TimestampHeader} headers are required.");
        }

        if (!long.TryParse(timestamp.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > 253402300799)
        {
            throw Refused("The timestamp is not a Unix time in seconds.");
        }

        var age = _clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > _options.MaxAge)
        {
            throw Refused("The timestamp is too old or in the future; the request may be a replay.");
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            throw Refused("The signature is not base64.");
        }

        var prefix = Encoding.UTF8.GetBytes(timestamp.Trim());
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        bool valid;
        try
        {
            valid = _key.VerifyData(payload, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            valid = false;
        }

        if (!valid)
        {
            throw Refused("The signature does not match the body and timestamp.");
        }
    }

    public void Dispose() => _key?.Dispose();

    private static BusinessException Refused(string message) =>
        new(OutreachErrorCodes.WebhookSignatureInvalid, message, Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized);
}
