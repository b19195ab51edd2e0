using Microsoft.Extensions.DependencyInjection;
using Matching.Employers;
using Matching.Errors;
using Matching.Feeds;
using Matching.Holds;
using Matching.Idempotency;
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
    ShardRouter shards,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    ILogger<JobOrderGrain> logger) : Grain, IJobOrderGrain
{
    private const string Kind = "Job order";

    /// <summary>How soon a step a worker did not answer is tried again when no call comes first.</summary>
    private static readonly TimeSpan SettleRetry = TimeSpan.FromSeconds(5);

    private DeadlineTimer? _expiryTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleExpiry();
        return Task.CompletedTask;
    }

    private string Id => this.GetPrimaryKeyString();

    public async Task<JobOrderView> CreateAsync(JobOrderProfile profile)
    {
        if (state.State.WasCreatedByThisRequest(Kind, Id))
        {
            return View();
        }

        var normalized = JobOrderRules.Normalize(profile, Id, refs, time.Today());
        if (await GrainFactory.GetGrain<IEmployerGrain>(normalized.EmployerId).FindAsync() is null)
        {
            throw ValidationFailedException.For("employerId", $"employer '{normalized.EmployerId}' does not exist.");
        }

        state.State.Profile = normalized;
        state.State.Status = JobOrderStatus.Open;
        await SaveAsync(Index(null));
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
            throw new ConflictException(ProblemCodes.HeadcountBelowTaken, $"headcount {normalized.Headcount} is below the {taken} slots already held or hired.");
        }

        state.State.Profile = normalized;
        await SaveAsync(Index(current));
        return View();
    }

    public async Task<JobOrderView> CloseAsync()
    {
        state.State.Require(Kind, Id);
        if (state.State.Status == JobOrderStatus.Closed)
        {
            throw new ConflictException(ProblemCodes.AlreadyClosed, $"job order '{Id}' is already closed.");
        }

        // Closing lets go of every live hold: a slot of a closed order cannot be confirmed later. A confirmation
        // still unanswered stays until the worker answers: it may already be a hire.
        var now = time.GetUtcNow();
        var events = await SettleAsync(now);
        events.AddRange(DropLapsedHolds(now));
        var released = state.State.Holds.Where(h => h.Phase != HoldPhase.Confirming).ToList();
        var releases = released.Select(h => state.State.ReleaseHold(h, HoldStates.Released)).ToList();
        state.State.Status = JobOrderStatus.Closed;
        await SaveAsync(Index(state.State.Profile));
        await TellReleasesAsync(releases);
        events.AddRange(released.Select(h => HoldEvent(h, HoldStates.Released, now)));
        await PublishAsync(events);
        ScheduleExpiry();
        return View();
    }

    public Task<JobOrderView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    // Holds and hires are a flow across two grains with this order as its one coordinator: each step is
    // stored here before the worker is asked, and a step the worker never answered is finished by a retry
    // or undone by SettleAsync. So neither side keeps half a hold, whatever fails between the two writes.

    public async Task<SlotHoldGranted> HoldAsync(string workerId, int? ttlSeconds)
    {
        try
        {
            return await HoldSlotAsync(workerId, ttlSeconds);
        }
        catch (ConflictException refusal)
        {
            // No free slot, the worker already held or hired (here or elsewhere), the order closed: counted by code.
            Telemetry.MatchingMetrics.HoldRefused(refusal.Code);
            throw;
        }
    }

    private async Task<SlotHoldGranted> HoldSlotAsync(string workerId, int? ttlSeconds)
    {
        var profile = state.State.Require(Kind, Id);
        var errors = new Validation.FieldErrors();
        var ttl = holdOptions.Value.Ttl(ttlSeconds, errors);
        if (!Validation.FieldErrors.IsValidId(workerId))
        {
            errors.Add("workerId", "is required and must be a valid id.");
        }

        errors.ThrowIfAny();

        var now = time.GetUtcNow();

        // A retry after an unanswered first attempt finishes that attempt: same hold, same deadline. One whose first
        // attempt ended but whose answer was lost before it was stored answers as the first time.
        if (state.State.Holds.Find(h => h.WorkerId == workerId && h.Phase == HoldPhase.Bound && RequestKey.IsCurrent(h.MadeBy) && h.IsLive(now)) is { } made)
        {
            return Granted(made);
        }

        if (state.State.Holds.Find(h => h.WorkerId == workerId && h.Phase == HoldPhase.Binding && h.IsLive(now)) is { } begun)
        {
            List<FeedEvent> held = [];
            var finished = await BindAsync(begun, profile.EmployerId, held);
            await PublishAsync(held);
            return Granted(finished);
        }

        var events = await SettleAsync(now);
        events.AddRange(DropLapsedHolds(now));
        RequireOpen();
        if (state.State.Holds.Any(h => h.WorkerId == workerId) || state.State.Hires.Any(h => h.WorkerId == workerId))
        {
            throw new ConflictException(ProblemCodes.WorkerAlreadyOnOrder, $"worker '{workerId}' is already held or hired on job order '{Id}'.");
        }

        if (state.State.OpenSlots(now) == 0)
        {
            throw new ConflictException(ProblemCodes.NoFreeSlot, $"job order '{Id}' has no free slot: {profile.Headcount} held or hired.");
        }

        // Stored first: the slot counts as taken before any worker is bound, and survives a crash as a step to undo.
        var hold = new SlotHold(HoldKey.New(Id), workerId, now, now + ttl, HoldPhase.Binding, MadeBy: RequestKey.Current);
        state.State.Holds.Add(hold);
        await SaveAsync();
        var bound = await BindAsync(hold, profile.EmployerId, events);
        await PublishAsync(events);
        return Granted(bound);
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
        var events = new List<FeedEvent>();
        if (hold.Phase == HoldPhase.Binding)
        {
            hold = await BindAsync(hold, state.State.Profile!.EmployerId, events);
        }

        // A confirmation already begun keeps its time: the worker is hired as of the first attempt.
        var hiredAt = hold.ConfirmedAt ?? now;
        if (hold.Phase != HoldPhase.Confirming)
        {
            var confirming = hold with { Phase = HoldPhase.Confirming, ConfirmedAt = hiredAt };
            state.State.Replace(hold, confirming);
            hold = confirming;
            await SaveAsync();
        }

        WorkerHire hire;
        try
        {
            hire = await Worker(hold.WorkerId).ConfirmHireAsync(holdId, hiredAt, kind, state.State.Profile!.AcceptsInterns);
        }
        catch (DomainException)
        {
            // The worker is no longer bound by this hold (it lapsed there): nothing was hired, the hold stays as it was.
            state.State.Replace(hold, hold with { Phase = HoldPhase.Bound, ConfirmedAt = null });
            await SaveAsync();
            throw;
        }
        catch
        {
            ScheduleExpiry();
            throw;
        }

        events.AddRange(DropLapsedHolds(now));
        events.Add(await RecordHireAsync(hold, hire, now));
        await PublishAsync(events);
        ScheduleExpiry();
        return new SlotHireConfirmed(holdId, Id, hold.WorkerId, hiredAt, state.State.Status, hire.Kind);
    }

    public async Task<EngagementView> ConvertAsync(string holdId)
    {
        var (position, hire) = FindHire(holdId);
        if (hire.ConvertedAt is not null)
        {
            throw new ConflictException(ProblemCodes.AlreadyConverted, $"the internship of hold '{holdId}' became employment at {hire.ConvertedAt:O}.");
        }

        if (hire.Kind != EngagementKind.Internship)
        {
            throw new ConflictException(ProblemCodes.NotInternship, $"hold '{holdId}' hired worker '{hire.WorkerId}' as an employee, not an intern.");
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
            throw new ConflictException(ProblemCodes.EngagementEnded, $"worker '{hire.WorkerId}' left at {left:O}.");
        }

        return (position, hire);
    }

    private async Task<EngagementView> ChangeHireAsync(int position, SlotHire changed)
    {
        state.State.Hires[position] = changed;
        await SaveAsync(Feed([new EngagementChanged { JobOrderId = Id, HoldId = changed.HoldId, WorkerId = changed.WorkerId, Kind = changed.Kind, State = changed.State }]));
        return new EngagementView(changed.HoldId, Id, state.State.Profile!.EmployerId, changed);
    }

    public async Task ReleaseAsync(string holdId)
    {
        state.State.Require(Kind, Id);
        var now = time.GetUtcNow();
        if (RequestKey.IsCurrent(state.State.ReleasedBy.GetValueOrDefault(holdId)))
        {
            return;
        }

        var events = await SettleAsync(now);
        if (state.State.Hires.Any(h => h.HoldId == holdId))
        {
            throw new ConflictException(ProblemCodes.HoldConfirmed, $"hold '{holdId}' was confirmed: the worker is hired.");
        }

        var hold = FindHold(holdId, now);
        if (hold.Phase == HoldPhase.Confirming)
        {
            throw new ConflictException(ProblemCodes.HoldConfirming, $"hold '{holdId}' was confirmed and its worker has not answered yet: try again shortly.");
        }

        events.AddRange(DropLapsedHolds(now));
        var release = state.State.ReleaseHold(hold, HoldStates.Released);
        await SaveAsync();
        await TellReleasesAsync([release]);
        events.Add(HoldEvent(hold, HoldStates.Released, now));
        await PublishAsync(events);
        ScheduleExpiry();
    }

    public Task<JobOrderSlots> GetSlotsAsync()
    {
        var profile = state.State.Require(Kind, Id);
        var now = time.GetUtcNow();
        return Task.FromResult(new JobOrderSlots(
            Id, profile.Headcount, [.. state.State.Holds.Where(h => h.IsLive(now)).Select(h => h with { MadeBy = null })], [.. state.State.Hires]));
    }

    /// <summary>
    /// Asks the worker to take a hold stored as <see cref="HoldPhase.Binding"/>, then marks it bound (its event
    /// added to <paramref name="events"/> for the caller to publish). A refusal
    /// undoes the stored step; any other failure may have bound the worker before its answer was lost, so the
    /// worker is let go by hold id (a no-op where it never arrived) or, when that fails too, later by SettleAsync.
    /// </summary>
    private async Task<SlotHold> BindAsync(SlotHold hold, string employerId, List<FeedEvent> events)
    {
        var worker = Worker(hold.WorkerId);
        try
        {
            await worker.AcquireHoldAsync(new WorkerHold(hold.HoldId, Id, employerId, hold.ExpiresAt));
        }
        catch (Exception failure)
        {
            if (failure is DomainException || await TryAsync(() => worker.ReleaseHoldAsync(hold.HoldId), hold.WorkerId))
            {
                state.State.Holds.Remove(hold);
                await SaveAsync();
            }

            ScheduleExpiry();
            throw;
        }

        // Should this write fail, the stored step is still Binding and a retry or SettleAsync ends it.
        var bound = hold with { Phase = HoldPhase.Bound };
        state.State.Replace(hold, bound);
        await SaveAsync();
        Telemetry.MatchingMetrics.HoldGranted();
        events.Add(HoldEvent(bound, HoldStates.Held, time.GetUtcNow()));
        ScheduleExpiry();
        return bound;
    }

    private async Task<Hired> RecordHireAsync(SlotHold hold, WorkerHire hire, DateTimeOffset now)
    {
        state.State.Holds.Remove(hold);
        state.State.Hires.Add(new SlotHire(hold.HoldId, hold.WorkerId, hire.HiredAt, hire.Kind));
        var filled = state.State.Hires.Count >= state.State.Profile!.Headcount && state.State.Status == JobOrderStatus.Open;
        if (filled)
        {
            state.State.Status = JobOrderStatus.Filled;
        }

        await SaveAsync(filled ? [Index(state.State.Profile)] : []);
        Telemetry.MatchingMetrics.Hired();

        return new Hired
        {
            JobOrderId = Id,
            HoldId = hold.HoldId,
            WorkerId = hold.WorkerId,
            Hires = state.State.Hires.Count,
            OpenSlots = state.State.OpenSlots(now),
            Filled = filled,
        };
    }

    /// <summary>
    /// Finishes or undoes what earlier calls began and could not end: tells workers of holds ended here,
    /// undoes bindings nobody waits for any more, and asks workers about confirmations they never answered.
    /// A worker that still does not answer is asked again at the next call or by the timer.
    /// </summary>
    private async Task<List<FeedEvent>> SettleAsync(DateTimeOffset now)
    {
        var events = new List<FeedEvent>();
        if (!state.State.HasOpenSteps)
        {
            return events;
        }

        var changed = await TellReleasesAsync([.. state.State.PendingReleases]);
        foreach (var hold in state.State.Holds.Where(h => h.Phase == HoldPhase.Binding).ToList())
        {
            if (await TryAsync(() => Worker(hold.WorkerId).ReleaseHoldAsync(hold.HoldId), hold.WorkerId))
            {
                state.State.EndHold(hold, HoldStates.Released);
                events.Add(HoldEvent(hold, HoldStates.Released, now));
                changed = true;
            }
        }

        foreach (var hold in state.State.Holds.Where(h => h.Phase == HoldPhase.Confirming).ToList())
        {
            try
            {
                // Unanswered, the worker may have hired already (it answers that hire again) or never heard (then
                // the kind is the default rule's: the one asked for at the first attempt was not kept).
                var hire = await Worker(hold.WorkerId).ConfirmHireAsync(hold.HoldId, hold.ConfirmedAt!.Value, null, state.State.Profile!.AcceptsInterns);
                events.Add(await RecordHireAsync(hold, hire, now));
            }
            catch (DomainException)
            {
                state.State.EndHold(hold, HoldStates.Expired);
                events.Add(HoldEvent(hold, HoldStates.Expired, now));
                changed = true;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Worker {WorkerId} did not answer the confirmation of hold {HoldId}", hold.WorkerId, hold.HoldId);
            }
        }

        if (changed)
        {
            await SaveAsync();
        }

        return events;
    }

    /// <summary>Tells workers their holds ended; whom it reached is crossed off (stored with the next write).</summary>
    private async Task<bool> TellReleasesAsync(List<WorkerRelease> releases)
    {
        var told = await Task.WhenAll(releases.Select(async r =>
            (Release: r, Done: await TryAsync(() => Worker(r.WorkerId).ReleaseHoldAsync(r.HoldId), r.WorkerId))));
        var any = false;
        foreach (var (release, done) in told)
        {
            any |= done && state.State.PendingReleases.Remove(release);
        }

        return any;
    }

    private async Task<bool> TryAsync(Func<Task> call, string workerId)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Worker {WorkerId} did not answer job order {JobOrderId}; it is asked again later", workerId, Id);
            return false;
        }
    }

    private IWorkerGrain Worker(string workerId) => GrainFactory.GetGrain<IWorkerGrain>(workerId);

    private SlotHoldGranted Granted(SlotHold hold) => new(hold.HoldId, Id, hold.WorkerId, hold.ExpiresAt);

    /// <summary>The live hold with this id: 404 when it never existed here, 409 when it lapsed.</summary>
    private SlotHold FindHold(string holdId, DateTimeOffset now)
    {
        if (state.State.EndedHolds.TryGetValue(holdId, out var ended))
        {
            throw new ConflictException(ProblemCodes.HoldEnded(ended), $"hold '{holdId}' was {ended}.");
        }

        var hold = state.State.Holds.FirstOrDefault(h => h.HoldId == holdId)
            ?? throw new NotFoundException("Hold", holdId);
        if (!hold.IsLive(now))
        {
            throw new ConflictException(ProblemCodes.HoldExpired, $"hold '{holdId}' expired at {hold.ExpiresAt:O}.");
        }

        return hold;
    }

    /// <summary>
    /// Forgets holds past their deadline (they already count as free) and says so on the feed. The workers'
    /// records lapse by the same deadline, so they need no call.
    /// </summary>
    private List<FeedEvent> DropLapsedHolds(DateTimeOffset now)
    {
        var lapsed = Deadlines.Lapsed(state.State.Holds, now);
        foreach (var hold in lapsed)
        {
            state.State.EndHold(hold, HoldStates.Expired);
        }

        Telemetry.MatchingMetrics.HoldsExpired(lapsed.Count);

        return [.. lapsed.Select(h => HoldEvent(h, HoldStates.Expired, now))];
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

    /// <summary>
    /// Tells the employer's recruiters what a flow changed, once its last step is stored and the worker answered:
    /// the events gather over the flow's writes, so they are published after it rather than with one write.
    /// </summary>
    private Task PublishAsync(List<FeedEvent> events) => events.Count == 0 ? Task.CompletedTask : this.DeriveAsync(Feed(events));

    private DerivedUpdate Feed(List<FeedEvent> events) =>
        DerivedUpdate.Feed(GrainFactory, FeedChannel.Employer(state.State.Profile!.EmployerId), [.. events]);

    /// <summary>
    /// Deadlines alone decide whether a hold counts; this timer only makes a lapse visible (events, purged
    /// state) while the order is active, instead of at its next request — and, while a step with a worker is
    /// open (after a crash or a lost answer), retries it soon even if no call comes.
    /// </summary>
    private void ScheduleExpiry()
    {
        var now = time.GetUtcNow();
        var at = Deadlines.Next(state.State.Holds);
        if (state.State.HasOpenSteps && (at is null || at > now + SettleRetry))
        {
            at = now + SettleRetry;
        }

        (_expiryTimer ??= new DeadlineTimer(this, ExpireAsync, time)).Arm(at);
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var events = await SettleAsync(now);
        var lapsed = DropLapsedHolds(now);
        if (lapsed.Count > 0)
        {
            await SaveAsync();
        }

        events.AddRange(lapsed);
        await PublishAsync(events);
        ScheduleExpiry();
    }

    private void RequireOpen()
    {
        if (state.State.Status != JobOrderStatus.Open)
        {
            throw new ConflictException(ProblemCodes.NotOpen, $"job order '{Id}' is {Statuses.JobOrder.Code(state.State.Status)}.");
        }
    }

    /// <summary>The index shard of the order's trade, told of the order as it is now.</summary>
    private DerivedUpdate Index(JobOrderProfile? before)
    {
        var (after, status) = (state.State.Profile!, state.State.Status);
        return DerivedUpdate.Index(() => shards.JobChangedAsync(before, after, status));
    }

    private Task SaveAsync(params DerivedUpdate[] derived) =>
        this.SaveAsync<JobOrderState, JobOrderProfile>(GrainFactory, state, StorageNames.JobOrder, time.GetUtcNow(), derived);

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
