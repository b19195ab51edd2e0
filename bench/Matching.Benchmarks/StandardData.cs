using Matching.Index;
using Matching.JobOrders;
using Matching.Reference;
using Matching.Scoring;
using Matching.Workers;
using Matching.Workload;

namespace Matching.Benchmarks;

/// <summary>
/// The standard workload as the engine sees it: normalised the way the entity grains normalise before
/// they tell the index, then reduced to summaries and index entries.
/// </summary>
public static class StandardData
{
    /// <summary>A fixed anchor day: every run scores the same pairs, whatever the calendar says.</summary>
    public static readonly DateOnly Today = new(2024, 8, 28);

    /// <summary>The trade with the largest share of orders (30 of 120 weight): the worst single shard.</summary>
    public const string HotTrade = "general";

    /// <summary>Candidates kept per order, as in the shipped <see cref="IndexOptions"/>.</summary>
    public static readonly int TopK = new IndexOptions().TopK;

    public static readonly ScoringOptions Scoring = new();

    private static readonly ReferenceData _refs = new();

    public static WorkloadGenerator Generator(int workers, int jobOrders, int employers = 500, int seed = WorkloadOptions.DefaultSeed) =>
        new(new WorkloadOptions { Seed = seed, Employers = employers, JobOrders = jobOrders, Workers = workers, Today = Today });

    /// <summary>The first <paramref name="count"/> job orders of the standard workload.</summary>
    public static List<JobSummary> Jobs(int count, int employers = 500, int seed = WorkloadOptions.DefaultSeed) =>
        [.. Generator(0, count, employers, seed).JobOrders().Select(Summary)];

    /// <summary>
    /// <paramref name="count"/> orders of one trade, drawn from a longer run of the standard sequence so every
    /// other distribution (levels, wages, districts, certificates) stays the standard one.
    /// </summary>
    public static List<JobSummary> JobsOfTrade(string trade, int count, int seed = WorkloadOptions.DefaultSeed)
    {
        // Five times the count covers any trade of weight 30 or more out of 120 with a wide margin.
        var jobs = Generator(0, count * 5, seed: seed).JobOrders().Where(j => j.Trade == trade).Take(count).Select(Summary).ToList();
        if (jobs.Count < count)
        {
            throw new InvalidOperationException($"Only {jobs.Count} orders of trade '{trade}' in the drawn sequence.");
        }

        return jobs;
    }

    /// <summary>Workers number <paramref name="skip"/>+1 … <paramref name="skip"/>+<paramref name="count"/>, as index entries.</summary>
    public static IEnumerable<IndexedWorker> Workers(int skip, int count, int seed = WorkloadOptions.DefaultSeed) =>
        Generator(skip + count, 0, seed: seed).Workers().Skip(skip).Select(Entry);

    public static JobSummary Summary(JobOrderProfile profile) =>
        JobSummary.From(JobOrderRules.Normalize(profile, profile.Id!, _refs, Today));

    public static IndexedWorker Entry(WorkerProfile profile) =>
        ShardRouter.Entry(WorkerRules.Normalize(profile, profile.Id!, _refs, Today));

    /// <summary>The trade codes that carry orders in the standard workload.</summary>
    public static IEnumerable<string> Trades => ReferenceData.BaseTrades.Keys;

    /// <summary>The trades a worker is indexed under: one shard each, as the live index routes it.</summary>
    public static IEnumerable<string> TradesOf(IndexedWorker worker) => worker.Summary.Skills.Select(s => s.Trade);
}
