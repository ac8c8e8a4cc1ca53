using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SmeSupport.Host;

/// <summary>
/// Behind a reverse proxy (nginx, IIS ARR), honours <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from trusted
/// proxies only, so that the client address in logs and the scheme of redirects and cookies are the client's. Keys:
/// <c>ForwardedHeaders:Enabled</c> (default false); <c>ForwardedHeaders:KnownProxies</c> (IP addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/24</c>), each a list or a comma-separated string,
/// added to loopback, which is always trusted; <c>ForwardedHeaders:ForwardLimit</c> (proxies in the chain, default 1).
/// </summary>
internal static class ForwardedHeadersSetup
{
    /// <summary>Registers the options when enabled. Throws <see cref="HostConfigurationException"/> for an unreadable address.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        if (!config.GetValue("ForwardedHeaders:Enabled", false))
        {
            return;
        }

        var proxies = new List<IPAddress>();
        foreach (var text in List(config, "ForwardedHeaders:KnownProxies"))
        {
            proxies.Add(IPAddress.TryParse(text, out var address)
                ? address
                : throw new HostConfigurationException($"Setting 'ForwardedHeaders:KnownProxies' holds '{text}', which is not an IP address."));
        }

        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in List(config, "ForwardedHeaders:KnownNetworks"))
        {
            networks.Add(System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new HostConfigurationException($"Setting 'ForwardedHeaders:KnownNetworks' holds '{text}', which is not a CIDR network such as 10.0.0.0/24."));
        }

        var limit = config.GetValue("ForwardedHeaders:ForwardLimit", 1);
        if (limit < 1)
        {
            throw new HostConfigurationException("Setting 'ForwardedHeaders:ForwardLimit' must be 1 or more.");
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = limit;
            o.KnownProxies.Add(IPAddress.Loopback);
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        services.AddSingleton(new ForwardedHeadersMarker());
    }

    /// <summary>Adds the middleware (first in the pipeline) when enabled.</summary>
    public static void Use(WebApplication app)
    {
        if (app.Services.GetService<ForwardedHeadersMarker>() is not null)
        {
            app.UseForwardedHeaders();
        }
    }

    private static IEnumerable<string> List(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).ToList();
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            values.AddRange(section.Value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries));
        }

        return values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim());
    }

    private sealed class ForwardedHeadersMarker;
}
