using Matching.Employers;
using Matching.Index;
using Matching.JobOrders;
using Matching.Tests.Cluster;
using Matching.Tests.Scoring;
using Matching.Tests.Support;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Matching.Tests.Index;

/// <summary>
/// A trade split over several shards lists and ranks exactly as one shard does: two silos, one with the welder
/// trade in three shards, receive the same employers, orders and workers (the same ids, which settle ties) and the
/// same changes, and every order's candidates and every worker's matches come out the same.
/// </summary>
public sealed class ShardedTradeTests : IAsyncLifetime
{
    private const int Shards = 3;
    private const int TopK = 3;

    private static readonly string[] _levels = ["junior", "intermediate", "senior", "technician"];
    private static readonly string[] _districts = ["jiading", "baoshan", "minhang"];

    private readonly TempFolder _oneData = new();
    private readonly TempFolder _splitData = new();
    private InProcessTestCluster? _one;
    private InProcessTestCluster? _split;

    private InProcessTestCluster[] Both => [_one!, _split!];

    public async Task InitializeAsync()
    {
        // A small K, so lists overflow and the reserve and refills take part.
        var one = new Dictionary<string, string?> { ["Matching:Index:TopK"] = $"{TopK}" };
        var split = new Dictionary<string, string?>(one) { ["Matching:Index:Shards:welder"] = $"{Shards}" };
        var started = await Task.WhenAll(
            MatchingTestCluster.StartAsync(_oneData.Path, new FakeTimeProvider(Samples.Now), settings: one),
            MatchingTestCluster.StartAsync(_splitData.Path, new FakeTimeProvider(Samples.Now), settings: split));
        (_one, _split) = (started[0], started[1]);
    }

    public async Task DisposeAsync()
    {
        foreach (var cluster in new[] { _one, _split }.OfType<InProcessTestCluster>())
        {
            await MatchingTestCluster.StopAsync(cluster);
        }

        _oneData.Dispose();
        _splitData.Dispose();
    }

    [Fact]
    public async Task Orders_spread_over_three_shards_get_the_candidates_and_workers_the_matches_of_one_shard()
    {
        var employer = Samples.NewId("emp");
        var orders = OrderIds();
        var workers = Enumerable.Range(0, 24).Select(i => $"w-{i:D2}-{Guid.NewGuid():N}"[..12]).ToList();
        await OnBothAsync(c => c.GetGrain<IEmployerGrain>(employer).CreateAsync(Samples.Employer()));
        for (var i = 0; i < orders.Count; i++)
        {
            var order = Order(employer, i);
            await OnBothAsync(c => c.GetGrain<IJobOrderGrain>(orders[i]).CreateAsync(order));
        }

        for (var i = 0; i < workers.Count; i++)
        {
            var worker = Worker(i);
            await OnBothAsync(c => c.GetGrain<IWorkerGrain>(workers[i]).CreateAsync(worker));
        }

        // Changes that move lists: orders paying more elsewhere, one closed; workers better qualified, one moving
        // to another trade, one withdrawn.
        await OnBothAsync(c => c.GetGrain<IJobOrderGrain>(orders[1]).UpdateAsync(Order(employer, 1) with { WageMin = 7000, WageMax = 9000, District = "baoshan" }));
        await OnBothAsync(c => c.GetGrain<IJobOrderGrain>(orders[4]).UpdateAsync(Order(employer, 4) with { MinLevel = "technician" }));
        await OnBothAsync(c => c.GetGrain<IJobOrderGrain>(orders[7]).CloseAsync());
        await OnBothAsync(c => c.GetGrain<IWorkerGrain>(workers[3]).UpdateAsync(Worker(3).WithSkill("welder", "technician")));
        await OnBothAsync(c => c.GetGrain<IWorkerGrain>(workers[5]).UpdateAsync(Worker(5).WithSkill("electrician", "senior")));
        await OnBothAsync(c => c.GetGrain<IWorkerGrain>(workers[8]).WithdrawAsync());

        var single = await ListsAsync(_one!, orders, workers);
        var spread = await ListsAsync(_split!, orders, workers);

        Assert.Equal(single.Candidates, spread.Candidates);
        Assert.Equal(single.Matches, spread.Matches);

        // The comparison means something: full lists, and the split trade's orders on every one of its shards.
        Assert.Equal(orders.Count - 1, single.Candidates.Count(c => c.Value.Length == TopK));
        Assert.Empty(single.Candidates[orders[7]]);
        Assert.DoesNotContain(single.Candidates.Values.SelectMany(c => c), c => c.StartsWith(workers[5], StringComparison.Ordinal) || c.StartsWith(workers[8], StringComparison.Ordinal));
        var stats = await Task.WhenAll(Enumerable.Range(0, Shards).Select(n => _split!.Client.GetGrain<ITradeShardGrain>(IndexKey.Of("welder", n)).StatsAsync()));
        Assert.All(stats, s => Assert.True(s.Jobs >= 2, $"{s.Key} holds {s.Jobs} orders"));
        Assert.All(stats, s => Assert.Equal(workers.Count - 2, s.Workers));
        Assert.Equal(orders.Count - 1, stats.Sum(s => s.Jobs));
    }

