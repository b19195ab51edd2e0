using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Matching.Bench;
using Matching.Storage;
using Matching.Workers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matching.Benchmarks;

/// <summary>
/// What the embedded store can write: first-time worker states (the one write a registration makes) through
/// <see cref="SqliteGrainStorage"/>'s single writer at a given concurrency, into a fresh file that is deleted after.
/// </summary>
public static class StorageWrites
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var writes = args.Int("writes", 100_000);
        var concurrency = args.Int("concurrency", 64);
        var folder = Path.Combine(Path.GetTempPath(), $"matching-writes-{Guid.NewGuid():N}");
        try
        {
            using var storage = new SqliteGrainStorage(folder, NullLogger<SqliteGrainStorage>.Instance);
            var states = StandardData.Generator(writes, 0).Workers()
                .Select(p => (Id: p.Id!, State: new WorkerState { Profile = p, Status = WorkerStatus.Seeking, CreatedAt = DateTimeOffset.UtcNow }))
                .ToList();
            var latencies = new ConcurrentBag<double>();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(states, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) =>
            {
                var started = Stopwatch.GetTimestamp();
                await storage.WriteStateAsync(StorageNames.Worker, GrainId.Create(StorageNames.Worker, item.Id), new GrainState<WorkerState>(item.State));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            });
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"storage: {writes:N0} worker states written in {seconds:F1} s at concurrency {concurrency}: {writes / seconds:N0} writes/s; per write {new Percentiles(latencies).Summary()}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
