using Matching.Consistency;
using Matching.Errors;
using Matching.Idempotency;
using Matching.JobOrders;
using Matching.Tests.Cluster;
using Matching.Tests.Support;
using Matching.Workers;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Matching.Tests.Reservations;

/// <summary>
/// Faults between the two writes of a hold or a hire (the job order's and the worker's): the worker's call
/// runs and its answer is lost, or the call never arrives. Whatever fails, the job order — the flow's one
/// coordinator — ends with both sides agreeing, and the consistency check sees any side that does not.
/// </summary>
public sealed class HoldFlowFaultTests : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private readonly FakeTimeProvider _clock = new(Samples.Now);
    private readonly InjectedFaults _faults = new();
    private InProcessTestCluster? _cluster;

    private IGrainFactory Grains => _cluster!.Client;

    public async Task InitializeAsync() =>
        _cluster = await MatchingTestCluster.StartAsync(_data.Path, _clock, silo => silo.AddIncomingGrainCallFilter(_faults.InvokeAsync));

    public async Task DisposeAsync()
    {
        await MatchingTestCluster.StopAsync(_cluster!);
        _data.Dispose();
    }

    [Fact]
    public async Task A_hold_whose_answer_is_lost_is_undone_on_both_sides_and_a_retry_holds_afresh()
    {
        var (order, worker) = await OrderAndWorkerAsync();
        _faults.LoseAnswer(nameof(IWorkerGrain.AcquireHoldAsync));

        await Assert.ThrowsAsync<TimeoutException>(() => Order(order).HoldAsync(worker, null));

        Assert.Empty((await Order(order).GetSlotsAsync()).Holds);
        var seen = await Worker(worker).GetAsync();
        Assert.Equal(WorkerStatus.Seeking, seen.Status);
        Assert.Null(seen.Hold);

        var granted = await Order(order).HoldAsync(worker, null);
        Assert.Equal(granted.HoldId, (await Worker(worker).GetAsync()).Hold?.HoldId);
        await AssertBothSidesAgreeAsync();
    }

    [Fact]
    public async Task When_the_undo_fails_too_a_retry_finishes_the_first_attempt()
    {
        var (order, worker) = await OrderAndWorkerAsync();
        _faults.LoseAnswer(nameof(IWorkerGrain.AcquireHoldAsync));
        _faults.Refuse(nameof(IWorkerGrain.ReleaseHoldAsync));

        await Assert.ThrowsAsync<TimeoutException>(() => Order(order).HoldAsync(worker, 600));
        var begun = Assert.Single((await Order(order).GetSlotsAsync()).Holds);
        Assert.Equal(HoldPhase.Binding, begun.Phase);

        var granted = await Order(order).HoldAsync(worker, 600);

        Assert.Equal(begun.HoldId, granted.HoldId);
        Assert.Equal(begun.ExpiresAt, granted.ExpiresAt);
        Assert.Equal(HoldPhase.Bound, Assert.Single((await Order(order).GetSlotsAsync()).Holds).Phase);
        Assert.Equal(begun.HoldId, (await Worker(worker).GetAsync()).Hold?.HoldId);
        await AssertBothSidesAgreeAsync();
    }

    [Fact]
    public async Task When_the_undo_fails_and_nobody_retries_the_order_undoes_the_hold_at_its_next_call()
    {
        var (order, worker) = await OrderAndWorkerAsync();
        var other = await Grains.CreateWorkerAsync();
        _faults.LoseAnswer(nameof(IWorkerGrain.AcquireHoldAsync));
        _faults.Refuse(nameof(IWorkerGrain.ReleaseHoldAsync));
        await Assert.ThrowsAsync<TimeoutException>(() => Order(order).HoldAsync(worker, null));
        Assert.Equal(WorkerStatus.Held, (await Worker(worker).GetAsync()).Status);

        var granted = await Order(order).HoldAsync(other, null);

        Assert.Equal(granted.HoldId, Assert.Single((await Order(order).GetSlotsAsync()).Holds).HoldId);
        Assert.Equal(WorkerStatus.Seeking, (await Worker(worker).GetAsync()).Status);
        await AssertBothSidesAgreeAsync();
    }

    [Fact]
    public async Task A_hire_whose_answer_is_lost_stands_on_both_sides_and_its_retry_answers_the_first_time()
    {
        var (order, worker) = await OrderAndWorkerAsync();
        var hold = await Order(order).HoldAsync(worker, null);
        var confirmedAt = _clock.GetUtcNow();
        _faults.LoseAnswer(nameof(IWorkerGrain.ConfirmHireAsync));

        await Assert.ThrowsAsync<TimeoutException>(() => Order(order).ConfirmAsync(hold.HoldId));
        Assert.Equal(WorkerStatus.Hired, (await Worker(worker).GetAsync()).Status);

        // Even past the hold's deadline the unanswered confirmation keeps its slot, and a retry completes it.
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, (await Order(order).GetAsync()).Held);
        var hired = await Order(order).ConfirmAsync(hold.HoldId);

        Assert.Equal(confirmedAt, hired.HiredAt);
        var slots = await Order(order).GetSlotsAsync();
        Assert.Empty(slots.Holds);
        Assert.Equal(worker, Assert.Single(slots.Hires).WorkerId);
        await AssertBothSidesAgreeAsync();
    }

    [Fact]
    public async Task A_hire_the_worker_never_heard_of_is_completed_by_the_order_at_its_next_call()
    {
        var (order, worker) = await OrderAndWorkerAsync(headcount: 2);
        var hold = await Order(order).HoldAsync(worker, null);
        _faults.Refuse(nameof(IWorkerGrain.ConfirmHireAsync));
        await Assert.ThrowsAsync<TimeoutException>(() => Order(order).ConfirmAsync(hold.HoldId));
        Assert.Equal(WorkerStatus.Held, (await Worker(worker).GetAsync()).Status);

        await Order(order).HoldAsync(await Grains.CreateWorkerAsync(), null);

        Assert.Equal(hold.HoldId, Assert.Single((await Order(order).GetSlotsAsync()).Hires).HoldId);
        Assert.Equal(WorkerStatus.Hired, (await Worker(worker).GetAsync()).Status);
        await AssertBothSidesAgreeAsync();
    }

    [Fact]
    public async Task A_release_the_worker_missed_is_answered_and_told_to_the_worker_later()
    {
        var (order, worker) = await OrderAndWorkerAsync();
        var hold = await Order(order).HoldAsync(worker, null);
        _faults.Refuse(nameof(IWorkerGrain.ReleaseHoldAsync));

        await Order(order).ReleaseAsync(hold.HoldId);
        Assert.Equal(WorkerStatus.Held, (await Worker(worker).GetAsync()).Status);

        // The next call of the order tells the worker what it missed, and the worker can be held again.
        var again = await Order(order).HoldAsync(worker, null);
        Assert.Equal(again.HoldId, (await Worker(worker).GetAsync()).Hold?.HoldId);
        await AssertBothSidesAgreeAsync();
    }

    // A crash between an entity's write and the storing of its request's answer makes the retry (same key) run the
    // request again; these run it twice under one key, as that retry does, and once under another.

    [Fact]
    public async Task A_keyed_create_run_again_answers_as_the_first_time_and_anyone_else_hears_it_exists()
    {
        var id = Samples.NewId("wkr");
        using (RequestKey.Serve("create-a"))
        {
            var first = await Worker(id).CreateAsync(Samples.Worker());
            var again = await Worker(id).CreateAsync(Samples.Worker());
            Assert.Equal(first.CreatedAt, again.CreatedAt);
        }

        using (RequestKey.Serve("create-b"))
        {
            Assert.Equal("already-exists", (await Assert.ThrowsAsync<ConflictException>(() => Worker(id).CreateAsync(Samples.Worker()))).Code);
        }

        Assert.Equal("already-exists", (await Assert.ThrowsAsync<ConflictException>(() => Worker(id).CreateAsync(Samples.Worker()))).Code);
    }

    [Fact]
    public async Task A_keyed_hold_or_release_run_again_answers_as_the_first_time_and_another_key_is_refused()
    {
        var (order, worker) = await OrderAndWorkerAsync();
        SlotHoldGranted first;
        using (RequestKey.Serve("hold-a"))
        {
            first = await Order(order).HoldAsync(worker, null);
            Assert.Equal(first, await Order(order).HoldAsync(worker, null));
        }

        using (RequestKey.Serve("hold-b"))
        {
            Assert.Equal("worker-already-on-order", (await Assert.ThrowsAsync<ConflictException>(() => Order(order).HoldAsync(worker, null))).Code);
        }

        Assert.Null(Assert.Single((await Order(order).GetSlotsAsync()).Holds).MadeBy);
        using (RequestKey.Serve("release-a"))
        {
            await Order(order).ReleaseAsync(first.HoldId);
            await Order(order).ReleaseAsync(first.HoldId);
        }

        Assert.Equal("hold-released", (await Assert.ThrowsAsync<ConflictException>(() => Order(order).ReleaseAsync(first.HoldId))).Code);
        await AssertBothSidesAgreeAsync();
    }

    [Fact]
    public async Task The_consistency_check_finds_a_hold_kept_by_one_side_only_in_either_direction()
    {
        var (order, heldByNobody) = await OrderAndWorkerAsync(headcount: 2);
        var (_, forgotten) = await OrderAndWorkerAsync();

        // A worker held by a hold its order never had, and an order keeping a hold its worker let go.
        var employer = (await Order(order).GetAsync()).EmployerId;
        await Worker(heldByNobody).AcquireHoldAsync(new WorkerHold(HoldKey.New(order), order, employer, _clock.GetUtcNow().AddMinutes(10)));
        var kept = await Order(order).HoldAsync(forgotten, null);
        await Worker(forgotten).ReleaseHoldAsync(kept.HoldId);

        var checks = (await Grains.GetGrain<IConsistencyGrain>(0).CheckAsync()).Checks.Where(c => c.Kind == "reservations").ToList();

        var workerSide = checks.Single(c => c.Key == "worker-holds");
        Assert.False(workerSide.Consistent);
        Assert.Contains(workerSide.Mismatches!, m => m.StartsWith(heldByNobody + ":", StringComparison.Ordinal));
        var orderSide = checks.Single(c => c.Key == "order-holds");
        Assert.False(orderSide.Consistent);
        Assert.Equal([$"{forgotten}:{kept.HoldId}"], orderSide.Mismatches!);
    }

    private async Task<(string Order, string Worker)> OrderAndWorkerAsync(int headcount = 1)
    {
        var employer = await Grains.CreateEmployerAsync();
        var order = await Grains.CreateJobOrderAsync(Samples.JobOrder(employer) with { Headcount = headcount });
        return (order, await Grains.CreateWorkerAsync());
    }

    private async Task AssertBothSidesAgreeAsync()
    {
        var report = await Grains.GetGrain<IConsistencyGrain>(0).CheckAsync();
        var reservations = report.Checks.Where(c => c.Kind == "reservations").ToList();
        Assert.Equal(4, reservations.Count);
        Assert.All(reservations, c => Assert.True(c.Consistent, $"{c.Key}: {string.Join(", ", c.Mismatches ?? [])}"));
    }

    private IJobOrderGrain Order(string id) => Grains.GetGrain<IJobOrderGrain>(id);

    private IWorkerGrain Worker(string id) => Grains.GetGrain<IWorkerGrain>(id);
}

