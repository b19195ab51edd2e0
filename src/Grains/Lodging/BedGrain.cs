using Matching.Errors;

namespace Matching.Lodging;

[GenerateSerializer, Alias("BedState")]
public sealed class BedState
{
    [Id(0)] public string SiteId { get; set; } = "";
    [Id(1)] public string Label { get; set; } = "";
    [Id(2)] public bool InService { get; set; } = true;
}

public sealed class BedGrain(
    [PersistentState(StorageNames.Bed, StorageNames.Main)] IPersistentState<BedState> state) : Grain, IBedGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<BedView> RegisterAsync(string siteId, string label)
    {
        if (state.RecordExists && state.State.SiteId != siteId)
        {
            throw new ConflictException(ProblemCodes.BedOfOtherSite, $"bed '{Id}' belongs to site '{state.State.SiteId}'.");
        }

        state.State.SiteId = siteId;
        state.State.Label = label;
        await this.WriteAndDeriveAsync(state);
        return View();
    }

    public async Task<BedView> SetInServiceAsync(bool inService)
    {
        RequireExists();
        state.State.InService = inService;
        await this.WriteAndDeriveAsync(state);
        return View();
    }

    public Task<BedView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    private void RequireExists()
    {
        if (!state.RecordExists)
        {
            throw new NotFoundException("Bed", Id);
        }
    }

    private BedView View() => new(Id, state.State.SiteId, state.State.Label, state.State.InService);
}
