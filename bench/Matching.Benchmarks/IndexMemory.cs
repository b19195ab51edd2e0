using System.Globalization;
using Matching.Bench;
using Matching.Index;

namespace Matching.Benchmarks;

/// <summary>
/// Bytes the live index holds per seeking worker: the managed heap after a full collection, measured before
/// and after the workers are loaded into trade shards that already hold the open orders.
/// </summary>
public static class IndexMemory
{
    public static int Run(Arguments args)
    {
        var workers = args.Int("workers", 100_000);
        var orders = args.Int("orders", 10_000);
        var jobs = StandardData.Jobs(orders);

        var start = Heap();
        var index = new TradeIndex((_, _) => { });
        index.Load(jobs, []);
        var withOrders = Heap();

        // The entries alone: what each shard keeps per worker (a summary and a masked card, one object shared by its trades).
        var entries = StandardData.Workers(0, workers).ToArray();
        var withEntries = Heap();

        index.Load([], entries);
        var loaded = Heap();
        var pairs = StandardData.Trades.Sum(t => index.ShardOf(t).ListedPairs);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            index memory: {workers:N0} seeking workers, {orders:N0} open orders in {index.Shards} trade shards, top-{StandardData.TopK}
              open orders and their empty lists   {Mb(withOrders - start),10}
              worker entries (summary + card)     {Mb(withEntries - withOrders),10}   {PerWorker(withEntries - withOrders, workers)}
              shards' maps and ranked lists       {Mb(loaded - withEntries),10}   {PerWorker(loaded - withEntries, workers)}   ({pairs:N0} listed pairs)
              per seeking worker, all included    {PerWorker(loaded - withOrders, workers)}
            """));
        GC.KeepAlive(index);
        GC.KeepAlive(entries);
        GC.KeepAlive(jobs);
        return 0;
    }

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");

    private static string PerWorker(long bytes, int workers) =>
        string.Create(CultureInfo.InvariantCulture, $"{(double)bytes / Math.Max(1, workers):F0} B/worker");
}
