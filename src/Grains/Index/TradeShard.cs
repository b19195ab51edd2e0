using Matching.Feeds;
using Matching.Reference;
using Matching.Scoring;

namespace Matching.Index;

/// <summary>
/// The matching engine of one trade shard, without Orleans: the open orders, the workers, and every order's
/// best-K candidates kept exactly. A change to a worker is scored against the shard's orders only; a list that
/// may have forgotten a deserving worker is refilled from the shard, so the lists depend only on what is in the
/// shard, never on the order things arrived in. Every change to what a screen shows (an order's first K) is
/// reported to <c>announce</c> with the order it concerns.
/// </summary>
/// <remarks>
/// <para>Each list holds K shown places and a reserve below them (<paramref name="reserve"/>): when a shown
/// candidate leaves (hired, withdrawn, no longer fitting), the best of the reserve moves up at the cost of a
/// shift. Only when the reserve is spent does a list need a rescan of the shard's workers, so a hire costs about
/// one shift per list it leaves instead of a re-ranking of the trade per list.</para>
/// <para>Not thread-safe: owned by one grain activation (or one benchmark thread).</para>
/// </remarks>
public sealed class TradeShard(int topK, ScoringOptions scoring, ReferenceData? refs, Action<JobSummary, FeedEvent> announce, int reserve = -1)
{
    /// <summary>The reserve when none is given: a fifth of K, at least 4.</summary>
    public static int DefaultReserve(int topK) => Math.Max(4, topK / 5);

    private readonly int _shown = Math.Max(1, topK);
    private readonly int _capacity = Math.Max(1, topK) + (reserve < 0 ? DefaultReserve(topK) : reserve);
    private readonly Dictionary<string, OpenOrder> _jobs = new(StringComparer.Ordinal);

    // Open orders by work district (the last bucket for an unknown one): a worker who names districts is
    // scored only against the orders in them, the district filter's certain failures are never tried.
    private readonly List<OpenOrder>[] _byDistrict = [.. Enumerable.Range(0, DistrictIndex.Count + 1).Select(_ => new List<OpenOrder>())];
    private readonly Dictionary<string, IndexedWorker> _workers = new(StringComparer.Ordinal);

    // Worker id → the orders whose list (shown or reserve) holds it, so a leaving worker touches only those lists.
    private readonly Dictionary<string, HashSet<string>> _listedIn = new(StringComparer.Ordinal);

    public int Jobs => _jobs.Count;

    public int Workers => _workers.Count;

    /// <summary>Candidates shown over all lists (at most K per order).</summary>
    public int ListedPairs => _jobs.Values.Sum(o => Math.Min(o.List.Count, _shown));

    /// <summary>Candidates held in reserve below the shown places, over all lists.</summary>
    public int ReservePairs => _jobs.Values.Sum(o => Math.Max(0, o.List.Count - _shown));

    /// <summary>Loads without announcing: for a rebuild, before <see cref="RankAll"/>.</summary>
    public void Load(IEnumerable<JobSummary> jobs, IEnumerable<IndexedWorker> workers)
    {
        foreach (var job in jobs)
        {
            PutJob(job);
        }

        foreach (var worker in workers)
        {
            _workers[worker.Summary.WorkerId] = worker;
        }
    }

    /// <summary>Ranks every order's candidates from scratch, silently (nothing changed for the screens).</summary>
    public void RankAll()
    {
        foreach (var order in _jobs.Values)
        {
            Refill(order, announceChanges: false);
        }
    }

