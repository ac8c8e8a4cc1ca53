using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Reporting.Application;

namespace SmeSupport.Reporting.Contracts;

/// <summary>
/// Month-end job entry points (public because Hangfire invokes them): <see cref="SnapshotJobId"/> stores every report's figures for the
/// month that ended (00:05 on the 1st, Asia/Ho_Chi_Minh; unique per report and month), <see cref="DeliveryJobId"/> e-mails flagged shares
/// (07:00 on the 1st; once per share and month).
/// </summary>
public sealed class ReportingMonthEndJob
{
    /// <summary>Recurring job id of the snapshots.</summary>
    public const string SnapshotJobId = "reporting-month-end-snapshots";

    /// <summary>Recurring job id of the monthly e-mails.</summary>
    public const string DeliveryJobId = "reporting-monthly-delivery";

    private readonly ReportingMonthEnd _work;

    internal ReportingMonthEndJob(ReportingMonthEnd work) => _work = work;

    /// <summary>Stores the snapshots of the month that ended; returns how many were added.</summary>
    [AutomaticRetry(Attempts = 2)]
    public Task<int> SnapshotAsync(CancellationToken cancellationToken) => _work.SnapshotAsync(cancellationToken);

    /// <summary>Sends the monthly e-mails; returns how many messages were accepted.</summary>
    [AutomaticRetry(Attempts = 2)]
    public Task<int> DeliverAsync(CancellationToken cancellationToken) => _work.DeliverAsync(cancellationToken);

    /// <summary>Runs the snapshot pass in a new scope (tests and tools).</summary>
    public static async Task<int> SnapshotOnceAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingMonthEndJob>().SnapshotAsync(cancellationToken);
    }

    /// <summary>Runs the delivery pass in a new scope (tests and tools).</summary>
    public static async Task<int> DeliverOnceAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingMonthEndJob>().DeliverAsync(cancellationToken);
    }
}
