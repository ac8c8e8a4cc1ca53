using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace SmeSupport.Deployment.Tests;

/// <summary>
/// A production node behind a reverse proxy with telemetry: JSON log lines, X-Forwarded-For/Proto honoured when
/// <c>ForwardedHeaders:Enabled</c> (from loopback, a trusted proxy), traces and metrics sent over OTLP when
/// <c>OpenTelemetry:OtlpEndpoint</c> is set (to a local receiver here).
/// </summary>
public sealed class ObservabilityTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Behind_a_proxy_the_client_address_and_scheme_are_the_forwarded_ones_logs_are_JSON_and_telemetry_is_exported()
    {
        using var collector = new OtlpReceiver();
        await SmeSupport.TestBase.SmeSupportAppFactory.CopySeededDatabaseAsync(_folder.File("smesupport.db"));
        var env = Settings.Production(_folder);
        env["Hangfire__ServerEnabled"] = "false";
        env["ForwardedHeaders__Enabled"] = "true";
        env["OpenTelemetry__OtlpEndpoint"] = collector.Endpoint;
        env["OpenTelemetry__OtlpProtocol"] = "http/protobuf";
        env["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        env["OTEL_METRIC_EXPORT_INTERVAL"] = "500";

        await using var host = await AppProcess.StartHostReadyAsync(env, Settings.StartTimeout);
        using var client = host.CreateClient();

        var proxied = new HttpRequestMessage(HttpMethod.Get, "/");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        var redirect = await client.SendAsync(proxied);
        var direct = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("https://", redirect.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("http://", direct.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var logged = await Settings.EventuallyAsync(() => Task.FromResult(Settings.JsonLog(host.Stdout).Any(e =>
            e.TryGetProperty("ClientIp", out var ip) && ip.GetString() == "203.0.113.7"
            && e.GetProperty("Scheme").GetString() == "https" && e.TryGetProperty("@tr", out _))), TimeSpan.FromSeconds(10));
        Assert.True(logged, "No JSON request log line with the forwarded client address:\n" + host.Stdout);
        Assert.All(host.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            line => Assert.StartsWith("{", line, StringComparison.Ordinal));

        var exported = await Settings.EventuallyAsync(
            () => Task.FromResult(collector.Paths.Contains("/v1/traces") && collector.Paths.Contains("/v1/metrics")), TimeSpan.FromSeconds(20));
        output.WriteLine("OTLP requests: " + string.Join(", ", collector.Paths.Distinct()));
        Assert.True(exported, "OTLP receiver got: " + string.Join(", ", collector.Paths.Distinct()));
    }

    /// <summary>A minimal OTLP/HTTP receiver on loopback: records the paths posted to and answers 200 (an empty protobuf response).</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public OtlpReceiver()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Endpoint = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
            }

            _listener.Prefixes.Add(Endpoint);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Endpoint { get; }

        public ConcurrentBag<string> Paths { get; } = [];

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Paths.Add(context.Request.Url!.AbsolutePath);
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
