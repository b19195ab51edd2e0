using Matching.Api.Endpoints;
using Matching.Catalog;
using Matching.Fairs;
using Matching.Index;
using Matching.JobOrders;
using Matching.Lodging;

namespace Matching.Api.Hubs;

/// <summary>The whole state of a channel, for a client that joins without a position or lost too much.</summary>
public sealed class HubSnapshots(IGrainFactory grains, MatchIndex index)
{
    /// <summary>Every open order of the employer, its ranked candidates (masked), live holds and hires.</summary>
    public async Task<object> RecruiterAsync(string employerId)
    {
        var page = await grains.GetGrain<ICatalogGrain>(StorageNames.JobOrder)
            .QueryAsync(new CatalogQuery("open", [$"employer:{employerId}"], 0, Listing.MaxTake));
        var orders = await Task.WhenAll(page.Ids.Select(async id =>
        {
            var order = await grains.GetGrain<IJobOrderGrain>(id).GetAsync();
            var candidates = await index.CandidatesAsync(order);
            var slots = await grains.GetGrain<IJobOrderGrain>(id).GetSlotsAsync();
            return new RecruiterOrder(order, [.. candidates.Select((c, i) => MatchesApi.CandidateItem.From(c, i + 1))], slots.Holds, slots.Hires);
        }));
        return new RecruiterSnapshot(orders);
    }

    public async Task<object> FairAsync(string fairId) => await grains.GetGrain<IFairGrain>(fairId).GetBoardAsync();

    public async Task<object> SiteAsync(string siteId) => await grains.GetGrain<ILodgingSiteGrain>(siteId).GetAvailabilityAsync(null, null);

    public sealed record RecruiterSnapshot(RecruiterOrder[] JobOrders);

    public sealed record RecruiterOrder(JobOrderView JobOrder, MatchesApi.CandidateItem[] Candidates, SlotHold[] Holds, SlotHire[] Hires);
}