/// <summary>
/// Faults armed by a test for the next call of a worker grain method: the call never arrives (refused), or it
/// runs and its answer is lost on the way back — what a silo dying between the two looks like to the caller
/// (a <see cref="TimeoutException"/>, as Orleans gives when an answer does not come).
/// </summary>
public sealed class InjectedFaults
{
    private readonly Dictionary<string, bool> _armed = new(StringComparer.Ordinal);

    public void Refuse(string method) => Arm(method, runs: false);

    public void LoseAnswer(string method) => Arm(method, runs: true);

    public async Task InvokeAsync(IIncomingGrainCallContext context)
    {
        bool? runs = null;
        if (context.Grain is WorkerGrain)
        {
            lock (_armed)
            {
                if (_armed.Remove(context.InterfaceMethod.Name, out var armed))
                {
                    runs = armed;
                }
            }
        }

        if (runs is false)
        {
            throw new TimeoutException($"injected fault: {context.InterfaceMethod.Name} never arrived");
        }

        await context.Invoke();
        if (runs is true)
        {
            throw new TimeoutException($"injected fault: the answer of {context.InterfaceMethod.Name} was lost");
        }
    }

    private void Arm(string method, bool runs)
    {
        lock (_armed)
        {
            _armed[method] = runs;
        }
    }
}
