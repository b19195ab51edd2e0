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
/// and after another silo's death (see <see cref="SiloDeathRebuild"/>),
/// and tells the employers concerned what changed, so a registration is matched against the shard's orders
/// without a call to any order grain. Changes are gathered until the calls queued behind a change are done (or
/// for <see cref="IndexOptions.FlushMilliseconds"/> when set) and published as their net effect: one message per
/// employer per batch, however many registrations the batch saw.
/// </summary>
/// <remarks>
/// The grain type keeps the name Orleans gave the class before it was renamed from <c>MatchIndexGrain</c>: the
/// type name keys placement and activations in the directory, so silos of both versions address the same shards.
/// </remarks>
[GrainType("matchindex")]
public sealed class TradeShardGrain(
    IStateStore store,
    IOptions<IndexOptions> indexOptions,
    IOptions<ScoringOptions> scoringOptions,
    ReferenceData refs,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    ILogger<TradeShardGrain> logger) : Grain, ITradeShardGrain
{
    private readonly NetChanges _pending = new();
    private readonly Dictionary<string, IFeedGrain> _feeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ChannelEvents>> _outgoing = new(StringComparer.Ordinal);
    private TradeShard? _shard;
    private IGrainTimer? _flushTimer;
    private bool _flushQueued;
    private string _trade = "";
    private int _shardNumber;
    private int _shards;

    private TradeShard Shard => _shard!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_trade, _shardNumber) = IndexKey.Parse(this.GetPrimaryKeyString());
        _shards = indexOptions.Value.ShardsOf(_trade);
        var started = time.GetTimestamp();
        _shard = new TradeShard(indexOptions.Value.TopK, scoringOptions.Value, refs, Announce, indexOptions.Value.Reserve);
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
        this.RebuildAfterSiloDeaths();
    }

    public Task UpsertWorkerAsync(IndexedWorker worker) => Run(() => Shard.UpsertWorker(worker));

    public Task RemoveWorkerAsync(string workerId, string reason) => Run(() => Shard.RemoveWorker(workerId, reason));

    public Task UpsertJobAsync(JobSummary job) => Run(() => Shard.UpsertJob(job));

    public Task RemoveJobAsync(string jobOrderId) => Run(() => Shard.RemoveJob(jobOrderId));

    public Task<RankedCandidate[]> CandidatesAsync(string jobOrderId) => Task.FromResult(Shard.Candidates(jobOrderId));

    public Task<RankedJob[]> MatchesOfAsync(string workerId, int take) => Task.FromResult(Shard.MatchesOf(workerId, take));

    public Task<IndexStats> StatsAsync() =>
        Task.FromResult(new IndexStats(this.GetPrimaryKeyString(), Shard.Jobs, Shard.Workers, Shard.ListedPairs));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    private void Announce(JobSummary job, FeedEvent e) => _pending.Add(job.EmployerId, e);

    /// <summary>Applies one change; what it announced goes out with the window's other changes.</summary>
    private Task Run(Action change)
    {
        try
        {
            change();
        }
        finally
        {
            var window = indexOptions.Value.FlushMilliseconds;
            if (!_pending.IsEmpty && window <= 0 && !_flushQueued)
            {
                // Behind whatever is already queued: the flush waits for the work at hand, never for a clock.
                _flushQueued = true;
                this.AsReference<ITradeShardGrain>().FlushAsync().Ignore();
            }
            else if (!_pending.IsEmpty && window > 0 && _flushTimer is null)
            {
                _flushTimer = this.RegisterGrainTimer(FlushTick, TimeSpan.FromMilliseconds(window), TimeSpan.FromMilliseconds(window));
            }
        }

        return Task.CompletedTask;
    }

    public Task FlushAsync()
    {
        _flushQueued = false;
        Flush();
        return Task.CompletedTask;
    }

    /// <summary>Publishes the window's net changes; stops ticking once a window passed without any.</summary>
    private Task FlushTick()
    {
        if (_pending.IsEmpty)
        {
            _flushTimer?.Dispose();
            _flushTimer = null;
        }

        Flush();
        return Task.CompletedTask;
    }

    /// <summary>One one-way publish per feed partition the batch touched, each employer's events in the order they happened.</summary>
    private void Flush()
    {
        _pending.Flush((employerId, events) =>
        {
            var channel = FeedChannel.Employer(employerId);
            var partition = FeedChannels.PartitionOf(channel);
            if (!_outgoing.TryGetValue(partition, out var batches))
            {
                _outgoing[partition] = batches = [];
            }

            batches.Add(new ChannelEvents(channel.Name, events));
        });
        foreach (var (partition, batches) in _outgoing)
        {
            if (batches.Count > 0)
            {
                FeedOf(partition).PublishAsync([.. batches]).Ignore();
                batches.Clear();
            }
        }
    }

    // Grain references are cached: building one costs more than the publish it serves.
    private IFeedGrain FeedOf(string partition)
    {
        if (!_feeds.TryGetValue(partition, out var feed))
        {
            _feeds[partition] = feed = GrainFactory.GetGrain<IFeedGrain>(partition);
        }

        return feed;
    }

    private async IAsyncEnumerable<JobSummary> OpenJobsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (key, state) in store.ScanAsync<JobOrderState>(StorageNames.JobOrder, cancellationToken))
        {
            if (state.IsListed && state.Profile!.Trade == _trade && IndexKey.ShardOf(key, _shards) == _shardNumber)
            {
                yield return JobSummary.From(state.Profile);
            }
        }
    }

    private async IAsyncEnumerable<IndexedWorker> SeekingWorkersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await foreach (var (_, state) in store.ScanAsync<WorkerState>(StorageNames.Worker, cancellationToken))
        {
            if (state.IsListedAt(now) && state.Profile!.Skills.Any(s => s.Trade == _trade))
            {
                yield return ShardRouter.Entry(state.Profile);
            }
        }
    }
}
