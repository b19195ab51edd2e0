using Microsoft.Extensions.DependencyInjection;
using Matching.Errors;
using Matching.Feeds;
using Matching.Index;
using Matching.Reference;

namespace Matching.Workers;

public sealed class WorkerGrain(
    [PersistentState(StorageNames.Worker, StorageNames.Main)] IPersistentState<WorkerState> state,
    ReferenceData refs,
    ShardRouter shards,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IWorkerGrain
{
    private const string Kind = "Worker";

    private string Id => this.GetPrimaryKeyString();

    public async Task<WorkerView> CreateAsync(WorkerProfile profile)
    {
        if (state.State.WasCreatedByThisRequest(Kind, Id))
        {
            return View();
        }

        state.State.Profile = WorkerRules.Normalize(profile, Id, refs, time.Today());
        state.State.Status = WorkerStatus.Seeking;
        await SaveAsync(Index(null, ""));
        Telemetry.MatchingMetrics.WorkerRegistered();

        // The index holds what matching needs, so a newly registered worker need not stay in memory until it
        // is next called; 100,000 idle activations would cost far more than the index itself.
        DeactivateOnIdle();
        return View();
    }

    public async Task<WorkerView> UpdateAsync(WorkerProfile profile)
    {
        state.State.Require(Kind, Id);
        RequireInSearch();
        var before = state.State.Profile;
        state.State.Profile = WorkerRules.Normalize(profile, Id, refs, time.Today());
        await SaveAsync(Index(before, ""));
        return View();
    }

    public async Task<WorkerView> WithdrawAsync()
    {
        state.State.Require(Kind, Id);
        RequireInSearch();
        if (state.State.StatusAt(time.GetUtcNow()) == WorkerStatus.Held)
        {
            throw new ConflictException(ProblemCodes.WorkerHeld, $"worker '{Id}' is held for a job order; release the hold first.");
        }

        state.State.Hold = null;
        state.State.Status = WorkerStatus.Withdrawn;
        await SaveAsync(Index(state.State.Profile, WithdrawalReasons.Withdrawn));
        return View();
    }

    public Task<WorkerView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    public async Task AcquireHoldAsync(WorkerHold hold)
    {
        state.State.Require(Kind, Id);
        if (state.State.Hold?.HoldId == hold.HoldId && state.State.Status == WorkerStatus.Held)
        {
            return;
        }

        var status = state.State.StatusAt(time.GetUtcNow());
        if (status != WorkerStatus.Seeking)
        {
            throw StatusConflict(status);
        }

        state.State.Hold = hold;
        state.State.Status = WorkerStatus.Held;
        await SaveAsync();
    }

    public async Task<WorkerHire> ConfirmHireAsync(string holdId, DateTimeOffset hiredAt, EngagementKind? kind, bool orderAcceptsInterns)
    {
        var profile = state.State.Require(Kind, Id);
        if (state.State.Hire is { } done && done.HoldId == holdId)
        {
            return done;
        }

        if (state.State.Hold is not { } hold || hold.HoldId != holdId || state.State.StatusAt(hiredAt) != WorkerStatus.Held)
        {
            throw new ConflictException(ProblemCodes.HoldNotLive, $"hold '{holdId}' no longer binds worker '{Id}'.");
        }

        var resolved = Engagements.Resolve(kind, profile.Categories.Contains("studentIntern"), orderAcceptsInterns);
        state.State.Hire = new WorkerHire(holdId, hold.JobOrderId, hold.EmployerId, hiredAt, resolved);
        state.State.Hold = null;
        state.State.Status = WorkerStatus.Hired;

        // The hire stands once stored: the index learns of it without the confirmation waiting on its lists.
        await SaveAsync(Index(state.State.Profile, WithdrawalReasons.Hired).InBackground());
        return state.State.Hire;
    }

    public async Task<WorkerHire> ConvertHireAsync(string holdId, DateTimeOffset convertedAt)
    {
        state.State.Require(Kind, Id);
        if (state.State.Hire is not { } hire || hire.HoldId != holdId)
        {
            throw new ConflictException(ProblemCodes.EngagementEnded, $"worker '{Id}' is no longer engaged under hold '{holdId}'.");
        }

        if (hire.ConvertedAt is not null)
        {
            return hire;
        }

        if (hire.Kind != EngagementKind.Internship)
        {
            throw new ConflictException(ProblemCodes.NotInternship, $"worker '{Id}' is employed under hold '{holdId}', not an intern.");
        }

        state.State.Hire = hire with { Kind = EngagementKind.Employment, ConvertedAt = convertedAt };
        await SaveAsync();
        return state.State.Hire;
    }

    public async Task EndHireAsync(string holdId)
    {
        if (state.State.Hire?.HoldId != holdId)
        {
            return;
        }

        state.State.Hire = null;
        state.State.Status = WorkerStatus.Seeking;
        await SaveAsync(Index(state.State.Profile, ""));
    }

    public async Task ReleaseHoldAsync(string holdId)
    {
        if (state.State.Hold?.HoldId != holdId)
        {
            return;
        }

        state.State.Hold = null;
        if (state.State.Status == WorkerStatus.Held)
        {
            state.State.Status = WorkerStatus.Seeking;
        }

        await SaveAsync();
    }

    /// <summary>Profile changes and withdrawal are for workers still in the search (a held worker may still change).</summary>
    private void RequireInSearch()
    {
        var status = state.State.StatusAt(time.GetUtcNow());
        if (status is WorkerStatus.Withdrawn or WorkerStatus.Hired)
        {
            throw StatusConflict(status);
        }
    }

    private ConflictException StatusConflict(WorkerStatus status) =>
        new(ProblemCodes.Worker(status), $"worker '{Id}' is {Statuses.Worker.Code(status)}.");

    /// <summary>
    /// The index shards of the worker's trades, told of the state as it is now (taken before the write, so an
    /// update left running in the background tells what was stored even if a later call changes the state).
    /// </summary>
    private DerivedUpdate Index(WorkerProfile? before, string reasonIfGone)
    {
        var (after, status) = (state.State.Profile!, state.State.Status);
        return DerivedUpdate.Index(() => shards.WorkerChangedAsync(before, after, status, reasonIfGone));
    }

    private Task SaveAsync(params DerivedUpdate[] derived) =>
        this.SaveAsync<WorkerState, WorkerProfile>(GrainFactory, state, StorageNames.Worker, time.GetUtcNow(), derived);

    private WorkerView View()
    {
        var now = time.GetUtcNow();
        var status = state.State.StatusAt(now);
        return new WorkerView(state.State.Profile!)
        {
            Status = status,
            Hold = status == WorkerStatus.Held ? state.State.Hold : null,
            Hire = state.State.Hire,
            CreatedAt = state.State.CreatedAt,
            UpdatedAt = state.State.UpdatedAt,
        };
    }
}
