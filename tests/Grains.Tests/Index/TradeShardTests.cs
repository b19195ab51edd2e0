using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Matching.Feeds;
using Matching.Index;
using Matching.JobOrders;
using Matching.Scoring;
using Matching.Tests.Scoring;
using Matching.Workers;
using Matching.Workload;

namespace Matching.Tests.Index;

/// <summary>
/// The engine of one shard: whatever the order of arrival, changes and withdrawals of workers and changes and
/// closes of orders (trades included), the final lists are the ones a fresh ranking of the final state gives,
/// and the announced events rebuild exactly those lists, for any K and reserve.
/// </summary>
public sealed class TradeShardTests
{
    private const int K = 4;

    private static readonly ScoringOptions _scoring = new();

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 30)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Final_lists_do_not_depend_on_the_order_of_arrival(int seed)
    {
        var (k, reserve) = Shape(seed);
        var (jobs, workers) = Workload(seed);
        var random = new Random(seed);
        var plans = Plans(jobs, workers);
        var screen = new RecruiterScreen();
        var shard = new TradeShard(k, _scoring, null, screen.Apply, reserve);

        foreach (var operation in Operations(plans, random))
        {
            operation(shard);
        }

        var reference = Reference(k, plans);
        foreach (var job in jobs)
        {
            Assert.Equal(reference.Ranks(job.JobOrderId), shard.Ranks(job.JobOrderId));
            Assert.Equal(
                shard.Ranks(job.JobOrderId).Select(r => r.Id).Order(StringComparer.Ordinal),
                screen.Listed(job.JobOrderId).Order(StringComparer.Ordinal));
        }

        // The workload must meet what it claims to: closed orders, orders of another trade, workers moving trades.
        Assert.Contains(plans.Jobs, p => p.Final is null);
        Assert.Contains(plans.Jobs, p => p.Versions.Select(v => v.Trade).Distinct().Count() > 1);
        Assert.Contains(plans.Workers, p => p.Versions.Select(v => string.Join(",", v.Summary.Skills.Select(t => t.Trade).Order())).Distinct().Count() > 1);
        Assert.Contains(plans.Workers, p => p.Final is not null && p.Steps.Any(step => step.Remove));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Net_changes_bring_a_screen_to_the_same_lists_and_scores_as_every_step_would(int seed)
    {
        var (k, reserve) = Shape(seed);
        var (jobs, workers) = Workload(seed);
        var random = new Random(seed);
        var everyStep = new ScoreScreen();
        var net = new NetChanges();
        var batched = new ScoreScreen();
        var shard = new TradeShard(k, _scoring, null, (job, e) =>
        {
            everyStep.Apply(e);
            net.Add(job.EmployerId, e);
        }, reserve);

        var published = 0;
        void Flush() => net.Flush((_, events) =>
        {
            published += events.Length;
            foreach (var e in events)
            {
                batched.Apply(e);
            }
        });

        foreach (var operation in Operations(Plans(jobs, workers), random))
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

    /// <summary>
    /// The same over random profiles (several trades per worker, any headcount and start date) and random
    /// histories: every worker and order arrives, changes into another random profile (often another trade)
    /// or leaves, a worker may come back; two interleavings of the same histories end in the lists a fresh
    /// ranking of the final profiles gives.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Any_interleaving_of_random_histories_ends_in_a_fresh_ranking() =>
        Prop.ForAll(
            RandomHistories().ToArbitrary(),
            t =>
            {
                var first = Replay(t.K, t.Reserve, t.First);
                var second = Replay(t.K, t.Reserve, t.Second);
                var reference = Reference(t.K, t.Plans);
                return t.Plans.Jobs.All(p =>
                    first.Ranks(p.Id).SequenceEqual(reference.Ranks(p.Id))
                    && second.Ranks(p.Id).SequenceEqual(reference.Ranks(p.Id)));
            });

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
        workers.ForEach(w => shard.UpsertWorker(ShardRouter.Entry(w)));
        var wider = new TradeShard(K + 1, _scoring, null, (_, _) => { });
        wider.Load(jobs, workers.Select(ShardRouter.Entry));
        wider.RankAll();
        var job = jobs.First(j => wider.Ranks(j.JobOrderId).Length == K + 1);
        var top = shard.Ranks(job.JobOrderId)[0].Id;

        shard.RemoveWorker(top, "hired");

        Assert.DoesNotContain(jobs, j => shard.Ranks(j.JobOrderId).Any(r => r.Id == top));
        Assert.Equal(wider.Ranks(job.JobOrderId)[1..], shard.Ranks(job.JobOrderId));
        Assert.Contains(screen.Events, e => e is CandidateWithdrawn { Reason: "hired" } w && w.WorkerId == top && w.JobOrderId == job.JobOrderId);
    }

    [Fact]
    public void A_worker_leaving_a_list_that_must_be_refilled_is_not_taken_back_by_the_refill()
    {
        var job = JobSummary.From(Pairs.Job);
        var screen = new RecruiterScreen();
        var shard = new TradeShard(1, _scoring, null, screen.Apply, reserve: 0);
        shard.UpsertJob(job);
        shard.UpsertWorker(ShardRouter.Entry(Pairs.Worker.WithSkill("welder", "technician", "焊工证") with { Id = "w-best" }));
        shard.UpsertWorker(ShardRouter.Entry(Pairs.Worker with { Id = "w-next" }));
        Assert.Equal(["w-best"], shard.Ranks(job.JobOrderId).Select(r => r.Id));

        // No reserve: the list is empty once the worker leaves it, and refills from the shard.
        shard.RemoveWorker("w-best", WithdrawalReasons.Hired);

        Assert.Equal(["w-next"], shard.Ranks(job.JobOrderId).Select(r => r.Id));
        Assert.Equal(["w-next"], screen.Listed(job.JobOrderId));
        Assert.Empty(shard.MatchesOf("w-best", 5));
    }

    [Fact]
    public void Candidates_carry_reasons_and_masked_cards_only()
    {
        var (jobs, workers) = Workload(3);
        var shard = new TradeShard(K, _scoring, null, (_, _) => { });
        shard.Load(jobs, workers.Select(ShardRouter.Entry));
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

    /// <summary>K from 1 to 6 and a reserve of the default, none, or two places.</summary>
    private static (int K, int Reserve) Shape(int seed) => (1 + (seed % 6), (seed / 6 % 3) switch { 0 => -1, 1 => 0, _ => 2 });

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
    /// What happens to each entity, in its own order. Orders: every one opens; some change (wage, level,
    /// district, and every other one of those its trade); some close, changed or not. Workers: every one
    /// arrives; some change (some into another trade), some leave, and some of those come back (a hire that
    /// ended).
    /// </summary>
    private static Histories Plans(List<JobSummary> jobs, List<WorkerProfile> workers)
    {
        var jobPlans = jobs.Select((job, i) =>
        {
            var steps = new List<Step<JobSummary>> { new(job) };
            if (i % 4 == 1)
            {
                steps.Add(new(Changed(job, moveTrade: i % 8 == 1)));
            }

            if (i % 6 == 3 || i % 8 == 5)
            {
                steps.Add(Step<JobSummary>.Removal);
            }

            return new Plan<JobSummary>(job.JobOrderId, steps);
        }).ToList();

        var workerPlans = workers.Select((worker, i) =>
        {
            var entry = ShardRouter.Entry(worker);
            var steps = new List<Step<IndexedWorker>> { new(entry) };
            if (i % 5 == 1)
            {
                steps.Add(new(ShardRouter.Entry(Changed(worker, moveTrade: i % 10 == 1))));
            }

            if (i % 7 == 2)
            {
                steps.Add(Step<IndexedWorker>.Removal);
                if (i % 3 == 0)
                {
                    steps.Add(new(entry));
                }
            }

            return new Plan<IndexedWorker>(worker.Id!, steps);
        }).ToList();

        return new Histories(jobPlans, workerPlans);
    }

    /// <summary>All entities' steps shuffled together, each entity's own steps kept in their order.</summary>
    private static List<Action<TradeShard>> Operations(Histories plans, Random random)
    {
        var steps = new List<(int Key, int Order, Action<TradeShard> Run)>();
        foreach (var plan in plans.Jobs)
        {
            var keys = plan.Steps.Select(_ => random.Next()).Order().ToList();
            steps.AddRange(plan.Steps.Select((step, n) => (keys[n], n, JobStep(plan.Id, step))));
        }

        foreach (var plan in plans.Workers)
        {
            var keys = plan.Steps.Select(_ => random.Next()).Order().ToList();
            steps.AddRange(plan.Steps.Select((step, n) => (keys[n], n, WorkerStep(plan.Id, step))));
        }

        return [.. steps.OrderBy(s => s.Key).ThenBy(s => s.Order).Select(s => s.Run)];
    }

    private static Action<TradeShard> JobStep(string id, Step<JobSummary> step) =>
        step.Remove ? s => s.RemoveJob(id) : s => s.UpsertJob(step.Value!);

    private static Action<TradeShard> WorkerStep(string id, Step<IndexedWorker> step) =>
        step.Remove ? s => s.RemoveWorker(id, "withdrawn") : s => s.UpsertWorker(step.Value!);

    /// <summary>A change that moves scores: a lower minimum wage, every district accepted, perhaps a trade it did not have instead of its own.</summary>
    private static WorkerProfile Changed(WorkerProfile worker, bool moveTrade) => worker with
    {
        MinWage = 4_000,
        DesiredDistricts = [],
        Skills = moveTrade
            ? [new WorkerSkill { Trade = OtherTrade(worker.Skills.Select(s => s.Trade)), Level = "senior", Certificates = [] }]
            : worker.Skills,
    };

    /// <summary>A change of what the order offers and asks: more pay, a lower level, another district, perhaps another trade.</summary>
    private static JobSummary Changed(JobSummary job, bool moveTrade) => job with
    {
        WageMin = job.WageMin + 500,
        WageMax = job.WageMax + 1_500,
        MinLevelRank = 0,
        District = (sbyte)((job.District + 1) % DistrictIndex.Count),
        Trade = moveTrade ? OtherTrade([job.Trade]) : job.Trade,
        RequiredCertificates = moveTrade ? [] : job.RequiredCertificates,
        RequiredCertificateKeys = moveTrade ? [] : job.RequiredCertificateKeys,
    };

    private static string OtherTrade(IEnumerable<string> trades) =>
        new[] { "general", "welder", "electrician", "cook" }.Except(trades, StringComparer.Ordinal).First();

    /// <summary>A fresh shard ranking the final state of every plan, silently.</summary>
    private static TradeShard Reference(int k, Histories plans)
    {
        var shard = new TradeShard(k, _scoring, null, (_, _) => { });
        shard.Load(plans.Jobs.Select(p => p.Final).OfType<JobSummary>(), plans.Workers.Select(p => p.Final).OfType<IndexedWorker>());
        shard.RankAll();
        return shard;
    }

    private static TradeShard Replay(int k, int reserve, Action<TradeShard>[] operations)
    {
        var shard = new TradeShard(k, _scoring, null, (_, _) => { }, reserve);
        foreach (var operation in operations)
        {
            operation(shard);
        }

        return shard;
    }

    /// <summary>Random histories over random profiles, and two interleavings of them.</summary>
    private static Gen<(int K, int Reserve, Histories Plans, Action<TradeShard>[] First, Action<TradeShard>[] Second)> RandomHistories() =>
        from k in Gen.Choose(1, 5)
        from reserve in Gen.Elements(-1, 0, 2)
        from jobCount in Gen.Choose(1, 6)
        from workerCount in Gen.Choose(1, 14)
        from jobs in Gen.CollectToArray(Enumerable.Range(0, jobCount), i => History($"j-{i:D2}", ScoringGen.Job($"j-{i:D2}").Select(JobSummary.From)))
        from workers in Gen.CollectToArray(Enumerable.Range(0, workerCount), i => History($"w-{i:D2}", ScoringGen.Worker($"w-{i:D2}").Select(ShardRouter.Entry)))
        let plans = new Histories([.. jobs], [.. workers])
        from first in Interleaving(plans)
        from second in Interleaving(plans)
        select (k, reserve, plans, first, second);

    /// <summary>One to three steps, each a new random version or (less often) a removal.</summary>
    private static Gen<Plan<T>> History<T>(string id, Gen<T> version)
        where T : class =>
        from length in Gen.Choose(1, 3)
        from steps in Gen.ArrayOf(Gen.Frequency((3, version.Select(v => new Step<T>(v))), (1, Gen.Constant(Step<T>.Removal))), length)
        from first in version
        select new Plan<T>(id, [new Step<T>(first), .. steps]);

    private static Gen<Action<TradeShard>[]> Interleaving(Histories plans)
    {
        var runs = plans.Jobs.Select(p => p.Steps.Select(step => JobStep(p.Id, step)).ToArray())
            .Concat(plans.Workers.Select(p => p.Steps.Select(step => WorkerStep(p.Id, step)).ToArray()))
            .ToArray();
        var slots = runs.SelectMany((steps, i) => Enumerable.Repeat(i, steps.Length)).ToArray();
        return Gen.Shuffle(slots).Select(order =>
        {
            var next = new int[runs.Length];
            return order.Select(i => runs[i][next[i]++]).ToArray();
        });
    }

    /// <summary>One step of an entity's history: a version to upsert, or its removal.</summary>
    private sealed record Step<T>(T? Value)
        where T : class
    {
        public static Step<T> Removal { get; } = new((T?)null);

        public bool Remove => Value is null;
    }

    /// <summary>An entity's steps in order; what it is at the end (null once removed for good).</summary>
    private sealed record Plan<T>(string Id, List<Step<T>> Steps)
        where T : class
    {
        public T? Final => Steps[^1].Value;

        public IEnumerable<T> Versions => Steps.Select(s => s.Value).OfType<T>();
    }

    private sealed record Histories(List<Plan<JobSummary>> Jobs, List<Plan<IndexedWorker>> Workers);

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
