using System.Diagnostics;
using System.Globalization;

namespace Matching.LoadDriver;

/// <summary>The process's working set and its managed heap after a full, compacting collection.</summary>
public readonly record struct MemorySnapshot(long WorkingSet, long Heap)
{
    public static MemorySnapshot Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(process.WorkingSet64, heap);
    }

    public static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N0} MB");
}
