using Microsoft.Extensions.DependencyInjection;
using Matching.Employers;
using Matching.Errors;
using Matching.Feeds;
using Matching.Index;
using Matching.Reference;
using Matching.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.JobOrders;

public sealed class JobOrderGrain(
    [PersistentState(StorageNames.JobOrder, StorageNames.Main)] IPersistentState<JobOrderState> state,
    ReferenceData refs,
    IOptions<HoldOptions> holdOptions,
    MatchIndex index,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    ILogger<JobOrderGrain> logger) : Grain, IJobOrderGrain
{
    private const string Kind = "Job order";

    private IGrainTimer? _expiryTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleExpiry();
        return Task.CompletedTask;
    }

    private string Id => this.GetPrimaryKeyString();

    public async Task<JobOrderView> CreateAsync(JobOrderProfile profile)
    {
        state.State.RequireNew(Kind, Id);
        var normalized = JobOrderRules.Normalize(profile, Id, refs, time.Today());
        if (await GrainFactory.GetGrain<IEmployerGrain>(normalized.EmployerId).FindAsync() is null)
        {
            throw ValidationFailedException.For("employerId", $"employer '{normalized.EmployerId}' does not exist.");
        }

        state.State.Profile = normalized;
        state.State.Status = JobOrderStatus.Open;
        await SaveAsync();
        await IndexAsync(null);
        return View();
    }

    public async Task<JobOrderView> UpdateAsync(JobOrderProfile profile)
    {
        var current = state.State.Require(Kind, Id);
        RequireOpen();
        var normalized = JobOrderRules.Normalize(profile with { EmployerId = string.IsNullOrWhiteSpace(profile.EmployerId) ? current.EmployerId : profile.EmployerId }, Id, refs, time.Today());
        if (normalized.EmployerId != current.EmployerId)
        {
            throw ValidationFailedException.For("employerId", "cannot change: a job order stays with its employer.");
        }

        var taken = state.State.LiveHolds(time.GetUtcNow()) + state.State.Hires.Count;
        if (normalized.Headcount < taken)
        {
            throw new ConflictException("headcount-below-taken", $"headcount {normalized.Headcount} is below the {taken} slots already held or hired.");
        }

        state.State.Profile = normalized;
        await SaveAsync();
        await IndexAsync(current);
        return View();
    }

    public async Task<JobOrderView> CloseAsync()
    {
        state.State.Require(Kind, Id);
        if (state.State.Status == JobOrderStatus.Closed)
        {
            throw new ConflictException("already-closed", $"job order '{Id}' is already closed.");
        }

        // Closing lets go of every live hold: a slot of a closed order cannot be confirmed later.
        var now = time.GetUtcNow();
        var events = DropLapsedHolds(now);
        var released = state.State.Holds.ToList();
        released.ForEach(h => state.State.EndHold(h, "released"));
        state.State.Status = JobOrderStatus.Closed;
        await SaveAsync();
        await IndexAsync(state.State.Profile);
        await Task.WhenAll(released.Select(h => GrainFactory.GetGrain<IWorkerGrain>(h.WorkerId).ReleaseHoldAsync(h.HoldId)));
        events.AddRange(released.Select(h => HoldEvent(h, "released", now)));
        Publish(events);
        ScheduleExpiry();
        return View();
    }

    public Task<JobOrderView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    public async Task<SlotHoldGranted> HoldAsync(string workerId, int? ttlSeconds)
    {
        var profile = state.State.Require(Kind, Id);
        var ttl = HoldTtl(ttlSeconds);
        if (!Validation.FieldErrors.IsValidId(workerId))
        {
            throw ValidationFailedException.For("workerId", "is required and must be a valid id.");
        }

        var now = time.GetUtcNow();
        var events = DropLapsedHolds(now);
        RequireOpen();
        if (state.State.Holds.Any(h => h.WorkerId == workerId) || state.State.Hires.Any(h => h.WorkerId == workerId))
        {
            throw new ConflictException("worker-already-on-order", $"worker '{workerId}' is already held or hired on job order '{Id}'.");
        }

        if (state.State.OpenSlots(now) == 0)
        {
            throw new ConflictException("no-free-slot", $"job order '{Id}' has no free slot: {profile.Headcount} held or hired.");
        }

        var hold = new SlotHold(HoldKey.New(Id), workerId, now, now + ttl);
        var worker = GrainFactory.GetGrain<IWorkerGrain>(workerId);

        // The worker is bound first: if that fails nothing is stored here; if storing here fails,
        // the worker is let go again, so neither side keeps half a hold.
        await worker.AcquireHoldAsync(new WorkerHold(hold.HoldId, Id, profile.EmployerId, hold.ExpiresAt));
        state.State.Holds.Add(hold);
        try
        {
            await SaveAsync();
        }
        catch
        {
            await worker.ReleaseHoldAsync(hold.HoldId);
            throw;
        }

        events.Add(HoldEvent(hold, "held", now));
        Publish(events);
        ScheduleExpiry();
        return new SlotHoldGranted(hold.HoldId, Id, workerId, hold.ExpiresAt);
    }

    public async Task<SlotHireConfirmed> ConfirmAsync(string holdId, EngagementKind? kind = null)
    {
        state.State.Require(Kind, Id);
        if (state.State.Hires.FirstOrDefault(h => h.HoldId == holdId) is { } done)
        {
            return new SlotHireConfirmed(holdId, Id, done.WorkerId, done.HiredAt, state.State.Status, done.Kind);
        }

        var now = time.GetUtcNow();
        var hold = FindHold(holdId, now);
        var hire = await GrainFactory.GetGrain<IWorkerGrain>(hold.WorkerId)
            .ConfirmHireAsync(holdId, now, kind, state.State.Profile!.AcceptsInterns);

        var events = DropLapsedHolds(now);
        state.State.Holds.Remove(hold);
        state.State.Hires.Add(new SlotHire(holdId, hold.WorkerId, now, hire.Kind));
        var filled = state.State.Hires.Count >= state.State.Profile!.Headcount;
        if (filled)
        {
            state.State.Status = JobOrderStatus.Filled;
        }

        await SaveAsync();
        if (filled)
        {
            await IndexAsync(state.State.Profile);
        }

        events.Add(new Hired
        {
            JobOrderId = Id,
            HoldId = holdId,
            WorkerId = hold.WorkerId,
            Hires = state.State.Hires.Count,
            OpenSlots = state.State.OpenSlots(now),
            Filled = filled,
        });
        Publish(events);
        ScheduleExpiry();
        return new SlotHireConfirmed(holdId, Id, hold.WorkerId, now, state.State.Status, hire.Kind);
    }

    public async Task<EngagementView> ConvertAsync(string holdId)
    {
        var (position, hire) = FindHire(holdId);
        if (hire.ConvertedAt is not null)
        {
            throw new ConflictException("already-converted", $"the internship of hold '{holdId}' became employment at {hire.ConvertedAt:O}.");
        }

        if (hire.Kind != EngagementKind.Internship)
        {
            throw new ConflictException("not-internship", $"hold '{holdId}' hired worker '{hire.WorkerId}' as an employee, not an intern.");
        }

        // The worker is told first, as for the hire itself; it repeats harmlessly, so a retry after a failed
        // write here completes both sides.
        var converted = await GrainFactory.GetGrain<IWorkerGrain>(hire.WorkerId).ConvertHireAsync(holdId, time.GetUtcNow());
        return await ChangeHireAsync(position, hire with { Kind = EngagementKind.Employment, ConvertedAt = converted.ConvertedAt });
    }

    public async Task<EngagementView> LeaveAsync(string holdId)
    {
        var (position, hire) = FindHire(holdId);
        var now = time.GetUtcNow();
        await GrainFactory.GetGrain<IWorkerGrain>(hire.WorkerId).EndHireAsync(holdId);
        return await ChangeHireAsync(position, hire with { LeftAt = now });
    }

    /// <summary>The hire made under this hold, still going: 404 when there is none, 409 when the worker left.</summary>
    private (int Position, SlotHire Hire) FindHire(string holdId)
    {
        state.State.Require(Kind, Id);
        var position = state.State.Hires.FindIndex(h => h.HoldId == holdId);
        if (position < 0)
        {
            throw new NotFoundException("Hire", holdId);
        }

        var hire = state.State.Hires[position];
        if (hire.LeftAt is { } left)
        {
            throw new ConflictException("engagement-ended", $"worker '{hire.WorkerId}' left at {left:O}.");
        }

        return (position, hire);
    }

    private async Task<EngagementView> ChangeHireAsync(int position, SlotHire changed)
    {
        state.State.Hires[position] = changed;
        await SaveAsync();
        Publish([new EngagementChanged { JobOrderId = Id, HoldId = changed.HoldId, WorkerId = changed.WorkerId, Kind = changed.Kind, State = changed.State }]);
        return new EngagementView(changed.HoldId, Id, state.State.Profile!.EmployerId, changed);
    }

    public async Task ReleaseAsync(string holdId)
    {
        state.State.Require(Kind, Id);
        if (state.State.Hires.Any(h => h.HoldId == holdId))
        {
            throw new ConflictException("hold-confirmed", $"hold '{holdId}' was confirmed: the worker is hired.");
        }

        var now = time.GetUtcNow();
        var hold = FindHold(holdId, now);
        var events = DropLapsedHolds(now);
        state.State.EndHold(hold, "released");
        await SaveAsync();
        await GrainFactory.GetGrain<IWorkerGrain>(hold.WorkerId).ReleaseHoldAsync(holdId);
        events.Add(HoldEvent(hold, "released", now));
        Publish(events);
        ScheduleExpiry();
    }

    public Task<JobOrderSlots> GetSlotsAsync()
    {
        var profile = state.State.Require(Kind, Id);
        var now = time.GetUtcNow();
        return Task.FromResult(new JobOrderSlots(
            Id, profile.Headcount, [.. state.State.Holds.Where(h => h.IsLive(now))], [.. state.State.Hires]));
    }

    /// <summary>The live hold with this id: 404 when it never existed here, 409 when it lapsed.</summary>
    private SlotHold FindHold(string holdId, DateTimeOffset now)
    {
        if (state.State.EndedHolds.TryGetValue(holdId, out var ended))
        {
            throw new ConflictException($"hold-{ended}", $"hold '{holdId}' was {ended}.");
        }

        var hold = state.State.Holds.FirstOrDefault(h => h.HoldId == holdId)
            ?? throw new NotFoundException("Hold", holdId);
        if (!hold.IsLive(now))
        {
            throw new ConflictException("hold-expired", $"hold '{holdId}' expired at {hold.ExpiresAt:O}.");
        }

        return hold;
    }

    /// <summary>
    /// Forgets holds past their deadline (they already count as free) and says so on the feed. The workers'
    /// records lapse by the same deadline, so they need no call.
    /// </summary>
    private List<FeedEvent> DropLapsedHolds(DateTimeOffset now)
    {
        var lapsed = state.State.Holds.Where(h => !h.IsLive(now)).ToList();
        foreach (var hold in lapsed)
        {
            state.State.EndHold(hold, "expired");
        }

        return [.. lapsed.Select(h => HoldEvent(h, "expired", now))];
    }

    private HoldChanged HoldEvent(SlotHold hold, string change, DateTimeOffset now) => new()
    {
        JobOrderId = Id,
        HoldId = hold.HoldId,
        WorkerId = hold.WorkerId,
        State = change,
        ExpiresAt = hold.ExpiresAt,
        OpenSlots = state.State.OpenSlots(now),
    };

    private void Publish(List<FeedEvent> events)
    {
        if (events.Count > 0 && state.State.Profile is { } profile)
        {
            GrainFactory.Feed(FeedChannels.Employer(profile.EmployerId)).PublishAsync([.. events]).Ignore();
        }
    }

    /// <summary>
    /// Deadlines alone decide whether a hold counts; this timer only makes a lapse visible (events, purged
    /// state) while the order is active, instead of at its next request.
    /// </summary>
    private void ScheduleExpiry()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        if (state.State.Holds.Count == 0)
        {
            return;
        }

        var due = state.State.Holds.Min(h => h.ExpiresAt) - time.GetUtcNow();
        _expiryTimer = this.RegisterGrainTimer(
            ExpireAsync,
            new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        var events = DropLapsedHolds(time.GetUtcNow());
        if (events.Count > 0)
        {
            await SaveAsync();
            Publish(events);
        }

        ScheduleExpiry();
    }

    private TimeSpan HoldTtl(int? ttlSeconds)
    {
        var o = holdOptions.Value;
        var seconds = ttlSeconds ?? o.DefaultTtlSeconds;
        if (seconds < o.MinTtlSeconds || seconds > o.MaxTtlSeconds)
        {
            throw ValidationFailedException.For("ttlSeconds", $"must be between {o.MinTtlSeconds} and {o.MaxTtlSeconds}.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private void RequireOpen()
    {
        if (state.State.Status != JobOrderStatus.Open)
        {
            throw new ConflictException("not-open", $"job order '{Id}' is {JobOrderState.StatusCode(state.State.Status)}.");
        }
    }

    /// <summary>Tells the match index after the state is stored; a miss is repaired by a rebuild, not failed.</summary>
    private async Task IndexAsync(JobOrderProfile? before)
    {
        try
        {
            await index.JobChangedAsync(before, state.State.Profile!, state.State.Status);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The match index missed a change of job order {JobOrderId}", Id);
        }
    }

    private Task SaveAsync() =>
        this.SaveAsync<JobOrderState, JobOrderProfile>(GrainFactory, state, StorageNames.JobOrder, time.GetUtcNow());

    private JobOrderView View()
    {
        var now = time.GetUtcNow();
        var s = state.State;
        return new JobOrderView(s.Profile!)
        {
            Status = s.Status,
            OpenSlots = s.OpenSlots(now),
            Held = s.LiveHolds(now),
            Hired = s.Hires.Count,
            CreatedAt = s.CreatedAt,
            UpdatedAt = s.UpdatedAt,
        };
    }
}
