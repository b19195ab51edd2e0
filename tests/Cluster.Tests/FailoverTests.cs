using System.Collections.Concurrent;
using Matching.Catalog;
using Matching.Cluster.Tests.Support;
using Matching.Consistency;
using Matching.Employers;
using Matching.Errors;
using Matching.JobOrders;
using Matching.Storage.PostgreSql;
using Matching.Workers;
using Xunit.Abstractions;

namespace Matching.Cluster.Tests;

/// <summary>
/// kill -9 of one of two silos in the middle of a stream of holds and hires: the survivor takes over the dead
/// silo's grains from PostgreSQL, every hire the client was told about is still there, and no invariant breaks.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class FailoverTests(PostgreSqlServer server, ITestOutputHelper output)
{
    private const int Orders = 6;
    private const int Headcount = 4;
    private const int Workers = 48;
    private const int HoldSeconds = 600;

    // How long one step may keep failing while the cluster notices the death; far above the ~2-4 s it takes.
    private static readonly TimeSpan _stepPatience = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan _callTimeout = TimeSpan.FromSeconds(5);

    private int _retries;

    [Fact]
    public async Task Every_confirmed_hire_survives_a_killed_silo_and_no_invariant_breaks()
    {
        await using var cluster = await ProcessCluster.StartAsync(server, silos: 2);
        var client = await cluster.ClientAsync();
        var employer = ClusterSamples.NewId("emp");
        await client.GetGrain<IEmployerGrain>(employer).CreateAsync(ClusterSamples.Employer(employer));
        var orders = Enumerable.Range(0, Orders).Select(_ => ClusterSamples.NewId("job")).ToList();
        await Task.WhenAll(orders.Select(o => client.GetGrain<IJobOrderGrain>(o).CreateAsync(ClusterSamples.JobOrder(o, employer, Headcount))));
        var workers = Enumerable.Range(0, Workers).Select(_ => ClusterSamples.NewId("w")).ToList();
        await Task.WhenAll(workers.Select(w => client.GetGrain<IWorkerGrain>(w).CreateAsync(ClusterSamples.Worker(w))));

        // Twice as many workers as slots, each trying two orders at once: orders and workers both see contention.
        // A few workers at a time, so the stream is still flowing when a third of it is done and the silo dies.
        var confirmed = new ConcurrentBag<SlotHireConfirmed>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = 0;
        using var lanes = new SemaphoreSlim(6);
        var stream = Task.WhenAll(workers.Select(async (worker, i) =>
        {
            await lanes.WaitAsync();
            try
            {
                var tries = new[] { orders[i % Orders], orders[(i + 1) % Orders] };
                var holds = await Task.WhenAll(tries.Select(order =>
                    StepAsync(() => client.GetGrain<IJobOrderGrain>(order).HoldAsync(worker, HoldSeconds))));
                foreach (var hold in holds.OfType<SlotHoldGranted>())
                {
                    if (await StepAsync(() => client.GetGrain<IJobOrderGrain>(hold.JobOrderId).ConfirmAsync(hold.HoldId)) is { } hire)
                    {
                        confirmed.Add(hire);
                    }
                }
            }
            finally
            {
                lanes.Release();
                if (Interlocked.Increment(ref done) == Workers / 3)
                {
                    third.TrySetResult();
                }
            }
        }));

        await third.Task;
        var killed = DateTime.UtcNow;
        await cluster.KillSiloAsync(1);
        await stream;
        output.WriteLine(
            $"{confirmed.Count} hires confirmed; {Interlocked.CompareExchange(ref _retries, 0, 0)} calls repeated; " +
            $"the stream ended {(DateTime.UtcNow - killed).TotalSeconds:F1} s after the kill");

        // After the failover: one silo left, and the state it serves is whole.
        await cluster.WaitForActiveSilosAsync(client, 1);
        Assert.NotEmpty(confirmed);
        var slots = await Task.WhenAll(orders.Select(o => client.GetGrain<IJobOrderGrain>(o).GetSlotsAsync()));
        foreach (var order in slots)
        {
            Assert.True(order.Holds.Length + order.Hires.Length <= order.Headcount, $"{order.JobOrderId} over its headcount");
        }

        var hires = slots.SelectMany(s => s.Hires.Select(h => (Order: s.JobOrderId, Hire: h))).ToList();
        Assert.All(confirmed, c => Assert.Contains(hires, h => h.Order == c.JobOrderId && h.Hire.HoldId == c.HoldId && h.Hire.WorkerId == c.WorkerId));
        Assert.Equal(hires.Count, hires.Select(h => h.Hire.WorkerId).Distinct().Count());
        foreach (var (order, hire) in hires)
        {
            var worker = await client.GetGrain<IWorkerGrain>(hire.WorkerId).GetAsync();
            Assert.Equal((WorkerStatus.Hired, order, hire.HoldId), (worker.Status, worker.Hire?.JobOrderId, worker.Hire?.HoldId));
        }

        var liveHolds = slots.SelectMany(s => s.Holds).ToList();
        Assert.Equal(liveHolds.Count, liveHolds.Select(h => h.WorkerId).Distinct().Count());
        Assert.Empty(liveHolds.Select(h => h.WorkerId).Intersect(hires.Select(h => h.Hire.WorkerId)));
    }

    /// <summary>
    /// A change stored whose derived updates never ran — what a silo that dies between an entity's write and its
    /// catalog and index updates leaves behind — is made good once a silo dies: the catalogs and shards that lived
    /// through the death read the store afresh, as the dead silo's own do when they start again.
    /// </summary>
    [Fact]
    public async Task Catalogs_and_shards_that_outlive_a_silo_rebuild_from_the_store()
    {
        await using var cluster = await ProcessCluster.StartAsync(server, silos: 2);
        var client = await cluster.ClientAsync();
        var worker = ClusterSamples.NewId("w");
        await client.GetGrain<IWorkerGrain>(worker).CreateAsync(ClusterSamples.Worker(worker));
        var consistency = client.GetGrain<IConsistencyGrain>(0);
        Assert.True((await consistency.CheckAsync()).Consistent);

        // The worker withdrawn in the store alone (its grain deactivated itself after the registration).
        await using (var store = await AdoNetStateStore.OpenAsync(cluster.ConnectionString, "matching"))
        {
            var state = new GrainState<WorkerState>();
            await store.ReadStateAsync(StorageNames.Worker, GrainId.Create("worker", worker), state);
            state.State!.Status = WorkerStatus.Withdrawn;
            await store.WriteStateAsync(StorageNames.Worker, GrainId.Create("worker", worker), state);
        }

        var gap = await consistency.CheckAsync();
        Assert.False(gap.Consistent, "the catalog and the index should not have heard of a change made in the store alone");

        // The silo that holds no worker catalog dies; the one that holds it lives on.
        var catalog = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(client.GetGrain<ICatalogGrain>(StorageNames.Worker));
        await cluster.KillSiloAsync(1 - cluster.IndexOf(catalog!));
        await cluster.WaitForActiveSilosAsync(client, 1);

        var deadline = DateTime.UtcNow + _stepPatience;
        ConsistencyReport report;
        while (!(report = await consistency.CheckAsync()).Consistent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Assert.True(report.Consistent, string.Join("; ", report.Checks.Where(c => !c.Consistent)));
        Assert.Equal(0, (await client.GetGrain<ICatalogGrain>(StorageNames.Worker).QueryAsync(new CatalogQuery("seeking", [], 0, 0))).Total);
    }

    /// <summary>
    /// One step of the stream, repeated while the cluster cannot answer (the dead silo's grains are unreachable
    /// until it is declared dead); a domain answer (no free slot, worker taken, hold gone) ends it with null.
    /// </summary>
    private async Task<T?> StepAsync<T>(Func<Task<T>> call)
        where T : class
    {
        var deadline = DateTime.UtcNow + _stepPatience;
        while (true)
        {
            try
            {
                return await call().WaitAsync(_callTimeout);
            }
            catch (DomainException)
            {
                return null;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // Not an answer: the call was lost with the silo, or reached it before its death was known.
                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
