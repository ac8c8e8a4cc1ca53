using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using SmeSupport.Outreach.Dispatching;

namespace SmeSupport.Outreach.Contracts;

/// <summary>
/// The background-job entry point (public, in Contracts, because Hangfire and the host's tools invoke it) of the outreach dispatcher: Hangfire runs it as the recurring job
/// <see cref="RecurringJobId"/> (cron <c>Outreach:DispatcherCron</c>, Asia/Ho_Chi_Minh) and as a fire-and-forget job
/// after each manual send. Correctness does not rely on Hangfire: the dispatcher claims rows by a conditional UPDATE,
/// so two runs at once (Hangfire may run a job twice, DESIGN.md) send nothing twice, and a run may equally be started
/// by any caller (<see cref="RunAsync"/>) when the Hangfire server is disabled.
/// </summary>
public sealed class OutreachDispatchJob
{
    /// <summary>Id of the recurring job.</summary>
    public const string RecurringJobId = "outreach-dispatcher";

    private readonly OutreachDispatcher _dispatcher;
    private readonly ILogger<OutreachDispatchJob> _logger;

    internal OutreachDispatchJob(OutreachDispatcher dispatcher, ILogger<OutreachDispatchJob> logger)
    {
        _dispatcher = dispatcher;
        _logger = logger;
    }

    /// <summary>Runs one dispatcher pass: starts due campaigns and delivers the due outbox messages.</summary>
    /// <param name="cancellationToken">Hangfire's job cancellation (shutdown); rows being sent when it fires are
    /// held as Unknown once their lease expires, never re-sent blindly.</param>
    /// <returns>The number of messages accepted by the provider in this pass.</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var summary = await _dispatcher.DispatchAsync(cancellationToken);
        _logger.LogDebug("Outreach dispatcher pass sent {Sent}", summary.Sent);
        return summary.Sent;
    }

    /// <summary>Runs one pass in a new DI scope (for callers outside a request or job scope, e.g. tests and tools).</summary>
    /// <param name="services">The root service provider of the host.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The number of messages accepted by the provider in this pass.</returns>
    public static async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutreachDispatchJob>().RunAsync(cancellationToken);
    }
}
