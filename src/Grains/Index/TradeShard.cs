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
/// <para>Each list holds K shown places and a reserve below them (the <c>reserve</c> of the constructor): when a shown
/// candidate leaves (hired, withdrawn, no longer fitting), the best of the reserve moves up at the cost of a
/// shift. Only when the reserve is spent does a list need a rescan of the shard's workers, so a hire costs about
/// one shift per list it leaves instead of a re-ranking of the trade per list.</para>
/// <para>The lists hold small reference-free entries (score, flags, a worker handle) and each worker keeps the
/// handles of the orders that list it: the structures that change on every registration hold no object
/// references, so the garbage collector never has to scan them, and no list needs a lookup by id.</para>
/// <para>Not thread-safe: owned by one grain activation (or one benchmark thread).</para>
/// </remarks>
public sealed class TradeShard
{
    private readonly int _shown;
    private readonly int _capacity;
    private readonly ScoringOptions _scoring;
    private readonly ReferenceData? _refs;
    private readonly Action<JobSummary, FeedEvent> _announce;
    private readonly IComparer<Entry> _comparer;
    private readonly Dictionary<string, OpenOrder> _jobs = new(StringComparer.Ordinal);

    // Orders by handle (null once removed), so a worker's memberships are plain integers.
    private readonly List<OpenOrder?> _orders = [];

    // Open orders by work district (the last bucket for an unknown one): a worker who names districts is
    // scored only against the orders in them, the district filter's certain failures are never tried.
    private readonly List<OpenOrder>[] _byDistrict = [.. Enumerable.Range(0, DistrictIndex.Count + 1).Select(_ => new List<OpenOrder>())];

    // Workers by handle. Handles are never reused, so an entry remembered as a list's floor always names the
    // worker it was taken from; a removed worker keeps only its id in its slot.
    private readonly Dictionary<string, int> _handles = new(StringComparer.Ordinal);
    private Slot[] _slots = new Slot[1024];
    private int _nextHandle;
    private int _stamp;

    // Worker handles by desired district (the last list: workers who take any district), so refilling one order's
    // list scores only the workers who would work where it is. A worker who changes its districts is added to the
    // new ones; a handle left in a district the worker no longer wants is skipped when read.
    private readonly List<int>[] _workersByDistrict = [.. Enumerable.Range(0, DistrictIndex.Count + 1).Select(_ => new List<int>())];

    public TradeShard(int topK, ScoringOptions scoring, ReferenceData? refs, Action<JobSummary, FeedEvent> announce, int reserve = -1)
    {
        _shown = Math.Max(1, topK);
        _capacity = _shown + (reserve < 0 ? DefaultReserve(topK) : reserve);
        _scoring = scoring;
        _refs = refs;
        _announce = announce;
        _comparer = new EntryComparer(this);
    }

    /// <summary>
    /// The reserve when none is given: half of K, at least 4. A hire leaves every list its worker was on, so the
    /// reserve is what a run of hires spends before a list needs a rescan.
    /// </summary>
    public static int DefaultReserve(int topK) => Math.Max(4, topK / 2);

    public int Jobs => _jobs.Count;

    public int Workers => _handles.Count;

    /// <summary>Candidates shown over all lists (at most K per order).</summary>
    public int ListedPairs => _jobs.Values.Sum(o => Math.Min(o.List.Count, _shown));

