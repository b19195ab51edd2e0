using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Matching.Benchmarks;

/// <summary>
/// Few iterations, so the whole suite runs in minutes on a shared 2-core machine; the error columns
/// say whether that was enough.
/// </summary>
public sealed class QuickConfig : ManualConfig
{
    public QuickConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(7));
    }
}
