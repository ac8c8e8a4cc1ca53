using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmeSupport.Outreach.Tests.Webhooks;

/// <summary>A P-256 key pair standing in for SendGrid's, signing event bodies as SendGrid does (timestamp + raw body, ECDSA-SHA256, DER).</summary>
public sealed class SignedEvents : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The verification key as SendGrid's console shows it: base64 DER SubjectPublicKeyInfo.</summary>
    public string PublicKey => Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

    public string Sign(string timestamp, byte[] body) =>
        Convert.ToBase64String(_key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence));

    public static byte[] Body(params object[] events) => JsonSerializer.SerializeToUtf8Bytes(events);

    public static Dictionary<string, object> Event(string kind, Guid messageId, string? id = null, string? reason = null)
    {
        var e = new Dictionary<string, object>
        {
            ["email"] = "giamdoc@example.com",
            ["timestamp"] = 1795660800L,
            ["event"] = kind,
            ["sg_event_id"] = id ?? Guid.NewGuid().ToString("N"),
            ["sg_message_id"] = "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
            ["sme_message_id"] = messageId.ToString(),
        };
        if (reason is not null)
        {
            e["reason"] = reason;
        }

        return e;
    }

    public void Dispose() => _key.Dispose();
}
