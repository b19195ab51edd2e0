using Matching.Feeds;
using Matching.Workers;

namespace Matching.Fairs;

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
