using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace SmeSupport.Host;

/// <summary>
/// Logs and telemetry. Serilog writes to the console: plain text, or one compact JSON object per line
/// (<c>Logging:Format</c> = <c>Text</c> | <c>Json</c>; default <c>Json</c> in Production, <c>Text</c> elsewhere), the
/// rest of the <c>Serilog</c> section (levels, extra sinks) as Serilog.Settings.Configuration reads it.
/// OpenTelemetry traces (ASP.NET Core, outgoing HTTP) and metrics (ASP.NET Core, HTTP client, .NET runtime) are
/// exported over OTLP only when an endpoint is configured: <c>OpenTelemetry:OtlpEndpoint</c> or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable; <c>OpenTelemetry:OtlpProtocol</c> (<c>grpc</c>, default, or
/// <c>http/protobuf</c>) and <c>OpenTelemetry:ServiceName</c> (default <c>SmeSupport</c>) refine it. The other standard
/// <c>OTEL_*</c> variables (headers, resource attributes) apply as the OpenTelemetry SDK defines them.
/// </summary>
internal static class Observability
{
    /// <summary>The key that selects the console log format.</summary>
    public const string LogFormatKey = "Logging:Format";

    /// <summary>Configures Serilog on the builder. Throws <see cref="HostConfigurationException"/> for an unknown format.</summary>
    public static void AddSmeSupportLogging(WebApplicationBuilder builder)
    {
        var formatText = builder.Configuration[LogFormatKey];
        bool json;
        if (string.IsNullOrWhiteSpace(formatText))
        {
            json = builder.Environment.IsProduction();
        }
        else if (string.Equals(formatText.Trim(), "Json", StringComparison.OrdinalIgnoreCase))
        {
            json = true;
        }
        else if (string.Equals(formatText.Trim(), "Text", StringComparison.OrdinalIgnoreCase))
        {
            json = false;
        }
        else
        {
            throw new HostConfigurationException($"Setting '{LogFormatKey}' has the unknown value '{formatText}'. Use 'Json' or 'Text'.");
        }

        builder.Host.UseSerilog((ctx, logger) =>
        {
            try
            {
                logger.ReadFrom.Configuration(ctx.Configuration);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                throw new HostConfigurationException($"The 'Serilog' settings are wrong (e.g. 'Serilog:MinimumLevel:Default' must be Verbose, Debug, Information, Warning, Error or Fatal): {ex.Message}", ex);
            }

            logger
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Node", Environment.MachineName);
            if (json)
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });
    }

    /// <summary>
    /// Adds OpenTelemetry when an OTLP endpoint is configured; returns whether it did. Throws
    /// <see cref="HostConfigurationException"/> for an endpoint that is not an absolute http(s) address or an unknown protocol.
    /// </summary>
    public static bool AddSmeSupportTelemetry(IServiceCollection services, IConfiguration config)
    {
        var configured = config["OpenTelemetry:OtlpEndpoint"];
        var fromEnvironment = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (string.IsNullOrWhiteSpace(configured) && string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return false;
        }

        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new HostConfigurationException(
                    $"Setting 'OpenTelemetry:OtlpEndpoint' must be an absolute http(s) address such as 'http://otel-collector:4317'; it is '{configured}'.");
            }
        }

        OtlpExportProtocol? protocol = config["OpenTelemetry:OtlpProtocol"]?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new HostConfigurationException(
                $"Setting 'OpenTelemetry:OtlpProtocol' has the unknown value '{other}'. Use 'grpc' or 'http/protobuf'."),
        };
        var serviceName = config["OpenTelemetry:ServiceName"] is { Length: > 0 } name ? name : "SmeSupport";

        void Exporter(OtlpExporterOptions o, string signalPath)
        {
            if (protocol is { } p)
            {
                o.Protocol = p;
            }

            if (endpoint is not null)
            {
                // With http/protobuf the SDK appends the signal path only to the environment variable's endpoint.
                o.Endpoint = o.Protocol == OtlpExportProtocol.HttpProtobuf
                    ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + signalPath)
                    : endpoint;
            }
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(Observability).Assembly.GetName().Version?.ToString(),
                serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Exporter(o, "/v1/traces")))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(o => Exporter(o, "/v1/metrics")));
        return true;
    }
}
