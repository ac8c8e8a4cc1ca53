using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Import;

namespace SmeSupport.Enterprises.Contracts;

/// <summary>
/// The background-job entry point (public, in Contracts, because Hangfire invokes it) that imports a submitted batch
/// (<see cref="IEnterpriseImportAppService.SubmitAsync"/>). A batch is claimed by a conditional update from Queued to Running, so
/// a second run of the same job (Hangfire may run a job twice) does nothing.
/// </summary>
public sealed class EnterpriseImportJob
{
    private readonly EnterpriseImportProcessor _processor;

    internal EnterpriseImportJob(EnterpriseImportProcessor processor) => _processor = processor;

    /// <summary>Imports the batch: rows in error are skipped, good rows written whole, in chunks, with progress after each chunk.</summary>
    /// <param name="importId">The batch.</param>
    /// <param name="cancellationToken">Hangfire's job cancellation.</param>
    /// <returns>True when this run processed the batch; false when it was not queued (already run, or unknown).</returns>
    [AutomaticRetry(Attempts = 0)]
    public Task<bool> RunAsync(Guid importId, CancellationToken cancellationToken) => _processor.RunAsync(importId, cancellationToken);

    /// <summary>Runs the job in a new DI scope (tests, tools, and the host when no Hangfire server runs).</summary>
    /// <param name="services">The root service provider.</param>
    /// <param name="importId">The batch.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>See <see cref="RunAsync"/>.</returns>
    public static async Task<bool> RunOnceAsync(IServiceProvider services, Guid importId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EnterpriseImportJob>().RunAsync(importId, cancellationToken);
    }
}
