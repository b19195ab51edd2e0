namespace Matching.Feeds;

/// <summary>
/// Something a screen must learn of at once. The feed of its channel stamps <see cref="Seq"/>
/// (per channel, increasing by one) and <see cref="OccurredAt"/> when it publishes it.
/// </summary>
[GenerateSerializer, Alias("FeedEvent")]
public abstract record FeedEvent
{
    /// <summary>Position in the channel: 1, 2, 3, … within one <see cref="Epoch"/>.</summary>
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public DateTimeOffset OccurredAt { get; init; }
    /// <summary>Names the life of the channel's feed; a client holding another epoch's seq needs a snapshot.</summary>
    [Id(2)] public string Epoch { get; init; } = "";

    /// <summary>The event's name on the wire (the SignalR method and the JSON <c>type</c>).</summary>
    public abstract string Type { get; }
}
