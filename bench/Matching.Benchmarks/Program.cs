using BenchmarkDotNet.Running;
using Matching.Bench;
using Matching.Benchmarks;

// Three measurements are plain commands rather than BenchmarkDotNet runs: the index's memory (one
// measurement of a heap, not a timing), the replay of a whole registration storm (too long to repeat),
// and the store's write rate (a throughput under concurrency, not a single operation's time).
return args switch
{
    ["memory", .. var rest] => IndexMemory.Run(Arguments.Parse(rest)),
    ["replay", .. var rest] => EngineReplay.Run(Arguments.Parse(rest)),
    ["writes", .. var rest] => await StorageWrites.RunAsync(Arguments.Parse(rest)),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
    return 0;
}
