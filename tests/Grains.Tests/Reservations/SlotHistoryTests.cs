using Matching.Employers;
using Matching.Errors;
using Matching.JobOrders;
using Matching.Tests.Cluster;
using Matching.Tests.Support;
using Matching.Workers;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Matching.Tests.Reservations;

/// <summary>
/// A randomised history: many tasks hold, confirm, release and withdraw at once while the clock jumps, then
/// every invariant of slots and workers is checked against what the grains hold.
/// </summary>
public sealed class SlotHistoryTests(ITestOutputHelper output)
{
    private const int Orders = 6;
    private const int Workers = 120;
    private const int Tasks = 16;
    private const int OperationsPerTask = 200;

    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    public async Task No_interleaving_breaks_an_invariant(int seed)
    {
        using var data = new TempFolder();
        var clock = new FakeTimeProvider(Samples.Now);
        var cluster = await MatchingTestCluster.StartAsync(data.Path, clock);
        try
        {
            var grains = cluster.Client;
            var employer = await grains.CreateEmployerAsync();
            var orders = new List<string>();
            for (var i = 0; i < Orders; i++)
            {
                orders.Add(await grains.CreateJobOrderAsync(Samples.JobOrder(employer) with { Headcount = 2 + (2 * i) }));
            }

            var workers = new List<string>();
            for (var i = 0; i < Workers; i++)
            {
                workers.Add(await grains.CreateWorkerAsync());
            }

            var history = new History();
            await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => RunAsync(grains, clock, orders, workers, history, new Random(seed * 100 + t))));
            output.WriteLine($"{history.Attempts} operations tried: {history.Granted} holds, {history.Confirmed.Count} hires, {history.Released} releases, {history.Refused} refused by a rule");

            // A history where every request was refused would pass every check below: each kind must have happened.
            Assert.True(history.Granted >= 80, $"only {history.Granted} holds granted");
            Assert.True(history.Confirmed.Count >= 10, $"only {history.Confirmed.Count} hires");
            Assert.True(history.Released >= 10, $"only {history.Released} releases");
            Assert.True(history.Refused >= 10, $"only {history.Refused} refusals: the contention the history is for did not happen");

            await CheckAsync(grains, orders, workers, history);

            // Past every deadline, no hold is left anywhere and every worker not hired is free again.
            clock.Advance(TimeSpan.FromHours(2));
            foreach (var order in orders)
            {
                Assert.Equal(0, (await grains.GetGrain<IJobOrderGrain>(order).GetAsync()).Held);
            }