    /// <summary>Loads without announcing: for a rebuild, before <see cref="RankAll"/>.</summary>
    public void Load(IEnumerable<JobSummary> jobs, IEnumerable<IndexedWorker> workers)
    {
        foreach (var job in jobs)
        {
            PutJob(job);
        }

        foreach (var worker in workers)
        {
            HandleOf(worker);
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
        var handle = HandleOf(worker);
        var desired = worker.Summary.DesiredDistricts;

        // Marks the orders that list the worker now (placing it changes that set): a new worker is on none.
        var stamp = ++_stamp;
        var listed = _slots[handle].OrderCount > 0;
        if (listed)
        {
            foreach (var order in OrdersOf(handle))
            {
                order.Mark = stamp;
            }
        }

        if (desired == 0)
        {
            foreach (var order in _jobs.Values)
            {
                Place(order, handle, listed && order.Mark == stamp);
            }

            return;
        }

        // Lists the worker is on outside its districts now (it changed them) are put right first.
        if (listed)
        {
            foreach (var order in OrdersOf(handle))
            {
                if (order.Job.District < 0 || (desired & (1 << order.Job.District)) == 0)
                {
                    Place(order, handle, wasListed: true);
                }
            }
        }

        for (var d = 0; d < DistrictIndex.Count; d++)
        {
            if ((desired & (1 << d)) != 0)
            {
                foreach (var order in _byDistrict[d])
                {
                    Place(order, handle, listed && order.Mark == stamp);
                }
            }
        }
    }

    public void RemoveWorker(string workerId, string reason)
    {
        if (!_handles.Remove(workerId, out var handle))
        {
            return;
        }

        // Out of the shard before it leaves any list: a list refilled on the way (its reserve spent) must not
        // take the worker back in.
        _slots[handle].Worker = null;
        foreach (var order in OrdersOf(handle))
        {
            Leave(order, handle, reason);
        }

        ref var slot = ref _slots[handle];
        slot.Orders = null;
        slot.OrderCount = 0;
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
        _orders[order.Handle] = null;
        var ranked = order.List.Ranked;
        for (var i = 0; i < ranked.Length; i++)
        {
            Unlist(ranked[i].Worker, order);
            if (i < _shown)
            {
                _announce(order.Job, Withdrawn(order.Job, ranked[i].Worker, WithdrawalReasons.OrderClosed));
            }
        }

        order.List.Clear();
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
            var worker = _slots[order.List[i].Worker].Worker!;
            var match = MatchScorer.CreateMatch(worker.Summary, order.Job, _scoring, _refs)!;
            result[i] = new RankedCandidate(worker.Summary.WorkerId, match.Score, match.Partner, match.Priority, [.. match.Reasons], worker.Card);
        }

        return result;
    }

    /// <summary>The ranks of one order's shown list, best first: what determinism is judged on.</summary>
    public MatchRank[] Ranks(string jobOrderId)
    {
        if (!_jobs.TryGetValue(jobOrderId, out var order))
        {
            return [];
        }

        var result = new MatchRank[Math.Min(order.List.Count, _shown)];
        for (var i = 0; i < result.Length; i++)
        {
            var e = order.List[i];
            result[i] = new MatchRank(e.Score, e.Partner, e.Priority, _slots[e.Worker].Id);
        }

        return result;
    }

    /// <summary>The worker's best orders of this shard, computed now (workers' lists are not kept).</summary>
    public RankedJob[] MatchesOf(string workerId, int take)
    {
        if (!_handles.TryGetValue(workerId, out var handle) || take < 1)
        {
            return [];
        }

        var worker = _slots[handle].Worker!;
        // Each order is offered once, so the list needs no lookup by id.
        var best = new RankList<MatchRank>(take, Comparer<MatchRank>.Default);
        foreach (var order in _jobs.Values)
        {
            var score = MatchScorer.Score(worker.Summary, order.Job, _scoring);
            if (score.Eligible)
            {
                best.Insert(new MatchRank(score.Score, score.Partner, false, order.Job.JobOrderId));
            }
        }

        var result = new RankedJob[best.Count];
        for (var i = 0; i < best.Count; i++)
        {
            var job = _jobs[best[i].Id].Job;
            var match = MatchScorer.CreateMatch(worker.Summary, job, _scoring, _refs)!;
            result[i] = new RankedJob(job.JobOrderId, job.EmployerId, match.Score, match.Partner, [.. match.Reasons]);
        }

        return result;
    }

