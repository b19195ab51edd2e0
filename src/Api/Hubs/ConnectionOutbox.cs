using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Matching.Feeds;

namespace Matching.Api.Hubs;

/// <summary>
/// The pushes waiting for one connection, in order, written by a loop of its own: a connection that reads
/// slowly or not at all only ever waits on itself. The queue is bounded; <see cref="Offer"/> answers false when
/// it is full, and the relay then drops the connection.
/// </summary>
/// <remarks>
/// The connection's position per channel (epoch, seq) is kept here and applied as events are written, so an
/// event the connection already has (through a replay or a snapshot) is never written twice. While a join of
/// a channel is under way its events wait beside the queue (<see cref="BeginJoin"/>): they arrive before the
/// position the join ends at is known, and are filtered by it once the join is done.
/// </remarks>
internal sealed class ConnectionOutbox
{
    private readonly Channel<Item> _queue;
    private readonly int _capacity;
    private readonly Func<string, PushedEvent, Task> _send;
    private readonly Action _abort;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PushedEvent>> _joining = new(StringComparer.Ordinal);
    private int _dropped;

    public ConnectionOutbox(string connectionId, int capacity, Func<string, PushedEvent, Task> send, Action abort, ILogger logger)
    {
        ConnectionId = connectionId;
        _capacity = Math.Max(1, capacity);
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(_capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _send = send;
        _abort = abort;
        _logger = logger;
        _ = Task.Run(WriteAsync);
    }

    public string ConnectionId { get; }

    /// <summary>The channels this connection is in or joining.</summary>
    public string[] Channels
    {
        get
        {
            lock (_positions)
            {
                return [.. _positions.Keys.Union(_joining.Keys)];
            }
        }
    }

    /// <summary>Queues an event of <paramref name="channel"/> without waiting; false when the queue is full or closed.</summary>
    public bool Offer(string channel, PushedEvent e) => _queue.Writer.TryWrite(new Item(channel, e, null));

    /// <summary>From now on the channel's events are held until <see cref="TryCompleteJoin"/> says where the connection stands.</summary>
    public void BeginJoin(string channel)
    {
        lock (_positions)
        {
            _joining[channel] = [];
        }
    }

    /// <summary>
    /// Ends a join at <paramref name="position"/>: <paramref name="replay"/> is written first, then the held events
    /// after the position. False when the queue is full or closed; else <paramref name="written"/> completes once
    /// the replay is written (false when the connection was dropped first).
    /// </summary>
    public bool TryCompleteJoin(string channel, Position position, IReadOnlyList<PushedEvent> replay, out Task<bool> written)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        written = done.Task;
        return _queue.Writer.TryWrite(new Item(channel, null, new Joined(position, replay, done)));
    }

    /// <summary>Forgets the channel: its queued events are skipped.</summary>
    public void Leave(string channel)
    {
        lock (_positions)
        {
            _positions.Remove(channel);
            _joining.Remove(channel);
        }
    }

    /// <summary>Closes the queue and aborts the connection, once; it reconnects and rejoins from its position.</summary>
    public void Drop(string channel)
    {
        if (Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            _logger.LogInformation(
                "Connection {ConnectionId} fell {Queue} events behind on {Channel} and was dropped; it rejoins from its position",
                ConnectionId, _capacity, channel);
            Close();
            _abort();
        }
    }

    /// <summary>Closes the queue of a connection that is gone.</summary>
    public void Close() => _queue.Writer.TryComplete();

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var item))
                {
                    if (item.Joined is { } joined)
                    {
                        await FinishJoinAsync(item.Channel, joined);
                    }
                    else if (Admit(item.Channel, item.Event!))
                    {
                        await _send(item.Event!.Type, item.Event);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            // The connection is gone (or going): what it did not get it asks for when it rejoins.
            _logger.LogDebug(ex, "Pushes to connection {ConnectionId} stopped", ConnectionId);
            Close();
        }
        finally
        {
            while (reader.TryRead(out var item))
            {
                item.Joined?.Done.TrySetResult(false);
            }
        }
    }

    private async Task FinishJoinAsync(string channel, Joined joined)
    {
        try
        {
            foreach (var e in joined.Replay)
            {
                await _send(e.Type, e);
            }

            List<PushedEvent>? held;
            lock (_positions)
            {
                _joining.Remove(channel, out held);
                _positions[channel] = joined.Position;
            }

            joined.Done.TrySetResult(true);
            foreach (var e in held ?? [])
            {
                if (Admit(channel, e))
                {
                    await _send(e.Type, e);
                }
            }
        }
        catch
        {
            joined.Done.TrySetResult(false);
            throw;
        }
    }

    /// <summary>
    /// Whether the connection still needs the event, advancing its position: a new epoch is always sent (the
    /// client takes a snapshot on it); within one epoch only what is after the position.
    /// </summary>
    private bool Admit(string channel, PushedEvent e)
    {
        lock (_positions)
        {
            if (_joining.TryGetValue(channel, out var held))
            {
                if (held.Count >= _capacity)
                {
                    Drop(channel);
                    return false;
                }

                held.Add(e);
                return false;
            }

            if (!_positions.TryGetValue(channel, out var position) || (e.Epoch == position.Epoch && e.Seq <= position.Seq))
            {
                return false;
            }

            _positions[channel] = new Position(e.Epoch, e.Seq);
            return true;
        }
    }

    /// <summary>Where a connection stands in a channel's feed.</summary>
    public readonly record struct Position(string Epoch, long Seq);

    private sealed record Joined(Position Position, IReadOnlyList<PushedEvent> Replay, TaskCompletionSource<bool> Done);

    private readonly record struct Item(string Channel, PushedEvent? Event, Joined? Joined);
}

/// <summary>
/// A feed event serialised once, as the hubs' JSON protocol would write it, for every connection it goes to:
/// the protocol copies the bytes into each connection's message instead of serialising the event again.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class PushedEvent
{
    private readonly byte[] _json;

    public PushedEvent(FeedEvent e, JsonSerializerOptions options)
    {
        _json = JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), options);
        (Type, Epoch, Seq) = (e.Type, e.Epoch, e.Seq);
    }

    public string Type { get; }

    public string Epoch { get; }

    public long Seq { get; }

    private sealed class Converter : JsonConverter<PushedEvent>
    {
        public override PushedEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Pushed events are only written.");

        public override void Write(Utf8JsonWriter writer, PushedEvent value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._json, skipInputValidation: true);
    }
}