            foreach (var worker in workers)
            {
                var view = await grains.GetGrain<IWorkerGrain>(worker).GetAsync();
                Assert.True(view.Status is WorkerStatus.Seeking or WorkerStatus.Hired or WorkerStatus.Withdrawn, $"{worker} is {view.Status}");
                Assert.Null(view.Hold);
            }
        }
        finally
        {
            await MatchingTestCluster.StopAsync(cluster);
        }
    }

    private static async Task RunAsync(IGrainFactory grains, FakeTimeProvider clock, List<string> orders, List<string> workers, History history, Random random)
    {
        for (var i = 0; i < OperationsPerTask; i++)
        {
            history.Tried();
            try
            {
                switch (random.Next(100))
                {
                    case < 45:
                        var granted = await grains.GetGrain<IJobOrderGrain>(Pick(orders, random))
                            .HoldAsync(Pick(workers, random), random.Next(60, 900));
                        history.Held(granted.HoldId);
                        break;
                    case < 65 when history.AnyHold(random) is { } toConfirm:
                        var hire = await grains.GetGrain<IJobOrderGrain>(HoldKey.JobOrderOf(toConfirm)!).ConfirmAsync(toConfirm);
                        history.Hired(hire);
                        break;
                    case < 85 when history.AnyHold(random) is { } toRelease:
                        await grains.GetGrain<IJobOrderGrain>(HoldKey.JobOrderOf(toRelease)!).ReleaseAsync(toRelease);
                        history.Release();
                        break;
                    // Rarely: each withdrawal takes a worker out of every later hold of the history.
                    case < 86 when random.Next(8) == 0:
                        await grains.GetGrain<IWorkerGrain>(Pick(workers, random)).WithdrawAsync();
                        break;
                    default:
                        // Jumps of up to half a minute: some holds lapse while others are being taken.
                        clock.Advance(TimeSpan.FromSeconds(random.Next(1, 30)));
                        break;
                }
            }
            catch (DomainException)
            {
                history.Refuse();
            }
        }
    }

    private static async Task CheckAsync(IGrainFactory grains, List<string> orders, List<string> workers, History history)
    {
        var liveHolds = new Dictionary<string, SlotHold>();
        var hires = new Dictionary<string, string>();
        foreach (var order in orders)
        {
            var slots = await grains.GetGrain<IJobOrderGrain>(order).GetSlotsAsync();
            var view = await grains.GetGrain<IJobOrderGrain>(order).GetAsync();
            Assert.True(slots.Holds.Length + slots.Hires.Length <= slots.Headcount, $"{order}: {slots.Holds.Length} holds + {slots.Hires.Length} hires > {slots.Headcount}");
            Assert.Equal(slots.Hires.Length, view.Hired);
            Assert.Equal(slots.Hires.Length == slots.Headcount ? JobOrderStatus.Filled : JobOrderStatus.Open, view.Status);
            foreach (var hold in slots.Holds)
            {
                Assert.True(liveHolds.TryAdd(hold.WorkerId, hold), $"{hold.WorkerId} holds two live slots");
            }

            foreach (var hire in slots.Hires)
            {
                Assert.True(hires.TryAdd(hire.WorkerId, order), $"{hire.WorkerId} hired twice");
            }
        }

        Assert.Equal(history.Confirmed.Values.Distinct().Count(), history.Confirmed.Count);
        foreach (var worker in workers)
        {
            var view = await grains.GetGrain<IWorkerGrain>(worker).GetAsync();
            if (hires.TryGetValue(worker, out var order))
            {
                Assert.Equal(WorkerStatus.Hired, view.Status);
                Assert.Equal(order, view.Hire!.JobOrderId);
                Assert.False(liveHolds.ContainsKey(worker), $"{worker} is hired and still holds a slot");
            }
            else if (liveHolds.TryGetValue(worker, out var hold))
            {
                Assert.Equal(WorkerStatus.Held, view.Status);
                Assert.Equal(hold.HoldId, view.Hold!.HoldId);
            }
            else
            {
                Assert.NotEqual(WorkerStatus.Hired, view.Status);
                Assert.NotEqual(WorkerStatus.Held, view.Status);
            }
        }

        foreach (var (holdId, workerId) in history.Confirmed)
        {
            Assert.Equal(HoldKey.JobOrderOf(holdId), hires[workerId]);
        }
    }

    private static string Pick(List<string> items, Random random) => items[random.Next(items.Count)];

    private sealed class History
    {
        private readonly object _gate = new();
        private readonly List<string> _holds = [];
        private int _attempts;
        private int _granted;
        private int _released;
        private int _refused;

        public Dictionary<string, string> Confirmed { get; } = [];

        public int Attempts => _attempts;

        public int Granted => _granted;

        public int Released => _released;

        public int Refused => _refused;

        public void Tried() => Interlocked.Increment(ref _attempts);

        public void Refuse() => Interlocked.Increment(ref _refused);

        public void Release() => Interlocked.Increment(ref _released);

        public void Held(string holdId)
        {
            Interlocked.Increment(ref _granted);
            lock (_gate)
            {
                _holds.Add(holdId);
            }
        }

        public string? AnyHold(Random random)
        {
            lock (_gate)
            {
                return _holds.Count == 0 ? null : _holds[random.Next(_holds.Count)];
            }
        }

        public void Hired(SlotHireConfirmed hire)
        {
            lock (_gate)
            {
                Confirmed[hire.HoldId] = hire.WorkerId;
            }
        }
    }
}
