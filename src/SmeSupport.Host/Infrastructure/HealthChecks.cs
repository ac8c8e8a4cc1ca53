using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmeSupport.Host;

/// <summary>Healthy when Hangfire's job storage answers a query.</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(HealthCheckResult.Healthy($"{servers} job server(s)"));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Job storage does not answer.", ex));
        }
    }
}

/// <summary>
/// Health endpoints (anonymous): <c>/health</c> (every check, as before), <c>/health/live</c> (the process answers;
/// no dependency is checked, for a liveness probe or systemd watchdog), <c>/health/ready</c> (the database and the job
/// storage answer, for a load balancer). Each answers 200 when healthy, 503 otherwise, with a JSON body.
/// </summary>
internal static class HealthEndpoints
{
    /// <summary>Tag of the checks that readiness runs.</summary>
    public const string ReadyTag = "ready";

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/health", Options(_ => true)).AllowAnonymous();
        app.MapHealthChecks("/health/live", Options(_ => false)).AllowAnonymous();
        app.MapHealthChecks("/health/ready", Options(r => r.Tags.Contains(ReadyTag))).AllowAnonymous();
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = async (ctx, report) =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
            });
        },
    };
}
