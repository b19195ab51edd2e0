using Matching.Catalog;
using Matching.Feeds;
using Matching.Fairs;
using Matching.Index;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Scoring;
using Microsoft.Extensions.Options;

namespace Matching.Api.Hubs;

/// <summary>The state of a channel, for a client that joins without a position or lost too much.</summary>
public sealed class HubSnapshots(IGrainFactory grains, ShardRouter shards, IOptions<HubPushOptions> options)
{
    /// <summary>
    /// What a recruiter's console first shows, not everything it could: the employer's first open orders (by id)
    /// with their figures, live holds and hires, and per order its first places with reason codes and points.
    /// The totals say what was left out; the console reads an order's whole labelled list through
    /// <c>GET /api/job-orders/{id}/candidates</c> when it opens it. So a join costs a bounded answer, however
    /// big the employer (43 orders of 50 candidates with every label were 1.3 MB a join).
    /// </summary>
    public async Task<object> RecruiterAsync(string employerId)
    {
        var bounds = options.Value;
        var page = await grains.GetGrain<ICatalogGrain>(StorageNames.JobOrder)
            .QueryAsync(new CatalogQuery(Statuses.JobOrder.Code(JobOrderStatus.Open), [$"employer:{employerId}"], 0, Math.Clamp(bounds.SnapshotJobOrders, 0, HubPushOptions.MaxSnapshotJobOrders)));
        var orders = await Task.WhenAll(page.Ids.Select(async id =>
        {
            var grain = grains.GetGrain<IJobOrderGrain>(id);
            var order = await grain.GetAsync();
            var candidates = await shards.CandidatesAsync(order);
            var slots = await grain.GetSlotsAsync();
            var first = candidates.Take(Math.Max(0, bounds.SnapshotCandidates)).Select((c, i) => RecruiterCandidate.From(c, i + 1));
            return new RecruiterOrder(order, [.. first], candidates.Length, slots.Holds, slots.Hires);
        }));
        return new RecruiterSnapshot(orders, page.Total);
    }

    public async Task<object> FairAsync(string fairId) => await grains.GetGrain<IFairGrain>(fairId).GetBoardAsync();

    public async Task<object> SiteAsync(string siteId) => await grains.GetGrain<ILodgingSiteGrain>(siteId).GetAvailabilityAsync(null, null);

    /// <summary>The first open orders; <paramref name="TotalJobOrders"/> counts them all.</summary>
    public sealed record RecruiterSnapshot(RecruiterOrder[] JobOrders, int TotalJobOrders);

    /// <summary>An order with its first places; <paramref name="TotalCandidates"/> counts its whole ranked list.</summary>
    public sealed record RecruiterOrder(JobOrderView JobOrder, RecruiterCandidate[] Candidates, int TotalCandidates, SlotHold[] Holds, SlotHire[] Hires);

    /// <summary>A place as a <see cref="CandidateFound"/> push carries it: reasons as codes and points, the masked card.</summary>
    public sealed record RecruiterCandidate(string WorkerId, int Rank, int Score, bool Partner, ReasonPoints[] Reasons, CandidateCard Worker)
    {
        public static RecruiterCandidate From(RankedCandidate c, int rank) =>
            new(c.WorkerId, rank, c.Score, c.Partner, [.. c.Reasons.Select(r => new ReasonPoints(r.Code, r.Points))], c.Worker);
    }
}