    public void UpsertWorker(IndexedWorker worker)
    {
        var id = worker.Summary.WorkerId;
        _workers[id] = worker;
        var desired = worker.Summary.DesiredDistricts;

        // A copy: placing the worker changes the set it is listed in.
        HashSet<string>? listed = _listedIn.TryGetValue(id, out var set) ? new HashSet<string>(set, StringComparer.Ordinal) : null;
        if (desired == 0)
        {
            foreach (var order in _jobs.Values)
            {
                Place(order, worker, listed);
            }

            return;
        }

        // Lists the worker is on outside its districts now (it changed them) are put right first.
        if (listed is not null)
        {
            foreach (var jobId in listed)
            {
                var order = _jobs[jobId];
                if (order.Job.District < 0 || (desired & (1 << order.Job.District)) == 0)
                {
                    Place(order, worker, listed);
                }
            }
        }

        for (var d = 0; d < DistrictIndex.Count; d++)
        {
            if ((desired & (1 << d)) != 0)
            {
                foreach (var order in _byDistrict[d])
                {
                    Place(order, worker, listed);
                }
            }
        }
    }

    public void RemoveWorker(string workerId, string reason)
    {
        if (!_workers.Remove(workerId))
        {
            return;
        }

        if (!_listedIn.Remove(workerId, out var listed))
        {
            return;
        }

        foreach (var jobId in listed)
        {
            Leave(_jobs[jobId], workerId, reason);
        }
    }

    public void UpsertJob(JobSummary job)
    {
        Refill(PutJob(job), announceChanges: true);
    }

    /// <summary>Takes an order out; its screens hear <c>orderClosed</c> for every candidate they showed.</summary>
    public void RemoveJob(string jobOrderId)
    {
        if (!_jobs.Remove(jobOrderId, out var order))
        {
            return;
        }

        BucketOf(order.Job).Remove(order);
        var ranked = order.List.Ranked;
        for (var i = 0; i < ranked.Length; i++)
        {
            Unlist(ranked[i].Id, jobOrderId);
            if (i < _shown)
            {
                announce(order.Job, new CandidateWithdrawn { JobOrderId = jobOrderId, WorkerId = ranked[i].Id, Reason = WithdrawalReasons.OrderClosed });
            }
        }
    }

    /// <summary>The ranked candidates of one order with their reasons; empty when the order is not here.</summary>
    public RankedCandidate[] Candidates(string jobOrderId)
    {
        if (!_jobs.TryGetValue(jobOrderId, out var order))
        {
            return [];
        }

        var result = new RankedCandidate[Math.Min(order.List.Count, _shown)];
        for (var i = 0; i < result.Length; i++)
        {
            var worker = _workers[order.List[i].Id];
            var match = MatchScorer.CreateMatch(worker.Summary, order.Job, scoring, refs)!;
            result[i] = new RankedCandidate(worker.Summary.WorkerId, match.Score, match.Partner, match.Priority, [.. match.Reasons], worker.Card);
        }

        return result;
    }

    /// <summary>The ranks of one order's shown list, best first: what determinism is judged on.</summary>
    public MatchRank[] Ranks(string jobOrderId) =>
        _jobs.TryGetValue(jobOrderId, out var order) ? order.List.Ranked[..Math.Min(order.List.Count, _shown)].ToArray() : [];

    /// <summary>The worker's best orders of this shard, computed now (workers' lists are not kept).</summary>
    public RankedJob[] MatchesOf(string workerId, int take)
    {
        if (!_workers.TryGetValue(workerId, out var worker) || take < 1)
        {
            return [];
        }

        var best = new TopK<MatchRank>(take, Comparer<MatchRank>.Default, r => r.Id);
        foreach (var order in _jobs.Values)
        {
            var score = MatchScorer.Score(worker.Summary, order.Job, scoring);
            if (score.Eligible)
            {
                best.Upsert(new MatchRank(score.Score, score.Partner, false, order.Job.JobOrderId));
            }
        }

        var result = new RankedJob[best.Count];
        for (var i = 0; i < best.Count; i++)
        {
            var job = _jobs[best[i].Id].Job;
            var match = MatchScorer.CreateMatch(worker.Summary, job, scoring, refs)!;
            result[i] = new RankedJob(job.JobOrderId, job.EmployerId, match.Score, match.Partner, [.. match.Reasons]);
        }

        return result;
    }

