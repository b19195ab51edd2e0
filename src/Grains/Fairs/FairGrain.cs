using Microsoft.Extensions.DependencyInjection;
using Matching.Employers;
using Matching.Errors;

namespace Matching.Fairs;

public sealed class FairGrain(
    [PersistentState(StorageNames.Fair, StorageNames.Main)] IPersistentState<FairState> state,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IFairGrain
{
    private const string Kind = "Fair";

    private string Id => this.GetPrimaryKeyString();

    public async Task<FairView> CreateAsync(FairProfile profile)
    {
        state.State.RequireNew(Kind, Id);
        state.State.Profile = await NormalizeAsync(profile);
        state.State.Status = FairStatus.Scheduled;
        await SaveAsync();
        return View();
    }

    public async Task<FairView> UpdateAsync(FairProfile profile)
    {
        state.State.Require(Kind, Id);
        RequireScheduled();
        state.State.Profile = await NormalizeAsync(profile);
        await SaveAsync();
        return View();
    }

    public async Task<FairView> CloseAsync()
    {
        state.State.Require(Kind, Id);
        RequireScheduled();
        state.State.Status = FairStatus.Closed;
        await SaveAsync();
        return View();
    }

    public Task<FairView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    private async Task<FairProfile> NormalizeAsync(FairProfile profile)
    {
        var normalized = FairRules.Normalize(profile, Id, time.Today());
        var found = await Task.WhenAll(normalized.EmployerIds.Select(id => GrainFactory.GetGrain<IEmployerGrain>(id).FindAsync()));
        var missing = normalized.EmployerIds.Where((_, i) => found[i] is null).ToArray();
        if (missing.Length > 0)
        {
            throw ValidationFailedException.For("employerIds", $"unknown employers: {string.Join(", ", missing.Take(10))}.");
        }

        return normalized;
    }

    private void RequireScheduled()
    {
        if (state.State.Status == FairStatus.Closed)
        {
            throw new ConflictException("fair-closed", $"fair '{Id}' is closed.");
        }
    }

    private Task SaveAsync() => this.SaveAsync<FairState, FairProfile>(GrainFactory, state, StorageNames.Fair, time.GetUtcNow());

    private FairView View() => new(state.State.Profile!)
    {
        Status = state.State.Status,
        CheckIns = state.State.CheckIns,
        CreatedAt = state.State.CreatedAt,
        UpdatedAt = state.State.UpdatedAt,
    };
}
