using Microsoft.Extensions.DependencyInjection;
namespace Matching.Lodging;

public sealed class LodgingSiteGrain(
    [PersistentState(StorageNames.LodgingSite, StorageNames.Main)] IPersistentState<LodgingSiteState> state,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, ILodgingSiteGrain
{
    private const string Kind = "Lodging site";

    private string Id => this.GetPrimaryKeyString();

    public async Task<LodgingSiteView> CreateAsync(LodgingSiteProfile profile)
    {
        state.State.RequireNew(Kind, Id);
        state.State.Profile = LodgingRules.Normalize(profile, Id);
        await SaveAsync();
        return View();
    }

    public async Task<LodgingSiteView> UpdateAsync(LodgingSiteProfile profile)
    {
        state.State.Require(Kind, Id);
        state.State.Profile = LodgingRules.Normalize(profile, Id);
        await SaveAsync();
        return View();
    }

    public async Task<LodgingSiteView> AddBedsAsync(AddBedsRequest request)
    {
        state.State.Require(Kind, Id);
        var labels = LodgingRules.BedLabels(request, state.State.Beds.Count);
        var first = state.State.Beds.Count + 1;
        var beds = labels.Select((label, i) => new BedInfo(BedKey.Of(Id, first + i), label)).ToList();

        // The beds are registered before the site lists them: a bed the site names always exists,
        // and a bed registered by a failed request is simply registered again by the retry.
        await Task.WhenAll(beds.Select(b => GrainFactory.GetGrain<IBedGrain>(b.Id).RegisterAsync(Id, b.Label)));
        state.State.Beds.AddRange(beds);
        await SaveAsync();
        return View();
    }

    public Task<LodgingSiteView> GetAsync()
    {
        state.State.Require(Kind, Id);
        return Task.FromResult(View());
    }

    private Task SaveAsync() =>
        this.SaveAsync<LodgingSiteState, LodgingSiteProfile>(GrainFactory, state, StorageNames.LodgingSite, time.GetUtcNow());

    private LodgingSiteView View() => new(state.State.Profile!)
    {
        Beds = [.. state.State.Beds],
        BedCount = state.State.Beds.Count,
        CreatedAt = state.State.CreatedAt,
        UpdatedAt = state.State.UpdatedAt,
    };
}
