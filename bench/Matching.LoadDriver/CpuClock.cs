using System.Diagnostics;

namespace Matching.LoadDriver;

/// <summary>
/// Wall time and the CPU time this process used over it. On a machine shared with other work the wall-clock
/// rates depend on what the neighbours take; work per core-second is the figure that travels.
/// </summary>
public sealed class CpuClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = CpuTime();

    public TimeSpan Wall => _wall.Elapsed;

    public double CoreSeconds => (CpuTime() - _cpuAtStart).TotalSeconds;

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
