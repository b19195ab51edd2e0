namespace Matching.Fairs;

/// <summary>What a fair's big screen shows: counters, origins, and the latest anonymised matches.</summary>
[GenerateSerializer, Immutable, Alias("FairBoard")]
public sealed record FairBoard(
    [property: Id(0)] string FairId,
    [property: Id(1)] string Name,
    [property: Id(2)] int CheckIns,
    [property: Id(3)] int Matched,
    [property: Id(4)] Dictionary<string, int> ByProvince,
    [property: Id(5)] Dictionary<string, int> ByPrefecture,
    [property: Id(6)] TickerLine[] Recent)
{
    /// <summary>Scheduled while the fair runs; closed once it ended, and then <see cref="Summary"/> is there.</summary>
    [Id(7)] public FairStatus Status { get; init; }

    /// <summary>The end-of-day summary, shown on every screen once the fair is closed.</summary>
    [Id(8)] public FairDaySummary? Summary { get; init; }
}

/// <summary>One line of the ticker, e.g. "电焊工 · 临沧 → 某重工 · 92分": no name, no id of the worker.</summary>
[GenerateSerializer, Immutable, Alias("TickerLine")]
public sealed record TickerLine(
    [property: Id(0)] string Line,
    [property: Id(1)] string Trade,
    [property: Id(2)] string OriginPrefecture,
    [property: Id(3)] int Score,
    [property: Id(4)] DateTimeOffset At);
