using Matching.Feeds;
using Matching.Index;
using Matching.JobOrders;
using Matching.Scoring;
using Matching.Workers;
using Matching.Workload;

namespace Matching.Tests.Index;

/// <summary>
/// The engine of one shard: whatever the order of arrival, changes and withdrawals, the final lists are
/// the ones a fresh ranking of the final state gives, and the announced events rebuild exactly those lists.
/// </summary>
public sealed class TradeShardTests
{
    private const int K = 4;

    private static readonly ScoringOptions _scoring = new();

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 25)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Final_lists_do_not_depend_on_the_order_of_arrival(int seed)
    {
        var (jobs, workers) = Workload(seed);
        var random = new Random(seed);
        var operations = Operations(jobs, workers, random);
        var screen = new RecruiterScreen();
        var shard = new TradeShard(K, _scoring, null, screen.Apply);

        foreach (var operation in operations)
        {
            operation(shard);
        }

        var reference = Reference(jobs, FinalWorkers(workers, seed));
        foreach (var job in jobs)
        {
            Assert.Equal(reference.Ranks(job.JobOrderId), shard.Ranks(job.JobOrderId));
            Assert.Equal(
                shard.Ranks(job.JobOrderId).Select(r => r.Id).Order(StringComparer.Ordinal),
                screen.Listed(job.JobOrderId).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Net_changes_bring_a_screen_to_the_same_lists_and_scores_as_every_step_would(int seed)
    {
        var (jobs, workers) = Workload(seed);
        var random = new Random(seed);
        var everyStep = new ScoreScreen();
        var net = new NetChanges();
        var batched = new ScoreScreen();
        var shard = new TradeShard(K, _scoring, null, (job, e) =>
        {
            everyStep.Apply(e);
            net.Add(job.EmployerId, e);
        });

        var published = 0;
        void Flush() => net.Flush((_, events) =>
        {
            published += events.Length;
            foreach (var e in events)
            {
                batched.Apply(e);
            }
        });

        foreach (var operation in Operations(jobs, workers, random))
        {
            operation(shard);
            if (random.Next(4) == 0)
            {
                Flush();
            }
        }

        Flush();
        Assert.Equal(everyStep.State, batched.State);
        Assert.True(published <= net.Raised, $"{published} published of {net.Raised} raised");
    }

    [Fact]
    public void Within_one_batch_a_find_then_outranked_is_nothing_and_rank_changes_are_one()
    {
        var net = new NetChanges();
        net.Add("emp", new CandidateFound { JobOrderId = "j", WorkerId = "w-new", Score = 60, Rank = 4 });
        net.Add("emp", new CandidateWithdrawn { JobOrderId = "j", WorkerId = "w-new", Reason = WithdrawalReasons.Outranked });
        net.Add("emp", new CandidateRankChanged { JobOrderId = "j", WorkerId = "w-old", Score = 70, PreviousScore = 80, Rank = 2 });
        net.Add("emp", new CandidateRankChanged { JobOrderId = "j", WorkerId = "w-old", Score = 75, PreviousScore = 70, Rank = 2 });
        net.Add("emp", new CandidateFound { JobOrderId = "j", WorkerId = "w-late", Score = 50, Rank = 5 });
        net.Add("emp", new CandidateRankChanged { JobOrderId = "j", WorkerId = "w-late", Score = 55, PreviousScore = 50, Rank = 5 });
        var published = new List<FeedEvent>();

        net.Flush((employer, events) => published.AddRange(events));

        Assert.Equal(6, net.Raised);
        Assert.Collection(
            published,
            e => Assert.Equal(new CandidateRankChanged { JobOrderId = "j", WorkerId = "w-old", Score = 75, PreviousScore = 80, Rank = 2 }, e),
            e => Assert.Equal(new CandidateFound { JobOrderId = "j", WorkerId = "w-late", Score = 55, Rank = 5 }, e));
        Assert.True(net.IsEmpty);
    }

    [Fact]
    public void A_withdrawn_worker_leaves_every_list_and_the_next_one_moves_up()
    {
        var (jobs, workers) = Workload(7);
        var screen = new RecruiterScreen();
        var shard = new TradeShard(K, _scoring, null, screen.Apply);
        jobs.ForEach(shard.UpsertJob);
        workers.ForEach(w => shard.UpsertWorker(MatchIndex.Entry(w)));
        var wider = new TradeShard(K + 1, _scoring, null, (_, _) => { });
        wider.Load(jobs, workers.Select(MatchIndex.Entry));
        wider.RankAll();
        var job = jobs.First(j => wider.Ranks(j.JobOrderId).Length == K + 1);
        var top = shard.Ranks(job.JobOrderId)[0].Id;

        shard.RemoveWorker(top, "hired");

        Assert.DoesNotContain(jobs, j => shard.Ranks(j.JobOrderId).Any(r => r.Id == top));
        Assert.Equal(wider.Ranks(job.JobOrderId)[1..], shard.Ranks(job.JobOrderId));
        Assert.Contains(screen.Events, e => e is CandidateWithdrawn { Reason: "hired" } w && w.WorkerId == top && w.JobOrderId == job.JobOrderId);
    }

    [Fact]
    public void Candidates_carry_reasons_and_masked_cards_only()
    {
        var (jobs, workers) = Workload(3);
        var shard = new TradeShard(K, _scoring, null, (_, _) => { });
        shard.Load(jobs, workers.Select(MatchIndex.Entry));
        shard.RankAll();

        var candidates = jobs.SelectMany(j => shard.Candidates(j.JobOrderId)).ToList();

        Assert.NotEmpty(candidates);
        foreach (var c in candidates)
        {
            var profile = workers.Single(w => w.Id == c.WorkerId);
            Assert.Equal(c.Score, c.Reasons.Sum(r => r.Points));
            Assert.DoesNotContain(profile.Phone, c.Worker.MaskedPhone, StringComparison.Ordinal);
            Assert.NotEqual(profile.Name, c.Worker.MaskedName);
            Assert.EndsWith("*", c.Worker.MaskedName, StringComparison.Ordinal);
        }
    }

    /// <summary>A slice of the standard workload where trades meet often, so lists fill and overflow.</summary>
    private static (List<JobSummary> Jobs, List<WorkerProfile> Workers) Workload(int seed)
    {
        var generator = new WorkloadGenerator(new WorkloadOptions
        {
            Seed = seed,
            Employers = 10,
            JobOrders = 30,
            Workers = 120,
            LodgingSites = 0,
            Beds = 0,
            Today = new DateOnly(2025, 3, 1),
        });
        return ([.. generator.JobOrders().Select(JobSummary.From)], [.. generator.Workers()]);
    }

    /// <summary>
    /// Every job arrives once; every worker arrives, some change their profile, some leave again; all
    /// shuffled together, with each worker's own steps kept in their order.
    /// </summary>
    private static List<Action<TradeShard>> Operations(List<JobSummary> jobs, List<WorkerProfile> workers, Random random)
    {
        var steps = new List<(int Key, int Order, Action<TradeShard> Run)>();
        steps.AddRange(jobs.Select(j => (random.Next(), 0, (Action<TradeShard>)(s => s.UpsertJob(j)))));
        foreach (var (worker, i) in workers.Select((w, i) => (w, i)))
        {
            var changed = Changed(worker);
            var plan = new List<Action<TradeShard>> { s => s.UpsertWorker(MatchIndex.Entry(worker)) };
            if (i % 5 == 1)
            {
                plan.Add(s => s.UpsertWorker(MatchIndex.Entry(changed)));
            }

            if (i % 7 == 2)
            {
                plan.Add(s => s.RemoveWorker(worker.Id!, "withdrawn"));
            }

            var keys = plan.Select(_ => random.Next()).Order().ToList();
            steps.AddRange(plan.Select((run, n) => (keys[n], n, run)));
        }

        return [.. steps.OrderBy(s => s.Key).ThenBy(s => s.Order).Select(s => s.Run)];
    }

    private static IEnumerable<WorkerProfile> FinalWorkers(List<WorkerProfile> workers, int seed) =>
        workers.Select((w, i) => (w, i)).Where(x => x.i % 7 != 2).Select(x => x.i % 5 == 1 ? Changed(x.w) : x.w);

    /// <summary>A change that moves scores: a lower minimum wage and every district accepted.</summary>
    private static WorkerProfile Changed(WorkerProfile worker) => worker with { MinWage = 4_000, DesiredDistricts = [] };

    private static TradeShard Reference(List<JobSummary> jobs, IEnumerable<WorkerProfile> workers)
    {
        var shard = new TradeShard(K, _scoring, null, (_, _) => { });
        shard.Load(jobs, workers.Select(MatchIndex.Entry));
        shard.RankAll();
        return shard;
    }

    /// <summary>What a recruiter's screen would show if it applied the events and nothing else.</summary>
    /// <summary>A screen as the pages keep one: a find adds or replaces, a rank change rescores, a withdrawal removes.</summary>
    private sealed class ScoreScreen
    {
        public SortedDictionary<string, int> State { get; } = new(StringComparer.Ordinal);

        public void Apply(FeedEvent e)
        {
            switch (e)
            {
                case CandidateFound found:
                    State[$"{found.JobOrderId}/{found.WorkerId}"] = found.Score;
                    break;
                case CandidateRankChanged moved when State.ContainsKey($"{moved.JobOrderId}/{moved.WorkerId}"):
                    State[$"{moved.JobOrderId}/{moved.WorkerId}"] = moved.Score;
                    break;
                case CandidateWithdrawn gone:
                    State.Remove($"{gone.JobOrderId}/{gone.WorkerId}");
                    break;
            }
        }
    }

    private sealed class RecruiterScreen
    {
        private readonly Dictionary<string, HashSet<string>> _lists = [];

        public List<FeedEvent> Events { get; } = [];

        public void Apply(JobSummary job, FeedEvent e)
        {
            Events.Add(e);
            if (!_lists.TryGetValue(job.JobOrderId, out var list))
            {
                _lists[job.JobOrderId] = list = [];
            }

            switch (e)
            {
                case CandidateFound found:
                    Assert.True(list.Add(found.WorkerId), $"{found.WorkerId} found twice for {job.JobOrderId}");
                    break;
                case CandidateWithdrawn gone:
                    Assert.True(list.Remove(gone.WorkerId), $"{gone.WorkerId} withdrawn from {job.JobOrderId} without being listed");
                    break;
                case CandidateRankChanged moved:
                    Assert.Contains(moved.WorkerId, list);
                    break;
            }
        }

        public IEnumerable<string> Listed(string jobOrderId) => _lists.TryGetValue(jobOrderId, out var list) ? list : [];
    }
}
