using Matching.Feeds;
using Matching.Reference;
using Matching.Scoring;

namespace Matching.Index;

/// <summary>
/// The matching engine of one trade shard, without Orleans: the open orders, the workers, and every order's
/// best-K candidates kept exactly. A change to a worker is scored against the shard's orders only; a list that
/// may have forgotten a deserving worker (after a removal or a fall into last place) is refilled from the shard,
/// so the lists depend only on what is in the shard, never on the order things arrived in.
/// Every change to a list is reported to <c>announce</c> with the order it concerns.
/// </summary>
/// <remarks>Not thread-safe: owned by one grain activation (or one benchmark thread).</remarks>
public sealed class TradeShard(int topK, ScoringOptions scoring, ReferenceData? refs, Action<JobSummary, FeedEvent> announce)
{
    private readonly Dictionary<string, JobSummary> _jobs = new(StringComparer.Ordinal);

    // Open orders by work district (the last bucket for an unknown one): a worker who names districts is
    // scored only against the orders in them, the district filter's certain failures are never tried.
    private readonly List<JobSummary>[] _byDistrict = [.. Enumerable.Range(0, DistrictIndex.Count + 1).Select(_ => new List<JobSummary>())];
    private readonly Dictionary<string, IndexedWorker> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopK<MatchRank>> _lists = new(StringComparer.Ordinal);

    // Worker id → the orders whose list holds it, so a leaving worker touches only those lists.
    private readonly Dictionary<string, HashSet<string>> _listedIn = new(StringComparer.Ordinal);

    public int Jobs => _jobs.Count;

    public int Workers => _workers.Count;

    public int ListedPairs => _lists.Values.Sum(l => l.Count);

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
        foreach (var job in _jobs.Values)
        {
            Refill(job, announceChanges: false);
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
            foreach (var job in _jobs.Values)
            {
                Place(job, worker, listed);
            }

            return;
        }

        // Lists the worker is on outside its districts now (it changed them) are put right first.
        if (listed is not null)
        {
            foreach (var jobId in listed)
            {
                var job = _jobs[jobId];
                if (job.District < 0 || (desired & (1 << job.District)) == 0)
                {
                    Place(job, worker, listed);
                }
            }
        }

