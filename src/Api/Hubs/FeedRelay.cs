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
/// <para>No gaps, no duplicates: a joining connection is a member of its channel before the feed is read, so
/// every event stamped after that read reaches it; its <see cref="ConnectionOutbox"/> holds them until the join
/// ends and then writes only those after the position the join answered (the replay's end, or the snapshot's).
/// Notifications may reach this node out of order, or not at all, when it is a client of several gateways: each
/// channel's <see cref="ChannelOrder"/> puts them back in seq order and reads a missing one from the feed.</para>
/// <para>A slow screen delays nobody: events are queued as they arrive and handed every <see cref="FlushInterval"/>
/// to each member's bounded outbox without waiting, serialised once; each outbox writes on its own. A connection
/// whose outbox is full is dropped (<see cref="HubPushOptions.ConnectionQueueLength"/>): it reconnects and rejoins
/// from its position. No lock is held while a snapshot is built or a replay is written.</para>
/// <para>Subscriptions are renewed on a timer; a feed that was reactivated (a silo restart) is subscribed
/// again at the next renewal, and its new epoch tells clients to take a snapshot.</para>
/// </remarks>
public sealed class FeedRelay(
    IGrainFactory grains,
    IHubContext<RecruiterHub> recruiters,
    IHubContext<FairHub> fairs,
    IHubContext<LodgingHub> lodging,
    IOptions<MatchingOptions> options,
    IOptions<HubPushOptions> hubOptions,
    IOptions<JsonHubProtocolOptions> json,
    ILogger<FeedRelay> logger) : BackgroundService, IFeedObserver
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(15);

    private readonly ConcurrentDictionary<string, Channel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectionOutbox> _connections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private IFeedObserver? _reference;

    /// <summary>
    /// Subscribes the connection to the channel and brings it up to date: the events after its position are
    /// written before the answer, or the answer carries a snapshot. <c>abort</c> drops the connection when it
    /// falls too far behind.
    /// </summary>
    public async Task<JoinAnswer> JoinAsync(FeedChannel channel, string connectionId, Action abort, long? lastSeq, string? epoch, Func<Task<object>> snapshot)
    {
        var channelName = channel.Name;
        var hub = HubOf(channel.Kind);
        var outbox = _connections.GetOrAdd(connectionId, id => new ConnectionOutbox(
            id, hubOptions.Value.ConnectionQueueLength, (type, e) => hub.Client(id).SendAsync(type, e), abort, logger));
        outbox.BeginJoin(channelName);
        try
        {
            var member = await AddMemberAsync(channel, outbox);
            var page = await grains.Feed(channel).ReadSinceAsync(epoch, lastSeq ?? 0);
            member.Order.Seed(page.Epoch, page.LatestSeq);
            var position = new ConnectionOutbox.Position(page.Epoch, page.LatestSeq);
            var replay = lastSeq is not null && epoch is not null && !page.Gap ? page.Events.Select(Pushed).ToList() : null;
            var state = replay is null ? await snapshot() : null;
            var queued = outbox.TryCompleteJoin(channelName, position, replay ?? [], out var written);
            if (!queued)
            {
                Drop(channelName, outbox);
            }

            // A replay is written before the answer, as the contract says; a snapshot travels in it.
            if (!queued || (replay is not null && !await written))
            {
                throw new HubException("The connection fell too far behind and is closed; connect and rejoin.");
            }

            return new JoinAnswer(channelName, page.Epoch, page.LatestSeq, replay?.Count ?? 0, state);
        }
        catch
        {
            await LeaveAsync(channelName, connectionId);
            throw;
        }
    }

    public Task LeaveAsync(FeedChannel channel, string connectionId) => LeaveAsync(channel.Name, connectionId);

    private async Task LeaveAsync(string channelName, string connectionId)
    {
        if (_connections.TryGetValue(connectionId, out var outbox))
        {
            outbox.Leave(channelName);
        }

        if (_channels.TryGetValue(channelName, out var channel))
        {
            await channel.Gate.WaitAsync();
            try
            {
                channel.Members.TryRemove(connectionId, out _);
            }
            finally
            {
                channel.Gate.Release();
            }
        }
    }

    /// <summary>Forgets a closed connection in every channel it joined.</summary>
    public void Disconnected(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var outbox))
        {
            outbox.Close();
            RemoveMember(outbox, outbox.Channels);
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
                Flush(channel);
            }

            if (DateTime.UtcNow - lastRenewal >= renewEvery)
            {
                lastRenewal = DateTime.UtcNow;
                await RenewAsync();
            }
        }
    }

    /// <summary>
    /// Hands the channel's new events, in order, to each member's outbox; never waits on a connection. A member
    /// whose outbox is full is dropped here, so a stalled screen costs one bounded queue and nobody's pushes.
    /// </summary>
    private void Flush(Channel channel)
    {
        var now = Environment.TickCount64;
        while (channel.Read.TryDequeue(out var read))
        {
            Push(channel, channel.Order.Fill(read.Epoch, read.Page));
        }

        while (channel.Pending.TryDequeue(out var e))
        {
            MatchingMetrics.RelayQueued(-1);
            Push(channel, channel.Order.Accept(e, now));
        }

        if (channel.Order.TakeOverdue(now) is { } missing)
        {
            _ = ReadMissingAsync(channel, missing.Epoch, missing.AfterSeq);
        }
    }

    private void Push(Channel channel, List<FeedEvent> events)
    {
        if (channel.Members.IsEmpty)
        {
            return;
        }

        foreach (var e in events)
        {
            MatchingMetrics.EventPushed(channel.Name, e.OccurredAt);
            var pushed = Pushed(e);
            foreach (var (_, outbox) in channel.Members)
            {
                if (!outbox.Offer(channel.Name, pushed))
                {
                    Drop(channel.Name, outbox);
                }
            }
        }
    }

    /// <summary>Reads what a channel is missing from its feed's buffer; the next flush takes the answer, in order with the rest.</summary>
    private async Task ReadMissingAsync(Channel channel, string epoch, long afterSeq)
    {
        FeedPage? page = null;
        try
        {
            page = await grains.Feed(channel.Feed).ReadSinceAsync(epoch, afterSeq);
        }
        catch (Exception ex)
        {
            // The feed's silo may be going away: what waits is let through, and the connections rejoin.
            logger.LogWarning(ex, "Reading the events {Channel} missed failed", channel.Name);
        }

        channel.Read.Enqueue((epoch, page));
    }

    private void Drop(string channel, ConnectionOutbox outbox)
    {
        outbox.Drop(channel);
        RemoveMember(outbox, [.. outbox.Channels, channel]);
    }

    private void RemoveMember(ConnectionOutbox outbox, IEnumerable<string> channels)
    {
        foreach (var name in channels)
        {
            if (_channels.TryGetValue(name, out var c))
            {
                c.Members.TryRemove(outbox.ConnectionId, out _);
            }
        }
    }

    private PushedEvent Pushed(FeedEvent e) => new(e, json.Value.PayloadSerializerOptions);

    /// <summary>Makes the outbox a member of the channel, subscribed to its feed, before the feed is read.</summary>
    private async Task<Channel> AddMemberAsync(FeedChannel feed, ConnectionOutbox outbox)
    {
        var channelName = feed.Name;
        while (true)
        {
            var channel = _channels.GetOrAdd(channelName, _ => new Channel(feed, options.Value.FeedBufferSize));
            await channel.Gate.WaitAsync();
            try
            {
                // The renewal removes a channel left empty; a join that raced it starts over on a new one.
                if (!_channels.TryGetValue(channelName, out var current) || current != channel)
                {
                    continue;
                }

                channel.Members[outbox.ConnectionId] = outbox;

                // Subscribing again is harmless and covers a feed that was reactivated since the last renewal.
                channel.Subscribed = false;
                await SubscribeAsync(channel);
                return channel;
            }
            finally
            {
                channel.Gate.Release();
            }
        }
    }

    private async Task RenewAsync()
    {
        foreach (var channel in _channels.Values.ToList())
        {
            await channel.Gate.WaitAsync();
            try
            {
                if (channel.Members.IsEmpty)
                {
                    _channels.TryRemove(channel.Name, out _);
                    await grains.Feed(channel.Feed).UnsubscribeAsync(_reference!);
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

        await grains.Feed(channel.Feed).SubscribeAsync(_reference);
        channel.Subscribed = true;
    }

    /// <summary>The connections of the hub whose clients join a channel of this kind.</summary>
    private IHubClients HubOf(FeedChannelKind kind) => kind switch
    {
        FeedChannelKind.Employer => recruiters.Clients,
        FeedChannelKind.Fair => fairs.Clients,
        _ => lodging.Clients,
    };

    private sealed class Channel(FeedChannel feed, int bufferSize)
    {
        public FeedChannel Feed { get; } = feed;
        public string Name => Feed.Name;
        public ChannelOrder Order { get; } = new(Math.Max(16, bufferSize));

        /// <summary>Answers of reads of missed events, for the flush loop to take in order with the rest.</summary>
        public ConcurrentQueue<(string Epoch, FeedPage? Page)> Read { get; } = new();
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public ConcurrentQueue<FeedEvent> Pending { get; } = new();
        public ConcurrentDictionary<string, ConnectionOutbox> Members { get; } = new(StringComparer.Ordinal);
        public bool Subscribed { get; set; }
    }
}
