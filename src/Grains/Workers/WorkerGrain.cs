using Matching.Errors;
using Matching.Reference;

namespace Matching.Workers;

public sealed class WorkerGrain(
    [PersistentState(StorageNames.Worker, StorageNames.Main)] IPersistentState<WorkerState> state,
    ReferenceData refs,
    TimeProvider time) : Grain, IWorkerGrain
{
    private const string Kind = "Worker";

    private string Id => this.GetPrimaryKeyString();

    public async Task<WorkerView> CreateAsync(WorkerProfile profile)
    {
        state.State.RequireNew(Kind, Id);
        state.State.Profile = WorkerRules.Normalize(profile, Id, refs, time.Today());
        state.State.Status = WorkerStatus.Seeking;
        await SaveAsync();
        return View();
    }

    public async Task<WorkerView> UpdateAsync(WorkerProfile profile)
    {
        state.State.Require(Kind, Id);
        RequireInSearch();
        state.State.Profile = WorkerRules.Normalize(profile, Id, refs, time.Today());
        await SaveAsync();
        return View();
    }

    public async Task<WorkerView> WithdrawAsync()
    {
        state.State.Require(Kind, Id);
        RequireInSearch();
        state.State.Status = WorkerStatus.Withdrawn;
        await SaveAsync();
        return View();
    }

    public Task<WorkerView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    private void RequireInSearch()
    {
        if (state.State.Status is WorkerStatus.Withdrawn or WorkerStatus.Hired)
        {
            throw new ConflictException($"worker-{WorkerState.StatusCode(state.State.Status)}", $"worker '{Id}' is {WorkerState.StatusCode(state.State.Status)}.");
        }
    }

    private Task SaveAsync() =>
        this.SaveAsync<WorkerState, WorkerProfile>(GrainFactory, state, StorageNames.Worker, time.GetUtcNow());

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
