using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Dispatching;

/// <summary>Asks for a dispatcher pass soon (after a manual send). Best effort: the recurring job delivers anyway.</summary>
internal interface IDispatchTrigger
{
    void Trigger();
}

/// <summary>Enqueues <see cref="OutreachDispatchJob"/> as a Hangfire fire-and-forget job when Hangfire is configured.</summary>
internal sealed class HangfireDispatchTrigger(IServiceProvider services, ILogger<HangfireDispatchTrigger> logger) : IDispatchTrigger
{
    public void Trigger()
    {
        var client = services.GetService<IBackgroundJobClient>();
        if (client is null)
        {
            return;
        }

        try
        {
            client.Enqueue<OutreachDispatchJob>(j => j.RunAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run is committed; the recurring dispatcher will deliver it.
            logger.LogWarning(ex, "Could not enqueue the outreach dispatcher; the recurring job will deliver the run");
        }
    }
}
