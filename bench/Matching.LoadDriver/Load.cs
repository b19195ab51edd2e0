using System.Diagnostics;
using System.Globalization;
using Matching.Employers;
using Matching.JobOrders;
using Matching.Workload;

namespace Matching.LoadDriver;

/// <summary>Bulk steps every scenario shares: opening the orders, and running calls a few at a time.</summary>
public static class Load
{
    /// <summary>Creates the employers, then the job orders (which the index takes in as they open).</summary>
    public static async Task<IReadOnlyList<EmployerProfile>> EmployersAndOrdersAsync(IGrainFactory grains, WorkloadGenerator generator, int concurrency)
    {
        var watch = Stopwatch.StartNew();
        var employers = generator.Employers();
        await AllAsync(employers, e => grains.GetGrain<IEmployerGrain>(e.Id!).CreateAsync(e), concurrency);
        var orders = await AllAsync(generator.JobOrders(), o => grains.GetGrain<IJobOrderGrain>(o.Id!).CreateAsync(o), concurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"opened {employers.Count:N0} employers and {orders:N0} job orders in {watch.Elapsed.TotalSeconds:F1} s"));
        return employers;
    }

    /// <summary>Runs <paramref name="call"/> for each item with at most <paramref name="concurrency"/> at once; answers the count.</summary>
    public static async Task<int> AllAsync<T>(IEnumerable<T> items, Func<T, Task> call, int concurrency)
    {
        var count = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) =>
        {
            await call(item);
            Interlocked.Increment(ref count);
        });
        return count;
    }
}
