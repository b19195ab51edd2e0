using Microsoft.Extensions.DependencyInjection;
namespace Matching.Employers;

public sealed class EmployerGrain(
    [PersistentState(StorageNames.Employer, StorageNames.Main)] IPersistentState<EmployerState> state,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IEmployerGrain
{
    private const string Kind = "Employer";

    private string Id => this.GetPrimaryKeyString();

    public async Task<EmployerView> CreateAsync(EmployerProfile profile)
    {
        if (state.State.WasCreatedByThisRequest(Kind, Id))
        {
            return View();
        }

        state.State.Profile = EmployerRules.Normalize(profile, Id);
        await SaveAsync();
        return View();
    }

    public async Task<EmployerView> UpdateAsync(EmployerProfile profile)
    {
        state.State.Require(Kind, Id);
        state.State.Profile = EmployerRules.Normalize(profile, Id);
        await SaveAsync();
        return View();
    }

    public Task<EmployerView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    public Task<EmployerView?> FindAsync() => Task.FromResult(state.State.Exists ? View() : null);

    private Task SaveAsync() =>
        this.SaveAsync<EmployerState, EmployerProfile>(GrainFactory, state, StorageNames.Employer, time.GetUtcNow());

    private EmployerView View() => new(state.State.Profile!)
    {
        CreatedAt = state.State.CreatedAt,
        UpdatedAt = state.State.UpdatedAt,
    };
}
