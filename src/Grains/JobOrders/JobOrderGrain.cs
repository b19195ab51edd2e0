using Matching.Employers;
using Matching.Errors;
using Matching.Reference;

namespace Matching.JobOrders;

public sealed class JobOrderGrain(
    [PersistentState(StorageNames.JobOrder, StorageNames.Main)] IPersistentState<JobOrderState> state,
    ReferenceData refs,
    TimeProvider time) : Grain, IJobOrderGrain
{
    private const string Kind = "Job order";

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
        return View();
    }

    public async Task<JobOrderView> CloseAsync()
    {
        state.State.Require(Kind, Id);
        if (state.State.Status == JobOrderStatus.Closed)
        {
            throw new ConflictException("already-closed", $"job order '{Id}' is already closed.");
        }

        state.State.Status = JobOrderStatus.Closed;
        await SaveAsync();
        return View();
    }

    public Task<JobOrderView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    private void RequireOpen()
    {
        if (state.State.Status != JobOrderStatus.Open)
        {
            throw new ConflictException("not-open", $"job order '{Id}' is {JobOrderState.StatusCode(state.State.Status)}.");
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