    private int HandleOf(IndexedWorker worker)
    {
        var id = worker.Summary.WorkerId;
        if (!_handles.TryGetValue(id, out var handle))
        {
            handle = _nextHandle++;
            if (handle == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            _handles[id] = handle;
            _slots[handle].Id = id;
            _slots[handle].Districts = -1;
        }

        ref var slot = ref _slots[handle];
        slot.Worker = worker;
        int desired = worker.Summary.DesiredDistricts;
        if (slot.Districts != desired)
        {
            for (var d = 0; d <= DistrictIndex.Count; d++)
            {
                if (WantsBucket(desired, d) && (slot.Districts < 0 || !WantsBucket(slot.Districts, d)))
                {
                    _workersByDistrict[d].Add(handle);
                }
            }

            slot.Districts = desired;
        }

        return handle;
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
            _jobs[job.JobOrderId] = order = new OpenOrder(job, new RankList<Entry>(_capacity, _comparer), _orders.Count);
            _orders.Add(order);
        }

        BucketOf(job).Add(order);
        return order;
    }

    private List<OpenOrder> BucketOf(JobSummary job) => _byDistrict[job.District is >= 0 and < DistrictIndex.Count ? job.District : DistrictIndex.Count];

    /// <summary>Scores one worker for one order and moves it in, within, or out of the order's list.</summary>
    /// <remarks>
    /// Scores before touching any list: most pairs fail a filter in a few nanoseconds, less than finding the
    /// worker in the list would cost; <paramref name="wasListed"/> says when a failing pair must still leave it.
    /// </remarks>
    private void Place(OpenOrder order, int handle, bool wasListed)
    {
        var job = order.Job;
        var worker = _slots[handle].Worker!;
        var score = MatchScorer.Score(worker.Summary, job, _scoring);
        var list = order.List;
        if (!score.Eligible)
        {
            if (wasListed)
            {
                Unlist(handle, order);
                Leave(order, handle, WithdrawalReasons.Unfit);
            }

            return;
        }

        // A newcomer scoring below the last place of a full list is turned away without touching the list.
        if (!wasListed && score.Score < order.Threshold)
        {
            return;
        }

        var entry = new Entry(score.Score, score.Partner, score.Priority, handle);
        var at = wasListed ? list.Find(handle, static (e, h) => e.Worker == h) : -1;
        if (at < 0)
        {
            var change = list.Insert(entry);
            if (change.Outcome != RankOutcome.Added)
            {
                return;
            }

            List(handle, order);
            if (change.HasEvicted)
            {
                Unlist(change.Evicted.Worker, order);
            }

            if (change.Rank < _shown)
            {
                _announce(job, Found(job, worker, change.Rank));

                // Whoever stood in the last shown place moved down into the reserve, or out of the list.
                var displaced = list.Count > _shown ? list[_shown].Worker : change.HasEvicted ? change.Evicted.Worker : -1;
                if (displaced >= 0)
                {
                    _announce(job, Withdrawn(job, displaced, WithdrawalReasons.Outranked));
                }
            }
        }
        else
        {
            var previous = list[at].Score;
            var change = list.Replace(at, entry);
            Moved(order, worker, change.PreviousRank, change.Rank, previous);
        }

        if (list.NeedsRefillFor(_shown))
        {
            Refill(order, announceChanges: true);
        }

        order.Rethreshold();
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
                _announce(job, RankChanged(job, worker, previousScore, to));
            }
        }
        else if (wasShown)
        {
            _announce(job, Withdrawn(job, list[to].Worker, WithdrawalReasons.Outranked));
            _announce(job, Found(job, _slots[list[_shown - 1].Worker].Worker!, _shown - 1));
        }
        else if (isShown)
        {
            _announce(job, Found(job, worker, to));
            _announce(job, Withdrawn(job, list[_shown].Worker, WithdrawalReasons.Outranked));
        }
    }

    /// <summary>Takes a worker off one order's list; the best of the reserve moves up into a freed shown place.</summary>
    private void Leave(OpenOrder order, int handle, string reason)
    {
        var list = order.List;
        var rank = list.Find(handle, static (e, h) => e.Worker == h);
        if (rank < 0)
        {
            return;
        }

        list.RemoveAt(rank);
        if (rank < _shown)
        {
            _announce(order.Job, Withdrawn(order.Job, handle, reason));

            // Announced even when a refill follows: the refill tells the screens what changed from what they show.
            if (list.Count >= _shown)
            {
                _announce(order.Job, Found(order.Job, _slots[list[_shown - 1].Worker].Worker!, _shown - 1));
            }
        }

        if (list.NeedsRefillFor(_shown))
        {
            Refill(order, announceChanges: true);
        }

        order.Rethreshold();
    }

    /// <summary>Ranks every worker of the shard for one order afresh; announces the difference in the shown places.</summary>
    private void Refill(OpenOrder order, bool announceChanges)
    {
        var list = order.List;
        var job = order.Job;
        var shownBefore = Math.Min(list.Count, _shown);
        var before = new Dictionary<int, int>(shownBefore);
        for (var i = 0; i < shownBefore; i++)
        {
            before[list[i].Worker] = list[i].Score;
        }

        foreach (var e in list.Ranked)
        {
            Unlist(e.Worker, order);
        }

        list.Clear();
        if (job.District is >= 0 and < DistrictIndex.Count)
        {
            var stamp = ++_stamp;
            Offer(list, job, _workersByDistrict[job.District], job.District, stamp);
            Offer(list, job, _workersByDistrict[DistrictIndex.Count], DistrictIndex.Count, stamp);
        }
        else
        {
            for (var h = 0; h < _nextHandle; h++)
            {
                Offer(list, job, h);
            }
        }

        order.Rethreshold();
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            List(e.Worker, order);
            if (i >= _shown || !announceChanges)
            {
                continue;
            }

            if (!before.Remove(e.Worker, out var previous))
            {
                _announce(job, Found(job, _slots[e.Worker].Worker!, i));
            }
            else if (previous != e.Score)
            {
                _announce(job, RankChanged(job, _slots[e.Worker].Worker!, previous, i));
            }
        }

        if (!announceChanges)
        {
            return;
        }

        foreach (var gone in before.Keys)
        {
            var stillFits = _slots[gone].Worker is { } w && MatchScorer.Score(w.Summary, job, _scoring).Eligible;
            _announce(job, Withdrawn(job, gone, stillFits ? WithdrawalReasons.Outranked : WithdrawalReasons.Unfit));
        }
    }

    /// <summary>Offers the workers filed under one district bucket, each once per refill (the stamp), skipping stale handles.</summary>
    private void Offer(RankList<Entry> list, JobSummary job, List<int> handles, int bucket, int stamp)
    {
        foreach (var h in handles)
        {
            ref var slot = ref _slots[h];
            if (slot.Seen != stamp && slot.Worker is not null && WantsBucket(slot.Districts, bucket))
            {
                slot.Seen = stamp;
                Offer(list, job, h);
            }
        }
    }

    private void Offer(RankList<Entry> list, JobSummary job, int handle)
    {
        if (_slots[handle].Worker is { } worker)
        {
            var score = MatchScorer.Score(worker.Summary, job, _scoring);
            if (score.Eligible)
            {
                list.Insert(new Entry(score.Score, score.Partner, score.Priority, handle));
            }
        }
    }

    /// <summary>Whether a worker with these desired districts (a mask, 0 for any) is filed under a bucket.</summary>
    private static bool WantsBucket(int desired, int bucket) =>
        bucket == DistrictIndex.Count ? desired == 0 : (desired & (1 << bucket)) != 0;

    private CandidateFound Found(JobSummary job, IndexedWorker worker, int rank)
    {
        var (score, reasons) = MatchScorer.Points(worker.Summary, job, _scoring);
        Telemetry.MatchingMetrics.MatchFound();
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
        var (score, reasons) = MatchScorer.Points(worker.Summary, job, _scoring);
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

    private CandidateWithdrawn Withdrawn(JobSummary job, int handle, string reason) =>
        new() { JobOrderId = job.JobOrderId, WorkerId = _slots[handle].Id, Reason = reason };

    /// <summary>The orders whose list holds the worker, as a copy (leaving a list changes the set).</summary>
    private OpenOrder[] OrdersOf(int handle)
    {
        ref var slot = ref _slots[handle];
        var result = new OpenOrder[slot.OrderCount];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _orders[slot.Orders![i]]!;
        }

        return result;
    }

    private void List(int handle, OpenOrder order)
    {
        ref var slot = ref _slots[handle];
        slot.Orders ??= new int[4];
        if (slot.OrderCount == slot.Orders.Length)
        {
            Array.Resize(ref slot.Orders, slot.Orders.Length * 2);
        }

        slot.Orders[slot.OrderCount++] = order.Handle;
    }

    private void Unlist(int handle, OpenOrder order)
    {
        ref var slot = ref _slots[handle];
        for (var i = 0; i < slot.OrderCount; i++)
        {
            if (slot.Orders![i] == order.Handle)
            {
                // Order within the set does not matter: the last one takes the freed place.
                slot.Orders[i] = slot.Orders[--slot.OrderCount];
                return;
            }
        }
    }

    /// <summary>One place in a list: no object references, so changing lists never concerns the collector.</summary>
    private readonly record struct Entry(int Score, bool Partner, bool Priority, int Worker);

    /// <summary><see cref="MatchRank"/>'s order over entries: the worker's id settles a tie, as there.</summary>
    private sealed class EntryComparer(TradeShard shard) : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            if (x.Score != y.Score)
            {
                return x.Score > y.Score ? -1 : 1;
            }

            if (x.Partner != y.Partner)
            {
                return x.Partner ? -1 : 1;
            }

            if (x.Priority != y.Priority)
            {
                return x.Priority ? -1 : 1;
            }

            return x.Worker == y.Worker ? 0 : string.CompareOrdinal(shard._slots[x.Worker].Id, shard._slots[y.Worker].Id);
        }
    }

    /// <summary>A worker of the shard: its entry, its id, and the handles of the orders whose list holds it.</summary>
    private struct Slot
    {
        public IndexedWorker? Worker;
        public string Id;
        public int[]? Orders;
        public int OrderCount;

        /// <summary>The desired districts it is filed under (-1 before it is filed).</summary>
        public int Districts;

        /// <summary>The stamp of the last refill that offered it.</summary>
        public int Seen;
    }

    /// <summary>An open order of the shard with its ranked list (shown places and reserve), kept together so a
    /// scan over the orders never looks a list up.</summary>
    private sealed class OpenOrder(JobSummary job, RankList<Entry> list, int handle)
    {
        public JobSummary Job { get; set; } = job;

        public RankList<Entry> List { get; } = list;

        public int Handle { get; } = handle;

        /// <summary>Set to the shard's stamp while a worker listed here is placed again.</summary>
        public int Mark { get; set; }

        /// <summary>
        /// The lowest score that may still enter: the last place's once the list is full, else 0. Kept beside the
        /// job so a scan rejects most eligible newcomers without reading the list, which is cold in memory.
        /// </summary>
        public int Threshold { get; private set; }

        public void Rethreshold()
        {
            if (List.Count < List.Capacity)
            {
                Threshold = 0;
                return;
            }

            // Newcomers turned away by the threshold are never offered to the list, so it counts them as dropped
            // from here on: they all rank below its last place.
            Threshold = List[List.Count - 1].Score;
            List.NoteDroppedBelowLast();
        }
    }
}
