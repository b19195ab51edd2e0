using System.Diagnostics.Metrics;

namespace Matching.Telemetry;

/// <summary>
/// The product's own figures, on one <see cref="Meter"/> named <see cref="MeterName"/>.
/// Grains and the API's relay and hubs record here with one call each; the hosts export the meter (Prometheus,
/// OTLP) beside Orleans' and ASP.NET Core's. In cluster mode each process reports what happened in it: the
/// silos the grains' figures, the API node the pushes and connections.
/// </summary>
/// <remarks>
/// Static, not from <c>IMeterFactory</c>: grains and the relay are many objects that all add to the same
/// process-wide counters, and instruments cost nothing while no listener is attached (tests, tools).
/// </remarks>
public static class MatchingMetrics
{
    public const string MeterName = "Matching";

    private static readonly Meter _meter = new(MeterName);

    private static readonly Counter<long> _registrations = _meter.CreateCounter<long>(
        "matching.workers.registered", "{worker}", "Workers registered (one by one or in lists).");

    private static readonly Counter<long> _matchesFound = _meter.CreateCounter<long>(
        "matching.matches.found", "{match}", "Candidates that entered a job order's ranked list.");

    private static readonly Counter<long> _eventsPublished = _meter.CreateCounter<long>(
        "matching.feed.events.published", "{event}", "Events stamped by the feeds, by channel kind.");

    private static readonly UpDownCounter<long> _feedBufferDepth = _meter.CreateUpDownCounter<long>(
        "matching.feed.buffer.depth", "{event}", "Events held in the feeds' replay buffers of this process.");

    private static readonly Counter<long> _eventsPushed = _meter.CreateCounter<long>(
        "matching.relay.events.pushed", "{event}", "Events sent to a hub group, by channel kind.");

    private static readonly Histogram<double> _pushLatency = _meter.CreateHistogram(
        "matching.relay.push.latency", "s", "From the event's stamp in its feed to its send to the hub group.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly UpDownCounter<long> _relayQueueDepth = _meter.CreateUpDownCounter<long>(
        "matching.relay.queue.depth", "{event}", "Events the relay of this API node has received and not yet sent.");

    private static readonly UpDownCounter<long> _connectedClients = _meter.CreateUpDownCounter<long>(
        "matching.hub.connections", "{connection}", "Clients connected to each hub of this API node.");

    private static readonly Counter<long> _holds = _meter.CreateCounter<long>(
        "matching.holds", "{hold}", "Holds on job-order slots, by outcome: granted, refused (with the reason's code), expired.");

    private static readonly Counter<long> _hires = _meter.CreateCounter<long>(
        "matching.hires", "{hire}", "Holds confirmed as hires.");

    private static readonly Counter<long> _bedNightsHeld = _meter.CreateCounter<long>(
        "matching.lodging.bed_nights.held", "{night}", "Bed-nights held for workers' stays.");

    public static void WorkerRegistered() => _registrations.Add(1);

    public static void MatchFound() => _matchesFound.Add(1);

    /// <summary>Events stamped on a channel, and the buffer's net growth (added minus dropped).</summary>
    public static void EventsPublished(string channel, int count, int bufferGrowth)
    {
        _eventsPublished.Add(count, new KeyValuePair<string, object?>("channel.kind", KindOf(channel)));
        _feedBufferDepth.Add(bufferGrowth);
    }

    /// <summary>A feed's buffers leave the process (its grain deactivates).</summary>
    public static void FeedBuffersReleased(int events) => _feedBufferDepth.Add(-events);

    /// <summary>One event of a channel sent to its hub group, and how long after its stamp.</summary>
    public static void EventPushed(string channel, DateTimeOffset occurredAt)
    {
        var kind = new KeyValuePair<string, object?>("channel.kind", KindOf(channel));
        _eventsPushed.Add(1, kind);

        // The stamp is the feed's domain clock, the system clock in production; a clock moved by a test gives 0.
        _pushLatency.Record(Math.Max(0, (DateTimeOffset.UtcNow - occurredAt).TotalSeconds), kind);
    }

    /// <summary>Events entering (positive) or leaving (negative) the relay's queues.</summary>
    public static void RelayQueued(int events) => _relayQueueDepth.Add(events);

    public static void ClientConnected(string hub) => _connectedClients.Add(1, new KeyValuePair<string, object?>("hub", hub));

    public static void ClientDisconnected(string hub) => _connectedClients.Add(-1, new KeyValuePair<string, object?>("hub", hub));

    public static void HoldGranted() => _holds.Add(1, new KeyValuePair<string, object?>("outcome", "granted"));

    public static void HoldRefused(string reason) =>
        _holds.Add(1, new KeyValuePair<string, object?>("outcome", "refused"), new KeyValuePair<string, object?>("reason", reason));

    public static void HoldsExpired(int count)
    {
        if (count > 0)
        {
            _holds.Add(count, new KeyValuePair<string, object?>("outcome", "expired"));
        }
    }

    public static void Hired() => _hires.Add(1);

    public static void BedNightsHeld(int nights) => _bedNightsHeld.Add(nights);

    /// <summary>The kind of a channel (<c>employer</c>, <c>site</c>, <c>fair</c>): few values, fit for a tag.</summary>
    private static string KindOf(string channel) => Feeds.FeedChannel.KindCodeOf(channel);
}
