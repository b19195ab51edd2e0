using Matching.Employers;
using Matching.Fairs;
using Matching.Feeds;
using Matching.Lodging;
using Matching.Api.Security;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Hubs;

/// <summary>
/// <c>/hubs/recruiter</c>: an employer's recruiters receive candidates, holds and hires of its own orders.
/// A recruiter joins its own employer only; staff may watch any.
/// </summary>
public sealed class RecruiterHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : ChannelHub(relay)
{
    /// <summary>Joins the employer's channel afresh: the answer carries its snapshot.</summary>
    public Task<JoinAnswer> JoinEmployer(string employerId) => JoinAsync(employerId, null);

    /// <summary>Joins again after a drop: replays what came after <paramref name="lastSeq"/> of <paramref name="epoch"/>, or a snapshot.</summary>
    public Task<JoinAnswer> RejoinEmployer(string employerId, string epoch, long lastSeq) =>
        JoinAsync(employerId, HubArguments.Position(epoch, lastSeq));

    public Task LeaveEmployer(string employerId) =>
        LeaveChannelAsync(FeedChannel.Employer(HubArguments.Id(employerId, nameof(employerId))));

    private Task<JoinAnswer> JoinAsync(string employerId, FeedPosition? from) => JoinChannelAsync(
        FeedChannel.Employer(HubArguments.Id(employerId, nameof(employerId))),
        from,
        async () =>
        {
            Context.User!.EnsureEmployer(employerId);
            await grains.GetGrain<IEmployerGrain>(employerId).GetAsync();
        },
        () => snapshots.RecruiterAsync(employerId));
}

/// <summary><c>/hubs/fair</c>: a fair's big screen; a board viewer joins its own fair only.</summary>
public sealed class FairHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : ChannelHub(relay)
{
    /// <summary>Joins the fair's channel afresh: the answer carries its board.</summary>
    public Task<JoinAnswer> JoinFair(string fairId) => JoinAsync(fairId, null);

    /// <summary>Joins again after a drop: replays what came after <paramref name="lastSeq"/> of <paramref name="epoch"/>, or a snapshot.</summary>
    public Task<JoinAnswer> RejoinFair(string fairId, string epoch, long lastSeq) => JoinAsync(fairId, HubArguments.Position(epoch, lastSeq));

    public Task LeaveFair(string fairId) => LeaveChannelAsync(FeedChannel.Fair(HubArguments.Id(fairId, nameof(fairId))));

    private Task<JoinAnswer> JoinAsync(string fairId, FeedPosition? from) => JoinChannelAsync(
        FeedChannel.Fair(HubArguments.Id(fairId, nameof(fairId))),
        from,
        async () =>
        {
            Context.User!.EnsureFair(fairId);
            await grains.GetGrain<IFairGrain>(fairId).GetAsync();
        },
        () => snapshots.FairAsync(fairId));
}

/// <summary><c>/hubs/lodging</c>: a lodging operator's bed counts; an operator joins its own sites only.</summary>
public sealed class LodgingHub(FeedRelay relay, HubSnapshots snapshots, IGrainFactory grains) : ChannelHub(relay)
{
    /// <summary>Joins the site's channel afresh: the answer carries its per-night counts.</summary>
    public Task<JoinAnswer> JoinSite(string siteId) => JoinAsync(siteId, null);

    /// <summary>Joins again after a drop: replays what came after <paramref name="lastSeq"/> of <paramref name="epoch"/>, or a snapshot.</summary>
    public Task<JoinAnswer> RejoinSite(string siteId, string epoch, long lastSeq) => JoinAsync(siteId, HubArguments.Position(epoch, lastSeq));

    public Task LeaveSite(string siteId) => LeaveChannelAsync(FeedChannel.Site(HubArguments.Id(siteId, nameof(siteId))));

    private Task<JoinAnswer> JoinAsync(string siteId, FeedPosition? from) => JoinChannelAsync(
        FeedChannel.Site(HubArguments.Id(siteId, nameof(siteId))),
        from,
        async () =>
        {
            Context.User!.EnsureSite(siteId);
            await grains.GetGrain<ILodgingSiteGrain>(siteId).GetAsync();
        },
        () => snapshots.SiteAsync(siteId));
}

/// <summary>
/// What the three hubs share: SignalR has no optional or overloaded hub arguments, so each hub has a join
/// (always a snapshot) and a rejoin with the position the client had (a replay when the feed still holds it).
/// </summary>
/// <remarks>
/// Untyped hubs: nothing is sent through the hub itself. <see cref="FeedRelay"/> pushes each event, serialised once
/// for all of a channel's connections, under its <see cref="FeedEvent.Type"/>; the events of each hub are listed
/// with their records in <c>src/Grains/Feeds</c> (RecruiterEvents, FairEvents, LodgingEvents).
/// </remarks>
public abstract class ChannelHub(FeedRelay relay) : Hub
{
    /// <summary>Checks the caller may watch the channel and that it exists, then subscribes the connection.</summary>
    protected async Task<JoinAnswer> JoinChannelAsync(FeedChannel channel, FeedPosition? from, Func<Task> ensureAllowed, Func<Task<object>> snapshot)
    {
        await ensureAllowed();
        return await relay.JoinAsync(channel, Context.ConnectionId, Context.Abort, from?.LastSeq, from?.Epoch, snapshot);
    }

    protected Task LeaveChannelAsync(FeedChannel channel) => relay.LeaveAsync(channel, Context.ConnectionId);

    public override Task OnConnectedAsync()
    {
        Telemetry.MatchingMetrics.ClientConnected(GetType().Name);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        Telemetry.MatchingMetrics.ClientDisconnected(GetType().Name);
        relay.Disconnected(Context.ConnectionId);
        return Task.CompletedTask;
    }
}

/// <summary>Where a client stood in a channel's feed: the epoch of the feed and the last seq it applied.</summary>
public sealed record FeedPosition(string Epoch, long LastSeq);

/// <summary>
/// Checks of hub arguments, with messages that say what was expected. Values are never echoed back: an
/// argument may be 100 KB of anything.
/// </summary>
internal static class HubArguments
{
    public const int MaxEpochLength = 64;

    public static string Id(string? id, string name) => Validation.FieldErrors.IsValidId(id)
        ? id!
        : throw new HubException(id is null
            ? $"{name} is required: an id of 1-64 letters, digits, '.', '_' or '-'."
            : $"{name} is not a valid id: expected 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");

    public static FeedPosition Position(string? epoch, long lastSeq)
    {
        if (string.IsNullOrWhiteSpace(epoch) || epoch.Length > MaxEpochLength)
        {
            throw new HubException($"epoch is required: the epoch of the last join answer or event (at most {MaxEpochLength} characters).");
        }

        return lastSeq < 0
            ? throw new HubException("lastSeq must be 0 or more: the seq of the last event applied (the join answer's latestSeq if none).")
            : new FeedPosition(epoch, lastSeq);
    }
}
