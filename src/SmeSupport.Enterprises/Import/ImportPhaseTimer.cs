using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SmeSupport.Enterprises.Import;

/// <summary>
/// Wall-clock and process CPU time per phase of an import (dry run, submit, job), summed over chunks and logged at Debug when the
/// import step ends — to see where the time goes. Costs nothing when Debug logging is off for the import's category.
/// </summary>
internal sealed class ImportPhaseTimer(ILogger logger, string what)
{
    private readonly bool _on = logger.IsEnabled(LogLevel.Debug);
    private readonly Dictionary<string, (double Wall, double Cpu, int Count)> _phases = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Process? _process = logger.IsEnabled(LogLevel.Debug) ? Process.GetCurrentProcess() : null;

    private double Cpu()
    {
        _process!.Refresh();
        return _process.TotalProcessorTime.TotalMilliseconds;
    }

    /// <summary>Starts timing <paramref name="phase"/>; the time counts when the returned scope is disposed.</summary>
    public Scope Measure(string phase) => _on ? new Scope(this, phase, Stopwatch.GetTimestamp(), Cpu()) : default;

    /// <summary>Logs the phases' totals.</summary>
    public void Log()
    {
        if (!_on)
        {
            return;
        }

        logger.LogDebug("Import {What} phases: {Phases}", what, string.Join("; ", _order.Select(p =>
            $"{p} wall {_phases[p].Wall:F0} ms cpu {_phases[p].Cpu:F0} ms ×{_phases[p].Count}")));
    }

    /// <summary>One timed phase.</summary>
    internal readonly struct Scope(ImportPhaseTimer? timer, string phase, long start, double cpu) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            if (timer is null)
            {
                return;
            }

            var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var used = timer.Cpu() - cpu;
            if (!timer._phases.TryGetValue(phase, out var t))
            {
                timer._order.Add(phase);
            }

            timer._phases[phase] = (t.Wall + wall, t.Cpu + used, t.Count + 1);
        }
    }
}
