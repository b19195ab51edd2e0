using System.Globalization;

namespace Matching.Bench;

/// <summary>
/// What Linux says about the machine and a process, read from <c>/proc</c>: the load average, CPU time and
/// resident memory. Works for another process as well as this one, which is what a bench that drives the
/// product from outside needs; elsewhere than Linux it answers nothing rather than failing the run.
/// </summary>
public static class ProcFs
{
    // /proc reports CPU times in USER_HZ ticks, which the kernel fixes at 100 per second for user space on
    // every architecture .NET runs on (the CLK_TCK that sysconf answers).
    private const double TicksPerSecond = 100;

    /// <summary>The 1-, 5- and 15-minute load averages, e.g. <c>1.52 0.98 0.61</c>; empty off Linux.</summary>
    public static string LoadAverage()
    {
        var text = TryRead("/proc/loadavg");
        return text is null ? "" : string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
    }

    /// <summary>User + system CPU time the process has used so far; <see cref="TimeSpan.Zero"/> when it is gone.</summary>
    /// <param name="pid">The process, or null for this one.</param>
    public static TimeSpan CpuTime(int? pid = null)
    {
        var stat = TryRead($"/proc/{Self(pid)}/stat");
        if (stat is null)
        {
            return TimeSpan.Zero;
        }

        // The command name (field 2) is in parentheses and may hold spaces; fields 14 and 15 (utime, stime)
        // count from after its closing parenthesis, where field 3 is the first.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The resident set (working set) in bytes, from <c>VmRSS</c>; 0 when the process is gone.</summary>
    /// <param name="pid">The process, or null for this one.</param>
    public static long WorkingSet(int? pid = null)
    {
        var status = TryRead($"/proc/{Self(pid)}/status");
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }

    private static string Self(int? pid) => pid?.ToString(CultureInfo.InvariantCulture) ?? "self";

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
