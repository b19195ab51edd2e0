using Matching.Scoring;

namespace Matching.Index;

/// <summary>
/// One shard of the live match index (key: <see cref="IndexKey"/>): the open job orders of one trade and the
/// seeking workers of that trade whose id falls in the shard, with each job order's ranked top-K candidates.
/// Derived state: rebuilt from the store on activation, never written.
/// </summary>
/// <remarks>
/// The alias keeps the name the interface had before it was renamed from <c>IMatchIndexGrain</c>: messages of a
/// rolling upgrade and references held by running silos and clients name the interface by its alias.
/// </remarks>
[Alias("IMatchIndexGrain")]
public interface ITradeShardGrain : IGrainWithStringKey
{
    /// <summary>Adds or re-scores a worker against every open order of the shard; pushes what changed.</summary>
    [Alias("UpsertWorker")]
    Task UpsertWorkerAsync(IndexedWorker worker);

    /// <summary>Takes a worker out of every list (withdrawn, hired, trade dropped); refills the lists it leaves.</summary>
    [Alias("RemoveWorker")]
    Task RemoveWorkerAsync(string workerId, string reason);

    /// <summary>Adds or re-ranks an open job order against every worker of the shard.</summary>
    [Alias("UpsertJob")]
    Task UpsertJobAsync(JobSummary job);

    /// <summary>Takes a job order out (closed, filled, trade changed).</summary>
    [Alias("RemoveJob")]
    Task RemoveJobAsync(string jobOrderId);

    /// <summary>The shard's ranked candidates of one job order, with reasons and masked cards.</summary>
    [Alias("Candidates")]
    Task<RankedCandidate[]> CandidatesAsync(string jobOrderId);

    /// <summary>The worker's best job orders in this trade, ranked, at most <paramref name="take"/>.</summary>
    [Alias("MatchesOf")]
    Task<RankedJob[]> MatchesOfAsync(string workerId, int take);

    /// <summary>
    /// Publishes what the shard announced since its last flush. The shard sends this to itself after a change, so
    /// it runs once the calls queued before it are done: a batch as large as the load makes it, and no wait when idle.
    /// </summary>
    [Alias("Flush"), Orleans.Concurrency.OneWay]
    Task FlushAsync();

    /// <summary>Sizes, for the admin check and the benchmarks.</summary>
    [Alias("Stats")]
    Task<IndexStats> StatsAsync();
}

/// <summary>A worker as the index holds it: the scoring summary and the masked card for screens.</summary>
[GenerateSerializer, Immutable, Alias("IndexedWorker")]
public sealed record IndexedWorker([property: Id(0)] WorkerSummary Summary, [property: Id(1)] CandidateCard Card);

/// <summary>A candidate of a job order, ranked, with the reasons of its score.</summary>
[GenerateSerializer, Immutable, Alias("RankedCandidate")]
public sealed record RankedCandidate(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int Score,
    [property: Id(2)] bool Partner,
    [property: Id(3)] bool Priority,
    [property: Id(4)] ScoreReason[] Reasons,
    [property: Id(5)] CandidateCard Worker)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public MatchRank Rank => new(Score, Partner, Priority, WorkerId);
}

/// <summary>A job order matching a worker, with the reasons of its score.</summary>
[GenerateSerializer, Immutable, Alias("RankedJob")]
public sealed record RankedJob(
    [property: Id(0)] string JobOrderId,
    [property: Id(1)] string EmployerId,
    [property: Id(2)] int Score,
    [property: Id(3)] bool Partner,
    [property: Id(4)] ScoreReason[] Reasons)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public MatchRank Rank => new(Score, Partner, false, JobOrderId);
}

/// <summary>How much one shard holds.</summary>
[GenerateSerializer, Immutable, Alias("IndexStats")]
public sealed record IndexStats(
    [property: Id(0)] string Key,
    [property: Id(1)] int Jobs,
    [property: Id(2)] int Workers,
    [property: Id(3)] int ListedPairs);