        for (var d = 0; d < DistrictIndex.Count; d++)
        {
            if ((desired & (1 << d)) != 0)
            {
                foreach (var job in _byDistrict[d])
                {
                    Place(job, worker, listed);
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
            var job = _jobs[jobId];
            var list = _lists[jobId];
            list.Remove(workerId);
            announce(job, new CandidateWithdrawn { JobOrderId = jobId, WorkerId = workerId, Reason = reason });
            if (list.NeedsRefill)
            {
                Refill(job, announceChanges: true);
            }
        }
    }

    public void UpsertJob(JobSummary job)
    {
        PutJob(job);
        Refill(job, announceChanges: true);
    }

    public void RemoveJob(string jobOrderId)
    {
        if (_lists.Remove(jobOrderId, out var list))
        {
            foreach (var rank in list.Ranked)
            {
                Unlist(rank.Id, jobOrderId);
            }
        }

        if (_jobs.Remove(jobOrderId, out var job))
        {
            BucketOf(job).Remove(job);
        }
    }

    /// <summary>The ranked candidates of one order with their reasons; empty when the order is not here.</summary>
    public RankedCandidate[] Candidates(string jobOrderId)
    {
        if (!_jobs.TryGetValue(jobOrderId, out var job) || !_lists.TryGetValue(jobOrderId, out var list))
        {
            return [];
        }

        var result = new RankedCandidate[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var worker = _workers[list[i].Id];
            var match = MatchScorer.CreateMatch(worker.Summary, job, scoring, refs)!;
            result[i] = new RankedCandidate(worker.Summary.WorkerId, match.Score, match.Partner, match.Priority, [.. match.Reasons], worker.Card);
        }

        return result;
    }

    /// <summary>The ranks of one order's list, best first: what determinism is judged on.</summary>
    public MatchRank[] Ranks(string jobOrderId) => _lists.TryGetValue(jobOrderId, out var list) ? list.ToArray() : [];

    /// <summary>The worker's best orders of this shard, computed now (workers' lists are not kept).</summary>
    public RankedJob[] MatchesOf(string workerId, int take)
    {
        if (!_workers.TryGetValue(workerId, out var worker) || take < 1)
        {
            return [];
        }

        var best = new TopK<MatchRank>(take, Comparer<MatchRank>.Default, r => r.Id);
        foreach (var job in _jobs.Values)
        {
            var score = MatchScorer.Score(worker.Summary, job, scoring);
            if (score.Eligible)
            {
                best.Upsert(new MatchRank(score.Score, score.Partner, false, job.JobOrderId));
            }
        }

        var result = new RankedJob[best.Count];
        for (var i = 0; i < best.Count; i++)
        {
            var job = _jobs[best[i].Id];
            var match = MatchScorer.CreateMatch(worker.Summary, job, scoring, refs)!;
            result[i] = new RankedJob(job.JobOrderId, job.EmployerId, match.Score, match.Partner, [.. match.Reasons]);
        }

        return result;
    }

    private void PutJob(JobSummary job)
    {
        if (_jobs.TryGetValue(job.JobOrderId, out var old))
        {
            BucketOf(old).Remove(old);
        }

        _jobs[job.JobOrderId] = job;
        BucketOf(job).Add(job);
    }

    private List<JobSummary> BucketOf(JobSummary job) => _byDistrict[job.District is >= 0 and < DistrictIndex.Count ? job.District : DistrictIndex.Count];

    /// <summary>Scores one worker for one order and moves it in, within, or out of the order's list.</summary>
    /// <remarks>
    /// Scores before touching any list: most pairs fail a filter in a few nanoseconds, less than the
    /// dictionary lookups of the list would cost; <paramref name="listed"/> (the orders whose list holds the
    /// worker, looked up once per worker) says when a failing pair must still leave a list.
    /// </remarks>
    private void Place(JobSummary job, IndexedWorker worker, HashSet<string>? listed)
    {
        var id = worker.Summary.WorkerId;
        var score = MatchScorer.Score(worker.Summary, job, scoring);
        if (!score.Eligible)
        {
            if (listed is null || !listed.Contains(job.JobOrderId))
            {
                return;
            }

            var from = ListOf(job.JobOrderId);
            from.Remove(id);
            Unlist(id, job.JobOrderId);
            announce(job, new CandidateWithdrawn { JobOrderId = job.JobOrderId, WorkerId = id, Reason = "unfit" });
            if (from.NeedsRefill)
            {
                Refill(job, announceChanges: true);
            }

            return;
        }

        var list = ListOf(job.JobOrderId);
        list.TryGet(id, out var before);
        var change = list.Upsert(new MatchRank(score.Score, score.Partner, score.Priority, id));
        if (change.Outcome == TopKOutcome.Added)
        {
            List(id, job.JobOrderId);
            announce(job, Found(job, worker, change.Rank));
            if (change.HasEvicted)
            {
                Unlist(change.Evicted.Id, job.JobOrderId);
                announce(job, new CandidateWithdrawn { JobOrderId = job.JobOrderId, WorkerId = change.Evicted.Id, Reason = "outranked" });
            }
        }
        else if (change.Outcome == TopKOutcome.Updated && before.Score != score.Score)
        {
            announce(job, RankChanged(job, worker, before.Score, change.Rank));
        }

        if (list.NeedsRefill)
        {
            Refill(job, announceChanges: true);
        }
    }

    /// <summary>Ranks every worker of the shard for one order afresh; announces the difference.</summary>
    private void Refill(JobSummary job, bool announceChanges)
    {
        var list = ListOf(job.JobOrderId);
        var before = new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
        foreach (var rank in list.Ranked)
        {
            before[rank.Id] = rank.Score;
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
            if (!before.Remove(rank.Id, out var previous))
            {
                List(rank.Id, job.JobOrderId);
                if (announceChanges)
                {
                    announce(job, Found(job, _workers[rank.Id], i));
                }
            }
            else if (announceChanges && previous != rank.Score)
            {
                announce(job, RankChanged(job, _workers[rank.Id], previous, i));
            }
        }

        foreach (var gone in before.Keys)
        {
            Unlist(gone, job.JobOrderId);
            if (announceChanges)
            {
                var stillFits = _workers.TryGetValue(gone, out var w) && MatchScorer.Score(w.Summary, job, scoring).Eligible;
                announce(job, new CandidateWithdrawn { JobOrderId = job.JobOrderId, WorkerId = gone, Reason = stillFits ? "outranked" : "unfit" });
            }
        }
    }

    private CandidateFound Found(JobSummary job, IndexedWorker worker, int rank)
    {
        var match = MatchScorer.CreateMatch(worker.Summary, job, scoring, refs)!;
        return new CandidateFound
        {
            JobOrderId = job.JobOrderId,
            WorkerId = worker.Summary.WorkerId,
            Score = match.Score,
            Rank = rank + 1,
            Reasons = [.. match.Reasons],
            Worker = worker.Card,
        };
    }

    private CandidateRankChanged RankChanged(JobSummary job, IndexedWorker worker, int previous, int rank)
    {
        var match = MatchScorer.CreateMatch(worker.Summary, job, scoring, refs)!;
        return new CandidateRankChanged
        {
            JobOrderId = job.JobOrderId,
            WorkerId = worker.Summary.WorkerId,
            Score = match.Score,
            PreviousScore = previous,
            Rank = rank + 1,
            Reasons = [.. match.Reasons],
        };
    }

    private TopK<MatchRank> ListOf(string jobOrderId)
    {
        if (!_lists.TryGetValue(jobOrderId, out var list))
        {
            _lists[jobOrderId] = list = new TopK<MatchRank>(Math.Max(1, topK), Comparer<MatchRank>.Default, r => r.Id);
        }

        return list;
    }

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
}
