using Matching.Catalog;
using Matching.Consistency;
using Matching.Employers;
using Matching.Fairs;
using Matching.Feeds;
using Matching.Index;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Storage;
using Matching.Tests.Lodging;
using Matching.Tests.Support;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Matching.Tests.Cluster;

/// <summary>
/// Faults in what a write derives — the catalog entry, the place in the match index, the feed events — never fail
/// the write: it is stored, its caller is answered, and the derived state catches up by the mechanism each kind has
/// (a rebuild from the store on activation, the next event of the channel). A write that fails, in turn, is not
/// kept in memory and tells nothing derived.
/// </summary>
public sealed class DerivedUpdateFaultTests : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private readonly FakeTimeProvider _clock = new(Samples.Now);
    private readonly DerivedFaults _faults = new();
    private InProcessTestCluster? _cluster;

    private IGrainFactory Grains => _cluster!.Client;

    private IStateStore Store => _cluster!.Silos[0].ServiceProvider.GetRequiredService<IStateStore>();

    public async Task InitializeAsync() =>
        _cluster = await MatchingTestCluster.StartAsync(_data.Path, _clock, silo =>
        {
            silo.AddIncomingGrainCallFilter(_faults.ReceiveAsync);
            silo.AddOutgoingGrainCallFilter(_faults.SendAsync);

            // After the product's registration of the store: the last one is the one grains write through.
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                StorageNames.Main, (sp, _) => new FailingWrites(sp.GetRequiredService<SqliteGrainStorage>(), _faults));
        });

    public async Task DisposeAsync()
    {
        await MatchingTestCluster.StopAsync(_cluster!);
        _data.Dispose();
    }

    [Fact]
    public async Task A_catalog_that_misses_a_write_does_not_fail_it_and_has_the_entry_once_rebuilt()
    {
        // Active before the write, as a catalog in use is: one that activated after it would read it from the store.
        AssertConsistent(await ChecksAsync("catalog"));
        var id = Samples.NewId("emp");
        _faults.Fail<ICatalogGrain>(nameof(ICatalogGrain.UpsertAsync));

        await Grains.GetGrain<IEmployerGrain>(id).CreateAsync(Samples.Employer());

        Assert.True(await IsStoredAsync<EmployerState>(StorageNames.Employer, id));
        Assert.DoesNotContain(id, await CatalogAsync(StorageNames.Employer));
        Assert.Contains(await ChecksAsync("catalog"), c => !c.Consistent);

        _faults.Heal();
        await CollectIdleActivationsAsync();

        Assert.Contains(id, await CatalogAsync(StorageNames.Employer));
        AssertConsistent(await ChecksAsync("catalog"));
    }

    [Fact]
    public async Task Index_shards_that_miss_a_new_order_and_worker_do_not_fail_them_and_list_both_once_rebuilt()
    {
        var employer = await Grains.CreateEmployerAsync();
        AssertConsistent(await ChecksAsync("index"));
        _faults.Fail<ITradeShardGrain>(nameof(ITradeShardGrain.UpsertJobAsync));
        _faults.Fail<ITradeShardGrain>(nameof(ITradeShardGrain.UpsertWorkerAsync));

        var order = await Grains.CreateJobOrderAsync(Samples.JobOrder(employer));
        var worker = await Grains.CreateWorkerAsync();

        Assert.True(await IsStoredAsync<JobOrderState>(StorageNames.JobOrder, order));
        Assert.True(await IsStoredAsync<WorkerState>(StorageNames.Worker, worker));
        var behind = await ChecksAsync("index");
        Assert.Contains(behind, c => c.Measure == "jobs" && !c.Consistent);
        Assert.Contains(behind, c => c.Measure == "workers" && !c.Consistent);

        _faults.Heal();
        await CollectIdleActivationsAsync();

        AssertConsistent(await ChecksAsync("index"));
    }

    [Fact]
    public async Task A_hire_the_index_misses_stands_on_both_sides_and_the_rebuilt_index_no_longer_lists_the_worker()
    {
        var employer = await Grains.CreateEmployerAsync();
        var order = await Grains.CreateJobOrderAsync(Samples.JobOrder(employer) with { Headcount = 1 });
        var worker = await Grains.CreateWorkerAsync();
        var hold = await Grains.GetGrain<IJobOrderGrain>(order).HoldAsync(worker, null);
        _faults.Fail<ITradeShardGrain>(nameof(ITradeShardGrain.RemoveWorkerAsync));
        _faults.Fail<ITradeShardGrain>(nameof(ITradeShardGrain.RemoveJobAsync));

        var hired = await Grains.GetGrain<IJobOrderGrain>(order).ConfirmAsync(hold.HoldId);

        Assert.Equal(JobOrderStatus.Filled, hired.Status);
        Assert.Equal(WorkerStatus.Hired, (await Grains.GetGrain<IWorkerGrain>(worker).GetAsync()).Status);

        _faults.Heal();
        await CollectIdleActivationsAsync();

        Assert.Equal(WorkerStatus.Hired, (await Grains.GetGrain<IWorkerGrain>(worker).GetAsync()).Status);
        Assert.Equal(JobOrderStatus.Filled, (await Grains.GetGrain<IJobOrderGrain>(order).GetAsync()).Status);
        AssertConsistent(await ChecksAsync("index"));
        AssertConsistent(await ChecksAsync("reservations"));
    }

    [Fact]
    public async Task A_check_in_whose_board_event_is_lost_stands_and_the_next_board_event_carries_the_whole_count()
    {
        var fairId = Samples.NewId("fair");
        var fair = Grains.GetGrain<IFairGrain>(fairId);
        await fair.CreateAsync(Samples.Fair(await Grains.CreateEmployerAsync()));
        var (first, second) = (await Grains.CreateWorkerAsync(), await Grains.CreateWorkerAsync());
        _faults.Fail<IFeedGrain>(nameof(IFeedGrain.PublishAsync));

        Assert.Equal(1, (await fair.CheckInAsync(first)).CheckIns);
        Assert.Empty(await FeedAsync(FeedChannel.Fair(fairId)));

        _faults.Heal();
        await fair.CheckInAsync(second);

        var board = Assert.Single((await FeedAsync(FeedChannel.Fair(fairId))).OfType<BoardChanged>());
        Assert.Equal(2, board.CheckIns);
        await CollectIdleActivationsAsync();
        Assert.Equal(2, (await fair.GetBoardAsync()).CheckIns);
    }

    [Fact]
    public async Task Stays_whose_counts_the_feed_misses_stand_the_worker_is_let_go_and_the_next_counts_are_whole()
    {
        var siteId = Samples.NewId("site");
        var site = Grains.GetGrain<ILodgingSiteGrain>(siteId);
        await site.CreateAsync(Samples.LodgingSite());
        await site.AddBedsAsync(new AddBedsRequest { Count = 1 });
        var worker = await Grains.CreateWorkerAsync(LodgingSamples.Worker(Samples.Today));
        var request = new StayRequest
        {
            WorkerId = worker,
            SiteId = siteId,
            From = Samples.Today,
            To = Samples.Today.AddDays(3),
            CreditCommitment = LodgingSamples.Commitment,
        };
        var published = (await FeedAsync(FeedChannel.Site(siteId))).Length;
        _faults.Fail<IFeedGrain>(nameof(IFeedGrain.PublishAsync));

        var held = (await site.ReserveAsync(request)).Reservation!;
        var cancelled = await site.CancelAsync(held.ReservationId);

        Assert.Equal(ReservationStatus.Cancelled, cancelled.Status);
        Assert.Null(await Grains.GetGrain<IWorkerStayGrain>(worker).GetAsync());
        Assert.Equal(published, (await FeedAsync(FeedChannel.Site(siteId))).Length);

        _faults.Heal();
        var again = (await site.ReserveAsync(request)).Reservation!;

        var counts = Assert.IsType<BedCountsChanged>((await FeedAsync(FeedChannel.Site(siteId)))[^1]);
        Assert.All(counts.Nights, n => Assert.Equal((1, 0, 1, 0), (n.Total, n.Free, n.Held, n.Occupied)));
        await CollectIdleActivationsAsync();
        Assert.Equal(ReservationStatus.Cancelled, (await site.GetReservationAsync(held.ReservationId)).Status);
        Assert.Equal(ReservationStatus.Held, (await site.GetReservationAsync(again.ReservationId)).Status);
    }

    [Fact]
    public async Task A_write_that_fails_is_not_kept_in_memory_and_tells_nothing_derived()
    {
        var employerId = await Grains.CreateEmployerAsync(Samples.Employer() with { District = "jiading" });
        var siteId = Samples.NewId("site");
        var site = Grains.GetGrain<ILodgingSiteGrain>(siteId);
        await site.CreateAsync(Samples.LodgingSite());
        var bedId = (await site.AddBedsAsync(new AddBedsRequest { Count = 1 })).Beds[0].Id;
        _faults.FailWritesOf(StorageNames.Employer);
        _faults.FailWritesOf(StorageNames.Bed);

        await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<IEmployerGrain>(employerId).UpdateAsync(Samples.Employer() with { District = "pudong" }));
        await Assert.ThrowsAnyAsync<Exception>(() => site.SetBedInServiceAsync(bedId, false));

        _faults.Heal();
        Assert.Equal("jiading", (await Grains.GetGrain<IEmployerGrain>(employerId).GetAsync()).District);
        Assert.DoesNotContain(employerId, await CatalogAsync(StorageNames.Employer, "district:pudong"));
        Assert.True((await Grains.GetGrain<IBedGrain>(bedId).GetAsync()).InService);
        Assert.All((await site.GetAvailabilityAsync(null, null)).Nights, n => Assert.Equal(1, n.Free));
    }

    /// <summary>
    /// Lets the silo collect every idle activation, as it collects those idle past their age: derived grains
    /// rebuild from the store when next called, and entities reload what was stored.
    /// </summary>
    private Task CollectIdleActivationsAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    private async Task<bool> IsStoredAsync<TState>(string kind, string id)
    {
        await foreach (var (key, _) in Store.ScanAsync<TState>(kind))
        {
            if (key == id)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<string[]> CatalogAsync(string kind, params string[] tags) =>
        (await Grains.GetGrain<ICatalogGrain>(kind).QueryAsync(new CatalogQuery(null, tags, 0, int.MaxValue))).Ids;

    private async Task<List<ConsistencyCheck>> ChecksAsync(string kind) =>
        [.. (await Grains.GetGrain<IConsistencyGrain>(0).CheckAsync()).Checks.Where(c => c.Kind == kind)];

    private static void AssertConsistent(List<ConsistencyCheck> checks)
    {
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.True(c.Consistent, $"{c.Key} {c.Measure}: store {c.Store}, derived {c.Derived}"));
    }

    private async Task<FeedEvent[]> FeedAsync(FeedChannel channel) => (await Grains.Feed(channel).ReadSinceAsync(null, 0)).Events;
}