    /// <summary>Nine order ids, three of each shard of the split trade.</summary>
    private static List<string> OrderIds()
    {
        var byShard = new Dictionary<int, List<string>>();
        while (byShard.Count < Shards || byShard.Values.Any(ids => ids.Count < 3))
        {
            var id = Samples.NewId("job");
            var list = byShard.TryGetValue(IndexKey.ShardOf(id, Shards), out var found) ? found : byShard[IndexKey.ShardOf(id, Shards)] = [];
            if (list.Count < 3)
            {
                list.Add(id);
            }
        }

        // Interleaved, so changes and closes fall on different shards.
        return [.. Enumerable.Range(0, 3).SelectMany(i => byShard.Values.Select(ids => ids[i]))];
    }

    private static JobOrderProfile Order(string employer, int i) => Samples.JobOrder(employer) with
    {
        District = _districts[i % 3],
        WageMin = 5500 + (i % 4 * 500),
        WageMax = 7000 + (i % 4 * 500),
        MinLevel = _levels[i % 3],
        RequiredCertificates = i % 2 == 0 ? ["焊工证"] : [],
        Headcount = 1 + (i % 4),
    };

    /// <summary>Workers alike enough to tie often (ids settle those), different enough to rank apart.</summary>
    private static WorkerProfile Worker(int i) => Samples.Worker() with
    {
        Skills = [new WorkerSkill { Trade = "welder", Level = _levels[i % 4], Certificates = i % 3 == 0 ? [] : ["焊工证"] }],
        MinWage = 5000 + (i % 5 * 400),
        DesiredDistricts = (i % 4) switch { 0 => [], 1 => ["jiading", "baoshan"], 2 => ["minhang"], _ => ["baoshan"] },
        Programmes = i % 4 == 0 ? ["临沧技师学院"] : [],
        Categories = i % 6 == 0 ? ["povertyAlleviated"] : ["ruralLabour"],
    };

    private async Task OnBothAsync(Func<IClusterClient, Task> call)
    {
        foreach (var cluster in Both)
        {
            await call(cluster.Client);
        }
    }

    /// <summary>Every order's ranked candidates and every worker's ranked matches, as the API reads them.</summary>
    private static async Task<(SortedDictionary<string, string[]> Candidates, SortedDictionary<string, string[]> Matches)> ListsAsync(
        InProcessTestCluster cluster, List<string> orders, List<string> workers)
    {
        var router = cluster.Silos[0].ServiceProvider.GetRequiredService<ShardRouter>();
        var candidates = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            var view = await cluster.Client.GetGrain<IJobOrderGrain>(order).GetAsync();
            candidates[order] = [.. (await router.CandidatesAsync(view)).Select(c => $"{c.WorkerId} {c.Score} {c.Partner} {c.Priority}")];
        }

        var matches = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            var view = await cluster.Client.GetGrain<IWorkerGrain>(worker).GetAsync();
            matches[worker] = [.. (await router.MatchesAsync(view)).Select(m => $"{m.JobOrderId} {m.Score} {m.Partner}")];
        }

        return (candidates, matches);
    }
}
