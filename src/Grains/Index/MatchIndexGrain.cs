using Microsoft.Extensions.DependencyInjection;
using System.Runtime.CompilerServices;
using Matching.Feeds;
using Matching.JobOrders;
using Matching.Reference;
using Matching.Scoring;
using Matching.Storage;
using Matching.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Index;

/// <summary>
/// Hosts one <see cref="TradeShard"/>: rebuilds it from the store on activation (derived state, never written)
/// and tells each change to the employers concerned, one publish per employer per call, so a registration is
/// matched against the shard's orders without a call to any order grain.
/// </summary>
public sealed class MatchIndexGrain(
    IStateStore store,
    IOptions<IndexOptions> indexOptions,
    IOptions<ScoringOptions> scoringOptions,
    ReferenceData refs,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    ILogger<MatchIndexGrain> logger) : Grain, IMatchIndexGrain
{
    private readonly Dictionary<string, List<FeedEvent>> _pending = new(StringComparer.Ordinal);
    private TradeShard? _index;
    private string _trade = "";
    private int _shard;
    private int _shards;

    private TradeShard Shard => _index!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_trade, _shard) = IndexKey.Parse(this.GetPrimaryKeyString());
        _shards = indexOptions.Value.ShardsOf(_trade);
        var started = time.GetTimestamp();
        _index = new TradeShard(indexOptions.Value.TopK, scoringOptions.Value, refs, Announce);
        var jobs = new List<JobSummary>();
        await foreach (var job in OpenJobsAsync(cancellationToken))
        {
            jobs.Add(job);
        }

        var workers = new List<IndexedWorker>();
        await foreach (var worker in SeekingWorkersAsync(cancellationToken))
        {
            workers.Add(worker);
        }

        Shard.Load(jobs, workers);
        Shard.RankAll();

        logger.LogInformation(
            "Index {Key} rebuilt from the store: {Jobs} open orders, {Workers} workers in {Ms:F0} ms",
            this.GetPrimaryKeyString(), Shard.Jobs, Shard.Workers, time.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task UpsertWorkerAsync(IndexedWorker worker) => Run(() => Shard.UpsertWorker(worker));

    public Task RemoveWorkerAsync(string workerId, string reason) => Run(() => Shard.RemoveWorker(workerId, reason));

    public Task UpsertJobAsync(JobSummary job) => Run(() => Shard.UpsertJob(job));

    public Task RemoveJobAsync(string jobOrderId) => Run(() => Shard.RemoveJob(jobOrderId));

    public Task<RankedCandidate[]> CandidatesAsync(string jobOrderId) => Task.FromResult(Shard.Candidates(jobOrderId));

    public Task<RankedJob[]> MatchesOfAsync(string workerId, int take) => Task.FromResult(Shard.MatchesOf(workerId, take));

    public Task<IndexStats> StatsAsync() =>
        Task.FromResult(new IndexStats(this.GetPrimaryKeyString(), Shard.Jobs, Shard.Workers, Shard.ListedPairs));

    private void Announce(JobSummary job, FeedEvent e)
    {
        if (!_pending.TryGetValue(job.EmployerId, out var events))
        {
            _pending[job.EmployerId] = events = [];
        }

        events.Add(e);
    }

    /// <summary>Applies one change, then makes one one-way publish per employer it touched, in order.</summary>
    private Task Run(Action change)
    {
        try
        {
            change();
        }
        finally
        {
            foreach (var (employerId, events) in _pending)
            {
                GrainFactory.GetGrain<IFeedGrain>(FeedChannels.Employer(employerId)).PublishAsync([.. events]).Ignore();
            }

            _pending.Clear();
        }

        return Task.CompletedTask;
    }

    private async IAsyncEnumerable<JobSummary> OpenJobsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, state) in store.ScanAsync<JobOrderState>(StorageNames.JobOrder, cancellationToken))
        {
            if (MatchIndex.Lists(state) && state.Profile!.Trade == _trade)
            {
                yield return JobSummary.From(state.Profile);
            }
        }
    }

    private async IAsyncEnumerable<IndexedWorker> SeekingWorkersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await foreach (var (key, state) in store.ScanAsync<WorkerState>(StorageNames.Worker, cancellationToken))
        {
            if (MatchIndex.Lists(state, now)
                && state.Profile!.Skills.Any(s => s.Trade == _trade)
                && IndexKey.ShardOf(key, _shards) == _shard)
            {
                yield return MatchIndex.Entry(state.Profile);
            }
        }
    }
}
