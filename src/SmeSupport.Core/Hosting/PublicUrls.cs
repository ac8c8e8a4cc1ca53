using Microsoft.Extensions.Configuration;

namespace SmeSupport.Hosting;

/// <summary>
/// Absolute links put in e-mails (invitations, confirmations). They are built from
/// <c>App:PublicBaseUrl</c>, never from the request's Host header, which a caller controls
/// (a forged Host would send password-reset tokens to another site).
/// </summary>
public static class PublicUrls
{
    /// <summary>Used when <c>App:PublicBaseUrl</c> is not set.</summary>
    public const string DefaultBaseUrl = "http://localhost:5080";

    /// <summary>The configured base address without a trailing slash.</summary>
    public static string BaseUrl(IConfiguration configuration) =>
        (configuration["App:PublicBaseUrl"] is { Length: > 0 } url ? url : DefaultBaseUrl).TrimEnd('/');

    /// <summary>An absolute URL for a path such as <c>/Account/SetPassword</c>.</summary>
    public static string For(IConfiguration configuration, string path) => BaseUrl(configuration) + "/" + path.TrimStart('/');
}
