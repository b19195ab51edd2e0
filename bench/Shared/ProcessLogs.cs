using System.Collections.Concurrent;

namespace Matching.Bench;

/// <summary>
/// Keeps every line a started process writes in a file of its own when <c>MATCHING_BENCH_LOGS</c> names a folder
/// (<c>silo-1234.log</c>, <c>api-1235.log</c>), so a run that found a violation can be read afterwards: the tails
/// kept in memory end at the process's last 200 lines and are gone with the run.
/// </summary>
public static class ProcessLogs
{
    private static readonly string? _folder = Environment.GetEnvironmentVariable("MATCHING_BENCH_LOGS") is { Length: > 0 } folder
        ? Directory.CreateDirectory(folder).FullName
        : null;

    private static readonly ConcurrentDictionary<string, StreamWriter> _files = new(StringComparer.Ordinal);

    /// <summary>Appends one line to the process's file; nothing when no folder is set.</summary>
    public static void Append(string process, int pid, string line)
    {
        if (_folder is null)
        {
            return;
        }

        var file = _files.GetOrAdd($"{process}-{pid}", name => new StreamWriter(Path.Combine(_folder, name + ".log"), append: true) { AutoFlush = true });
        lock (file)
        {
            file.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}