    private OpenOrder PutJob(JobSummary job)
    {
        if (_jobs.TryGetValue(job.JobOrderId, out var order))
        {
            BucketOf(order.Job).Remove(order);
            order.Job = job;
        }
        else
        {
            _jobs[job.JobOrderId] = order = new OpenOrder(job, new TopK<MatchRank>(_capacity, Comparer<MatchRank>.Default, r => r.Id));
        }

        BucketOf(job).Add(order);
        return order;
    }

    private List<OpenOrder> BucketOf(JobSummary job) => _byDistrict[job.District is >= 0 and < DistrictIndex.Count ? job.District : DistrictIndex.Count];

    /// <summary>Scores one worker for one order and moves it in, within, or out of the order's list.</summary>
    /// <remarks>
    /// Scores before touching any list: most pairs fail a filter in a few nanoseconds, less than the
    /// lookups of the list would cost; <paramref name="listed"/> (the orders whose list holds the
    /// worker, looked up once per worker) says when a failing pair must still leave a list.
    /// </remarks>
    private void Place(OpenOrder order, IndexedWorker worker, HashSet<string>? listed)
    {
        var job = order.Job;
        var id = worker.Summary.WorkerId;
        var score = MatchScorer.Score(worker.Summary, job, scoring);
        if (!score.Eligible)
        {
            if (listed is not null && listed.Contains(job.JobOrderId))
            {
                Unlist(id, job.JobOrderId);
                Leave(order, id, WithdrawalReasons.Unfit);
            }

            return;
        }

        var list = order.List;
        var before = default(MatchRank);
        if (listed is not null)
        {
            list.TryGet(id, out before);
        }

        var change = list.Upsert(new MatchRank(score.Score, score.Partner, score.Priority, id));
        switch (change.Outcome)
        {
            case TopKOutcome.Added:
                List(id, job.JobOrderId);
                if (change.HasEvicted)
                {
                    Unlist(change.Evicted.Id, job.JobOrderId);
                }

                if (change.Rank < _shown)
                {
                    announce(job, Found(job, worker, change.Rank));

                    // Whoever stood in the last shown place moved down into the reserve, or out of the list.
                    var displaced = list.Count > _shown ? list[_shown].Id : change.HasEvicted ? change.Evicted.Id : null;
                    if (displaced is not null)
                    {
                        announce(job, Withdrawn(job, displaced, WithdrawalReasons.Outranked));
                    }
                }

                break;
            case TopKOutcome.Updated:
                Moved(order, worker, change.PreviousRank, change.Rank, before.Score);
                break;
        }

        if (list.NeedsRefillFor(_shown))
        {
            Refill(order, announceChanges: true);
        }
    }

    /// <summary>Announces what a listed worker's move from one rank to another changed on the screens.</summary>
    private void Moved(OpenOrder order, IndexedWorker worker, int from, int to, int previousScore)
    {
        var list = order.List;
        var job = order.Job;
        var (wasShown, isShown) = (from < _shown, to < _shown);
        if (wasShown && isShown)
        {
            if (previousScore != list[to].Score)
            {
                announce(job, RankChanged(job, worker, previousScore, to));
            }
        }
        else if (wasShown)
        {
            announce(job, Withdrawn(job, worker.Summary.WorkerId, WithdrawalReasons.Outranked));
            announce(job, Found(job, _workers[list[_shown - 1].Id], _shown - 1));
        }
        else if (isShown)
        {
            announce(job, Found(job, worker, to));
            announce(job, Withdrawn(job, list[_shown].Id, WithdrawalReasons.Outranked));
        }
    }

    /// <summary>Takes a worker off one order's list; the best of the reserve moves up into a freed shown place.</summary>
    private void Leave(OpenOrder order, string workerId, string reason)
    {
        var list = order.List;
        var rank = list.RankOf(workerId);
        if (rank < 0)
        {
            return;
        }

        list.Remove(workerId);
        if (rank < _shown)
        {
            announce(order.Job, Withdrawn(order.Job, workerId, reason));

            // Announced even when a refill follows: the refill tells the screens what changed from what they show.
            if (list.Count >= _shown)
            {
                announce(order.Job, Found(order.Job, _workers[list[_shown - 1].Id], _shown - 1));
            }
        }

        if (list.NeedsRefillFor(_shown))
        {
            Refill(order, announceChanges: true);
        }
    }

