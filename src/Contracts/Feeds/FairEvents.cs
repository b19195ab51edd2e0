using Matching.Fairs;

namespace Matching.Feeds;

// What a fair's big screen hears on its channel (/hubs/fair): anonymised figures and ticker lines, and the day's end.

/// <summary>The board's counters changed (a check-in, a match).</summary>
[GenerateSerializer, Immutable, Alias("BoardChanged")]
public sealed record BoardChanged : FeedEvent
{
    [Id(0)] public string FairId { get; init; } = "";
    [Id(1)] public int CheckIns { get; init; }
    [Id(2)] public int Matched { get; init; }
    [Id(3)] public Dictionary<string, int> ByProvince { get; init; } = [];
    [Id(4)] public Dictionary<string, int> ByPrefecture { get; init; } = [];

    public override string Type => nameof(BoardChanged);
}

/// <summary>A visitor was matched to a participating employer's order: the anonymised ticker line.</summary>
[GenerateSerializer, Immutable, Alias("MatchMade")]
public sealed record MatchMade : FeedEvent
{
    [Id(0)] public string FairId { get; init; } = "";
    [Id(1)] public string Line { get; init; } = "";
    [Id(2)] public string Trade { get; init; } = "";
    [Id(3)] public string OriginPrefecture { get; init; } = "";
    [Id(4)] public int Score { get; init; }
    /// <summary>The ticker line's own time, the same the board's <see cref="TickerLine.At"/> shows, so every screen shows one time.</summary>
    [Id(5)] public DateTimeOffset At { get; init; }

    public override string Type => nameof(MatchMade);
}

/// <summary>The fair closed: the screens replace the live figures with the day's summary.</summary>
[GenerateSerializer, Immutable, Alias("FairClosed")]
public sealed record FairClosed : FeedEvent
{
    [Id(0)] public string FairId { get; init; } = "";
    [Id(1)] public FairDaySummary? Summary { get; init; }

    public override string Type => nameof(FairClosed);
}
