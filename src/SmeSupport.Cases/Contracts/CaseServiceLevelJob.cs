using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Cases.Application;

namespace SmeSupport.Cases.Contracts;

/// <summary>
/// The background-job entry point (public, in Contracts, because Hangfire invokes it) of the service-level monitor:
/// Hangfire runs it as the recurring job <see cref="RecurringJobId"/> (cron <c>Cases:ServiceLevelCron</c>,
/// Asia/Ho_Chi_Minh). It warns the assignee before a breach and escalates to Admin after it, once per case and
/// threshold (recorded in the database, so a repeated or concurrent run sends nothing twice).
/// </summary>
public sealed class CaseServiceLevelJob
{
    /// <summary>Id of the recurring job.</summary>
    public const string RecurringJobId = "cases-service-levels";

    private readonly ServiceLevelMonitor _monitor;

    internal CaseServiceLevelJob(ServiceLevelMonitor monitor) => _monitor = monitor;

    /// <summary>Runs one pass.</summary>
    /// <param name="cancellationToken">Cancellation (shutdown).</param>
    /// <returns>How many notifications (case and threshold) were recorded in this pass.</returns>
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => _monitor.RunAsync(cancellationToken);

    /// <summary>Runs one pass in a new DI scope (tests and tools).</summary>
    /// <param name="services">The root service provider.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How many notifications were recorded.</returns>
    public static async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseServiceLevelJob>().RunAsync(cancellationToken);
    }
}
