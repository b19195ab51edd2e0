using Matching.Employers;
using Matching.Fairs;
using Matching.Feeds;
using Matching.Lodging;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Hubs;

/// <summary><c>/hubs/recruiter</c>: an employer's recruiters receive candidates, holds and hires of its own orders.</summary>
public sealed class RecruiterHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : Hub<IRecruiterClient>
{
    public async Task<JoinAnswer> JoinEmployer(string employerId, long? lastSeq = null, string? epoch = null)
    {
        await grains.GetGrain<IEmployerGrain>(HubIds.Require(employerId, nameof(employerId))).GetAsync();
        return await relay.JoinAsync(FeedChannels.Employer(employerId), Context.ConnectionId, lastSeq, epoch, () => snapshots.RecruiterAsync(employerId));
    }

    public Task LeaveEmployer(string employerId) => relay.LeaveAsync(FeedChannels.Employer(employerId), Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectedAsync(Context.ConnectionId);
}

/// <summary><c>/hubs/fair</c>: a fair's big screen.</summary>
public sealed class FairHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : Hub<IFairClient>
{
    public async Task<JoinAnswer> JoinFair(string fairId, long? lastSeq = null, string? epoch = null)
    {
        await grains.GetGrain<IFairGrain>(HubIds.Require(fairId, nameof(fairId))).GetAsync();
        return await relay.JoinAsync(FeedChannels.Fair(fairId), Context.ConnectionId, lastSeq, epoch, () => snapshots.FairAsync(fairId));
    }

    public Task LeaveFair(string fairId) => relay.LeaveAsync(FeedChannels.Fair(fairId), Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectedAsync(Context.ConnectionId);
}

/// <summary><c>/hubs/lodging</c>: a lodging operator's bed counts.</summary>
public sealed class LodgingHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : Hub<ILodgingClient>
{
    public async Task<JoinAnswer> JoinSite(string siteId, long? lastSeq = null, string? epoch = null)
    {
        await grains.GetGrain<ILodgingSiteGrain>(HubIds.Require(siteId, nameof(siteId))).GetAsync();
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