    /// <summary>Ranks every worker of the shard for one order afresh; announces the difference in the shown places.</summary>
    private void Refill(OpenOrder order, bool announceChanges)
    {
        var list = order.List;
        var job = order.Job;
        var shownBefore = Math.Min(list.Count, _shown);
        var before = new Dictionary<string, int>(shownBefore, StringComparer.Ordinal);
        for (var i = 0; i < shownBefore; i++)
        {
            before[list[i].Id] = list[i].Score;
        }

        foreach (var rank in list.Ranked)
        {
            Unlist(rank.Id, job.JobOrderId);
        }

        list.Clear();
        foreach (var worker in _workers.Values)
        {
            var score = MatchScorer.Score(worker.Summary, job, scoring);
            if (score.Eligible)
            {
                list.Upsert(new MatchRank(score.Score, score.Partner, score.Priority, worker.Summary.WorkerId));
            }
        }

        for (var i = 0; i < list.Count; i++)
        {
            var rank = list[i];
            List(rank.Id, job.JobOrderId);
            if (i >= _shown || !announceChanges)
            {
                continue;
            }

            if (!before.Remove(rank.Id, out var previous))
            {
                announce(job, Found(job, _workers[rank.Id], i));
            }
            else if (previous != rank.Score)
            {
                announce(job, RankChanged(job, _workers[rank.Id], previous, i));
            }
        }

        if (!announceChanges)
        {
            return;
        }

        foreach (var gone in before.Keys)
        {
            var stillFits = _workers.TryGetValue(gone, out var w) && MatchScorer.Score(w.Summary, job, scoring).Eligible;
            announce(job, Withdrawn(job, gone, stillFits ? WithdrawalReasons.Outranked : WithdrawalReasons.Unfit));
        }
    }

    private CandidateFound Found(JobSummary job, IndexedWorker worker, int rank)
    {
        var (score, reasons) = MatchScorer.Points(worker.Summary, job, scoring);
        return new CandidateFound
        {
            JobOrderId = job.JobOrderId,
            WorkerId = worker.Summary.WorkerId,
            Score = score,
            Rank = rank + 1,
            Reasons = reasons,
            Worker = worker.Card,
        };
    }

    private CandidateRankChanged RankChanged(JobSummary job, IndexedWorker worker, int previous, int rank)
    {
        var (score, reasons) = MatchScorer.Points(worker.Summary, job, scoring);
        return new CandidateRankChanged
        {
            JobOrderId = job.JobOrderId,
            WorkerId = worker.Summary.WorkerId,
            Score = score,
            PreviousScore = previous,
            Rank = rank + 1,
            Reasons = reasons,
        };
    }

    private static CandidateWithdrawn Withdrawn(JobSummary job, string workerId, string reason) =>
        new() { JobOrderId = job.JobOrderId, WorkerId = workerId, Reason = reason };

    private void List(string workerId, string jobOrderId)
    {
        if (!_listedIn.TryGetValue(workerId, out var jobs))
        {
            _listedIn[workerId] = jobs = new HashSet<string>(StringComparer.Ordinal);
        }

        jobs.Add(jobOrderId);
    }

    private void Unlist(string workerId, string jobOrderId)
    {
        if (_listedIn.TryGetValue(workerId, out var jobs) && jobs.Remove(jobOrderId) && jobs.Count == 0)
        {
            _listedIn.Remove(workerId);
        }
    }

    /// <summary>An open order of the shard with its ranked list (shown places and reserve), kept together so a
    /// scan over the orders never looks a list up.</summary>
    private sealed class OpenOrder(JobSummary job, TopK<MatchRank> list)
    {
        public JobSummary Job { get; set; } = job;

        public TopK<MatchRank> List { get; } = list;
    }
}
