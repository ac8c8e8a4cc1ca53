using Microsoft.Extensions.Options;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Enterprises.Application;

/// <summary>
/// <see cref="IRegistrationSubmissionLimit"/>: a fixed window per client key, kept in memory (one host), timed by the
/// injected <see cref="TimeProvider"/> so tests can step over a window. Windows that ended are dropped as new ones open.
/// </summary>
internal sealed class RegistrationSubmissionLimiter(IOptions<RegistrationOptions> options, TimeProvider clock) : IRegistrationSubmissionLimit
{
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public bool TryAcquire(string? clientKey, out TimeSpan retryAfter) =>
        TryAcquire("submit:", clientKey, options.Value.RateLimitPermits, out retryAfter);

    /// <inheritdoc />
    public bool TryAcquireConfirmation(string? clientKey, out TimeSpan retryAfter) =>
        TryAcquire("confirm:", clientKey, options.Value.ConfirmRateLimitPermits, out retryAfter);

    /// <inheritdoc />
    public void Release(string? clientKey)
    {
        var window = Window();
        var key = "submit:" + (string.IsNullOrEmpty(clientKey) ? "unknown" : clientKey);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_windows.TryGetValue(key, out var current) && now - current.Start < window && now >= current.Start && current.Count > 0)
            {
                _windows[key] = (current.Start, current.Count - 1);
            }
        }
    }

    private TimeSpan Window() => options.Value.RateLimitWindow > TimeSpan.Zero ? options.Value.RateLimitWindow : TimeSpan.FromMinutes(10);

    private bool TryAcquire(string kind, string? clientKey, int configuredPermits, out TimeSpan retryAfter)
    {
        var permits = Math.Max(1, configuredPermits);
        var window = Window();
        var key = kind + (string.IsNullOrEmpty(clientKey) ? "unknown" : clientKey);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_windows.Count > 10_000)
            {
                foreach (var stale in _windows.Where(w => now - w.Value.Start >= window).Select(w => w.Key).ToList())
                {
                    _windows.Remove(stale);
                }
            }

            if (!_windows.TryGetValue(key, out var current) || now - current.Start >= window || now < current.Start)
            {
                current = (now, 0);
            }

            if (current.Count >= permits)
            {
                var left = current.Start + window - now;
                retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(left.TotalSeconds)));
                _windows[key] = current;
                return false;
            }

            _windows[key] = (current.Start, current.Count + 1);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
