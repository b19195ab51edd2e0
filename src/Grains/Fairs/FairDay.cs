using Matching.Feeds;
using Matching.Workers;

namespace Matching.Fairs;

/// <summary>
/// The end of a fair day: what every screen shows once the fair is closed. <c>Held</c> and <c>Hired</c> count the
/// visitors held for a job slot, or hired, when the fair closed.
/// </summary>
[GenerateSerializer, Immutable, Alias("FairDaySummary")]
public sealed record FairDaySummary(
    [property: Id(0)] int CheckIns,
    [property: Id(1)] int Matched,
    [property: Id(2)] int Held,
    [property: Id(3)] int Hired,
    [property: Id(4)] Dictionary<string, int> ByProvince,
    [property: Id(5)] Dictionary<string, int> ByPrefecture,
    [property: Id(6)] DateTimeOffset ClosedAt);

/// <summary>Summarising a fair day.</summary>
public static class FairDay
{
    /// <summary>Workers read at once while summarising: a fair of thousands of visitors is read in a few seconds.</summary>
    private const int ReadsAtOnce = 64;

    /// <summary>The day's counters, with how many visitors were held or hired when the fair closed.</summary>
    public static async Task<FairDaySummary> SummarizeAsync(IGrainFactory grains, FairState fair, DateTimeOffset now)
    {
        var held = 0;
        var hired = 0;
        foreach (var chunk in fair.Visitors.Keys.Chunk(ReadsAtOnce))
        {
            var workers = await Task.WhenAll(chunk.Select(id => grains.GetGrain<IWorkerGrain>(id).GetAsync()));
            held += workers.Count(w => w.Status == WorkerStatus.Held);
            hired += workers.Count(w => w.Status == WorkerStatus.Hired);
        }

        return new FairDaySummary(
            fair.CheckIns, fair.Matched, held, hired, new(fair.ByProvince), new(fair.ByPrefecture), now);
    }

    public static FairClosed Closed(string fairId, FairDaySummary summary) => new() { FairId = fairId, Summary = summary };
}
