using System.Collections.Concurrent;
using Matching.Feeds;
using Matching.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Matching.Api.Hubs;

/// <summary>
/// The one push path from grains to browsers on this API node: it subscribes (as a grain observer) to the
/// feed of every channel a connection joined, and forwards each event to exactly the connections of that
/// channel. The same code runs whether the silo is in this process or elsewhere.
/// </summary>
/// <remarks>
/// <para>No gaps, no duplicates: each connection has a position (epoch, seq) per channel. A join reads what
/// the feed buffered after the client's position (or takes a snapshot) under the channel's lock, and the
/// forwarding sends only events after the connection's position, under the same lock.</para>
/// <para>Batching: events are queued as they arrive and sent every <see cref="FlushInterval"/> per channel, in
/// order; each event is serialised once for all the connections behind it, and no connection's send waits
/// on another's.</para>
/// <para>Subscriptions are renewed on a timer; a feed that was reactivated (a silo restart) is subscribed
/// again at the next renewal, and its new epoch tells clients to take a snapshot.</para>
/// </remarks>
public sealed class FeedRelay(
    IGrainFactory grains,
    IHubContext<RecruiterHub> recruiters,
    IHubContext<FairHub> fairs,
    IHubContext<LodgingHub> lodging,
    IOptions<MatchingOptions> options,
    ILogger<FeedRelay> logger) : BackgroundService, IFeedObserver
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(15);

    private readonly ConcurrentDictionary<string, Channel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _joined = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private IFeedObserver? _reference;

    /// <summary>Subscribes the connection to the channel and brings it up to date (replay or snapshot).</summary>
    public async Task<JoinAnswer> JoinAsync(string channelName, string connectionId, long? lastSeq, string? epoch, Func<Task<object>> snapshot)
    {
        var channel = _channels.GetOrAdd(channelName, n => new Channel(n));
        await channel.Gate.WaitAsync();
        try
        {
            // Subscribing again is harmless and covers a feed that was reactivated since the last renewal.
            channel.Subscribed = false;
            await SubscribeAsync(channel);
            var feed = grains.Feed(channelName);
            var page = await feed.ReadSinceAsync(epoch, lastSeq ?? 0);
            var replayed = 0;
            object? state = null;
            if (lastSeq is not null && epoch is not null && !page.Gap)
            {
                var client = ClientOf(channelName, connectionId);
                foreach (var e in page.Events)
                {
                    await client.SendAsync(e.Type, e);
                    replayed++;
                }
            }
            else
            {
                state = await snapshot();
            }

            channel.Members[connectionId] = new Position(page.Epoch, page.LatestSeq);
            await GroupsOf(channelName).AddToGroupAsync(connectionId, channelName);
            _joined.GetOrAdd(connectionId, _ => new ConcurrentDictionary<string, byte>())[channelName] = 0;
            return new JoinAnswer(channelName, page.Epoch, page.LatestSeq, replayed, state);
        }
        finally
        {
            channel.Gate.Release();
        }
    }

    public async Task LeaveAsync(string channelName, string connectionId)
    {
        if (_channels.TryGetValue(channelName, out var channel))
        {
            await channel.Gate.WaitAsync();
            try
            {
                channel.Members.Remove(connectionId);
                await GroupsOf(channelName).RemoveFromGroupAsync(connectionId, channelName);
            }
            finally
            {
                channel.Gate.Release();
            }
        }

        if (_joined.TryGetValue(connectionId, out var channels))
        {
            channels.TryRemove(channelName, out _);
        }
    }

    /// <summary>Forgets a closed connection in every channel it joined.</summary>
    public async Task DisconnectedAsync(string connectionId)
    {
        if (_joined.TryRemove(connectionId, out var channels))
        {
            foreach (var name in channels.Keys)
            {
                await LeaveAsync(name, connectionId);
            }
        }
    }

    /// <summary>Called by the feeds, on their thread: queue only, the flush loop sends.</summary>
    public void OnEvents(ChannelEvents[] batches)
    {
        foreach (var batch in batches)
        {
            if (_channels.TryGetValue(batch.Channel, out var c))
            {
                foreach (var e in batch.Events)
                {
                    c.Pending.Enqueue(e);
                }

                MatchingMetrics.RelayQueued(batch.Events.Length);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = grains.CreateObjectReference<IFeedObserver>(this);
        var renewEvery = TimeSpan.FromSeconds(Math.Max(5, options.Value.FeedSubscriptionSeconds) / 3.0);
        var lastRenewal = DateTime.UtcNow;
        using var timer = new PeriodicTimer(FlushInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var channel in _channels.Values)
            {
                if (!channel.Pending.IsEmpty)
                {
                    await FlushAsync(channel);
                }
            }

            if (DateTime.UtcNow - lastRenewal >= renewEvery)
            {
                lastRenewal = DateTime.UtcNow;
                await RenewAsync();
            }
        }
    }

    private async Task FlushAsync(Channel channel)
    {
        await channel.Gate.WaitAsync();
        try
        {
            var batch = new List<FeedEvent>();
            while (channel.Pending.TryDequeue(out var e))
            {
                batch.Add(e);
            }

            MatchingMetrics.RelayQueued(-batch.Count);

            if (channel.Members.Count == 0 || batch.Count == 0)
            {
                return;
            }

            // Each event is serialised once and handed to every connection that is behind it. The sends are not
            // awaited one connection after another: a slow reader holds up only its own queue, never the others'
            // or the next flush (each connection's writes still go out in the order they were handed over).
            var members = channel.Members.ToArray();
            var last = batch[^1];
            foreach (var e in batch)
            {
                // A new epoch means the feed started over (a silo restart): the client is told with the event
                // itself and takes a snapshot; within one epoch only what is after its position is sent, so a
                // connection that joined after the event was stamped is left out of it.
                List<string>? ahead = null;
                foreach (var (connectionId, position) in members)
                {
                    if (e.Epoch == position.Epoch && e.Seq <= position.Seq)
                    {
                        (ahead ??= []).Add(connectionId);
                    }
                }

                if (ahead is null || ahead.Count < members.Length)
                {
                    MatchingMetrics.EventPushed(channel.Name, e.OccurredAt);
                    Observe(GroupOf(channel.Name, ahead).SendAsync(e.Type, e), e);
                }
            }

            foreach (var (connectionId, _) in members)
            {
                channel.Members[connectionId] = new Position(last.Epoch, last.Seq);
            }
        }
        finally
        {
            channel.Gate.Release();
        }
    }

    private void Observe(Task send, FeedEvent e)
    {
        if (!send.IsCompletedSuccessfully)
        {
            send.ContinueWith(
                t => logger.LogDebug(t.Exception, "Could not push {Type} {Seq}", e.Type, e.Seq),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private async Task RenewAsync()
    {
        foreach (var channel in _channels.Values.ToList())
        {
            await channel.Gate.WaitAsync();
            try
            {
                if (channel.Members.Count == 0)
                {
                    _channels.TryRemove(channel.Name, out _);
                    await grains.Feed(channel.Name).UnsubscribeAsync(_reference!);
                    continue;
                }

                channel.Subscribed = false;
                await SubscribeAsync(channel);
            }
            catch (Exception ex)
            {
                // The feed's silo may be gone for a while; the next renewal tries again.
                logger.LogWarning(ex, "Renewing the subscription to {Channel} failed", channel.Name);
            }
            finally
            {
                channel.Gate.Release();
            }
        }
    }

    private async Task SubscribeAsync(Channel channel)
    {
        if (channel.Subscribed)
        {
            return;
        }

        await _subscribing.WaitAsync();
        try
        {
            _reference ??= grains.CreateObjectReference<IFeedObserver>(this);
        }
        finally
        {
            _subscribing.Release();
        }

        await grains.Feed(channel.Name).SubscribeAsync(_reference);
        channel.Subscribed = true;
    }

    /// <summary>The channel's SignalR group (every connection that joined it here), less <paramref name="except"/>.</summary>
    private IClientProxy GroupOf(string channel, IReadOnlyList<string>? except) =>
        except is null ? HubOf(channel).Clients.Group(channel) : HubOf(channel).Clients.GroupExcept(channel, except);

    private IGroupManager GroupsOf(string channel) => HubOf(channel).Groups;

    private IClientProxy ClientOf(string channel, string connectionId) => HubOf(channel).Clients.Client(connectionId);

    /// <summary>The hub whose connections join a channel, by the channel's kind (<see cref="FeedChannels"/>).</summary>
    private (IHubClients Clients, IGroupManager Groups) HubOf(string channel) => channel.Split(':')[0] switch
    {
        "employer" => (recruiters.Clients, recruiters.Groups),
        "fair" => (fairs.Clients, fairs.Groups),
        _ => (lodging.Clients, lodging.Groups),
    };

    private readonly record struct Position(string Epoch, long Seq);

    private sealed class Channel(string name)
    {
        public string Name { get; } = name;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public ConcurrentQueue<FeedEvent> Pending { get; } = new();
        public Dictionary<string, Position> Members { get; } = new(StringComparer.Ordinal);
        public bool Subscribed { get; set; }
    }
}
