using Matching.Api.Security;
using Matching.Employers;
using Matching.Fairs;
using Matching.Feeds;
using Matching.Lodging;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Hubs;

/// <summary>
/// <c>/hubs/recruiter</c>: an employer's recruiters receive candidates, holds and hires of its own orders.
/// A recruiter joins its own employer only; staff may watch any.
/// </summary>
public sealed class RecruiterHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : Hub<IRecruiterClient>
{
    public async Task<JoinAnswer> JoinEmployer(string employerId, long? lastSeq = null, string? epoch = null)
    {
        Context.User!.EnsureEmployer(HubIds.Require(employerId, nameof(employerId)));
        await grains.GetGrain<IEmployerGrain>(employerId).GetAsync();
        return await relay.JoinAsync(FeedChannels.Employer(employerId), Context.ConnectionId, lastSeq, epoch, () => snapshots.RecruiterAsync(employerId));
    }

    public Task LeaveEmployer(string employerId) => relay.LeaveAsync(FeedChannels.Employer(employerId), Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectedAsync(Context.ConnectionId);
}

/// <summary><c>/hubs/fair</c>: a fair's big screen; a board viewer joins its own fair only.</summary>
public sealed class FairHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : Hub<IFairClient>
{
    public async Task<JoinAnswer> JoinFair(string fairId, long? lastSeq = null, string? epoch = null)
    {
        Context.User!.EnsureFair(HubIds.Require(fairId, nameof(fairId)));
        await grains.GetGrain<IFairGrain>(fairId).GetAsync();
        return await relay.JoinAsync(FeedChannels.Fair(fairId), Context.ConnectionId, lastSeq, epoch, () => snapshots.FairAsync(fairId));
    }

    public Task LeaveFair(string fairId) => relay.LeaveAsync(FeedChannels.Fair(fairId), Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectedAsync(Context.ConnectionId);
}

/// <summary><c>/hubs/lodging</c>: a lodging operator's bed counts; an operator joins its own sites only.</summary>
public sealed class LodgingHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : Hub<ILodgingClient>
{
    public async Task<JoinAnswer> JoinSite(string siteId, long? lastSeq = null, string? epoch = null)
    {
        Context.User!.EnsureSite(HubIds.Require(siteId, nameof(siteId)));
        await grains.GetGrain<ILodgingSiteGrain>(siteId).GetAsync();
        return await relay.JoinAsync(FeedChannels.Site(siteId), Context.ConnectionId, lastSeq, epoch, () => snapshots.SiteAsync(siteId));
    }

    public Task LeaveSite(string siteId) => relay.LeaveAsync(FeedChannels.Site(siteId), Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectedAsync(Context.ConnectionId);
}

internal static class HubIds
{
    public static string Require(string? id, string name) =>
        Validation.FieldErrors.IsValidId(id) ? id! : throw new HubException($"{name} is not a valid id.");
}