/// <summary>
/// Faults armed by a test until it heals them: calls of a grain method that fail in the grain that receives them,
/// or on their way out for one-way calls (whose receiver's faults never reach the sender), and writes of a state
/// kind that the store refuses.
/// </summary>
public sealed class DerivedFaults
{
    private readonly HashSet<(Type Interface, string Method)> _calls = [];
    private readonly HashSet<string> _writes = new(StringComparer.Ordinal);

    public void Fail<TGrain>(string method)
        where TGrain : IAddressable
    {
        lock (_calls)
        {
            _calls.Add((typeof(TGrain), method));
        }
    }

    public void FailWritesOf(string stateName)
    {
        lock (_writes)
        {
            _writes.Add(stateName);
        }
    }

    public void Heal()
    {
        lock (_calls)
        {
            _calls.Clear();
        }

        lock (_writes)
        {
            _writes.Clear();
        }
    }

    public bool RefusesWriteOf(string stateName)
    {
        lock (_writes)
        {
            return _writes.Contains(stateName);
        }
    }

    public Task ReceiveAsync(IIncomingGrainCallContext context) =>
        !context.InterfaceMethod.IsDefined(typeof(Orleans.Concurrency.OneWayAttribute), false) && IsArmed(context.InterfaceMethod)
            ? throw new TimeoutException($"injected fault: {context.InterfaceMethod.Name} did not answer")
            : context.Invoke();

    public Task SendAsync(IOutgoingGrainCallContext context) =>
        context.InterfaceMethod.IsDefined(typeof(Orleans.Concurrency.OneWayAttribute), false) && IsArmed(context.InterfaceMethod)
            ? throw new TimeoutException($"injected fault: {context.InterfaceMethod.Name} could not be sent")
            : context.Invoke();

    private bool IsArmed(System.Reflection.MethodInfo method)
    {
        lock (_calls)
        {
            return method.DeclaringType is { } type && _calls.Contains((type, method.Name));
        }
    }
}

/// <summary>The product's store, refusing the writes of the kinds a test made fail, as a store that does not answer would.</summary>
public sealed class FailingWrites(IGrainStorage inner, DerivedFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.RefusesWriteOf(stateName)
            ? throw new TimeoutException($"injected fault: the store did not write {stateName} {grainId}")
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
