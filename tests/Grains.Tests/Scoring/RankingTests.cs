using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Matching.Scoring;

namespace Matching.Tests.Scoring;

public sealed class RankingTests
{
    [Property(MaxTest = 500)]
    public Property Partner_affiliation_never_lifts_a_lower_score_and_always_wins_equal_scores() =>
        Prop.ForAll(
            Gen.Two(ScoringGen.Rank(maxScore: 3)).ToArbitrary(),
            pair =>
            {
                var (a, b) = pair;
                var order = Math.Sign(a.CompareTo(b));
                if (a.Score != b.Score)
                {
                    return order == (a.Score > b.Score ? -1 : 1);
                }

                if (a.Partner != b.Partner)
                {
                    return order == (a.Partner ? -1 : 1);
                }

                return order == -Math.Sign(b.CompareTo(a));
            });

    [Property(MaxTest = 200)]
    public Property A_ranked_list_is_by_score_then_partner_then_priority_then_id() =>
        Prop.ForAll(
            Gen.ListOf(ScoringGen.Rank(maxScore: 3)).Select(ranks => ranks.DistinctBy(r => r.Id).ToArray()).ToArbitrary(),
            ranks =>
            {
                var sorted = ranks.Order().ToArray();
                var expected = ranks
                    .OrderByDescending(r => r.Score)
                    .ThenByDescending(r => r.Partner)
                    .ThenByDescending(r => r.Priority)
                    .ThenBy(r => r.Id, StringComparer.Ordinal)
                    .ToArray();
                return sorted.SequenceEqual(expected);
            });

    [Property(MaxTest = 200)]
    public Property Joining_a_partner_programme_changes_the_flag_but_never_the_score() =>
        Prop.ForAll(
            ScoringGen.EligiblePair().Where(t => t.Job.PartnerProgrammes.Length > 0).ToArbitrary(),
            t =>
            {
                var outsider = Pairs.Score(t.Worker with { Programmes = ["某职业学校"] }, t.Job, t.Options);
                var member = Pairs.Score(t.Worker with { Programmes = [t.Job.PartnerProgrammes[0]] }, t.Job, t.Options);
                return outsider.Score == member.Score && !outsider.Partner && member.Partner;
            });

    [Fact]
    public void A_partner_member_is_explained_with_a_zero_point_reason()
    {
        var job = Pairs.Job with { PartnerProgrammes = ["临沧技师学院"] };

        var explanation = Pairs.Explain(Pairs.Worker, job);

        var reason = Assert.Single(explanation.Reasons, r => r.Code == "partner");
        Assert.Equal(new ScoreReason("partner", "临沧技师学院 合作项目", 0), reason);
        Assert.Equal(Pairs.Explain(Pairs.Worker, Pairs.Job).Score, explanation.Score);
    }

    [Fact]
    public void Candidates_of_a_job_rank_by_score_then_partner_then_id()
    {
        var job = JobSummary.From(Pairs.Job with { PartnerProgrammes = ["临沧技师学院"] });
        var options = new ScoringOptions();
        var partner = Match(Pairs.Worker with { Id = "w-c" }, job, options);
        var outsider = Match(Pairs.Worker with { Id = "w-a", Programmes = [] }, job, options);
        var outsiderB = Match(Pairs.Worker with { Id = "w-b", Programmes = [] }, job, options);
        var stronger = Match(Pairs.Worker.WithSkill("welder", "technician", "焊工证") with { Id = "w-z", Programmes = [] }, job, options);

        var ranked = new[] { outsiderB, partner, stronger, outsider }.OrderBy(m => m.CandidateRank()).Select(m => m.WorkerId);

        Assert.Equal(["w-z", "w-c", "w-a", "w-b"], ranked);
    }

    [Fact]
    public void Jobs_of_a_worker_rank_by_score_then_partner_then_job_id()
    {
        var worker = WorkerSummary.From(Pairs.Worker with { Categories = ["povertyAlleviated"] });
        var options = new ScoringOptions();
        var plain = MatchScorer.CreateMatch(worker, JobSummary.From(Pairs.Job with { Id = "j-a" }), options)!;
        var partner = MatchScorer.CreateMatch(worker, JobSummary.From(Pairs.Job with { Id = "j-b", PartnerProgrammes = ["临沧技师学院"] }), options)!;
        var richer = MatchScorer.CreateMatch(worker, JobSummary.From(Pairs.Job with { Id = "j-c", WageMax = 9000 }), options)!;
        var plainB = MatchScorer.CreateMatch(worker, JobSummary.From(Pairs.Job with { Id = "j-d" }), options)!;

        var ranked = new[] { plainB, plain, partner, richer }.OrderBy(m => m.JobRank()).Select(m => m.JobOrderId);

        Assert.Equal(["j-c", "j-b", "j-a", "j-d"], ranked);
    }

    [Fact]
    public void Under_no_policy_the_category_changes_nothing()
    {
        var options = new ScoringOptions { PovertyAlleviatedPolicy = PovertyAlleviatedPolicy.None };
        var (poor, other) = Twins(options);

        Assert.Equal(other.Score, poor.Score);
        Assert.False(poor.Priority);
        Assert.DoesNotContain(poor.Reasons, r => r.Code == "povertyAlleviated");
        Assert.Equal(["w-a", "w-b"], new[] { poor, other }.OrderBy(m => m.CandidateRank()).Select(m => m.WorkerId));
    }

    [Fact]
    public void Under_the_tie_break_policy_the_category_wins_equal_scores_only()
    {
        var options = new ScoringOptions();
        Assert.Equal(PovertyAlleviatedPolicy.TieBreak, options.PovertyAlleviatedPolicy);
        var (poor, other) = Twins(options);
        var job = JobSummary.From(Pairs.Job with { PartnerProgrammes = ["临沧技师学院"] });
        var partner = Match(Pairs.Worker with { Id = "w-c" }, job, options);
        var stronger = Match(Pairs.Worker.WithSkill("welder", "senior", "焊工证") with { Id = "w-d", Programmes = [] }, job, options);

        Assert.Equal(other.Score, poor.Score);
        Assert.True(poor.Priority);
        Assert.Equal(new ScoreReason("povertyAlleviated", "脱贫劳动力 同等条件下优先", 0), poor.Reasons.Single(r => r.Code == "povertyAlleviated"));
        Assert.Equal(
            ["w-d", "w-c", "w-b", "w-a"],
            new[] { other, poor, partner, stronger }.OrderBy(m => m.CandidateRank()).Select(m => m.WorkerId));
    }

    [Fact]
    public void Under_the_bonus_policy_the_category_adds_points_and_no_tie_break()
    {
        var options = new ScoringOptions { PovertyAlleviatedPolicy = PovertyAlleviatedPolicy.Bonus, PovertyAlleviatedBonus = 4 };
        var (poor, other) = Twins(options);

        Assert.Equal(other.Score + 4, poor.Score);
        Assert.False(poor.Priority);
        Assert.Equal(new ScoreReason("povertyAlleviated", "脱贫劳动力 +4", 4), poor.Reasons.Single(r => r.Code == "povertyAlleviated"));
        Assert.Equal(poor.Score, poor.Reasons.Sum(r => r.Points));
        Assert.Equal(poor.Score, Pairs.Score(Pairs.Worker with { Id = "w-b", Categories = ["povertyAlleviated"], Programmes = [] }, Pairs.Job, options).Score);
    }

    [Fact]
    public void The_bonus_stops_at_100()
    {
        var options = new ScoringOptions { PovertyAlleviatedPolicy = PovertyAlleviatedPolicy.Bonus, PovertyAlleviatedBonus = 20 };
        var worker = Pairs.Worker.WithSkill("welder", "technician", "焊工证", "电工证", "高处作业证") with { Categories = ["povertyAlleviated"] };
        var job = Pairs.Job with { MinLevel = "junior", WageMin = 9000, WageMax = 9000 };

        var explanation = Pairs.Explain(worker, job, options);

        Assert.Equal(100, explanation.Score);
        Assert.Equal(100, explanation.Reasons.Sum(r => r.Points));
        Assert.Equal(0, explanation.Reasons.Single(r => r.Code == "povertyAlleviated").Points);
    }

    /// <summary>Two workers alike but for the category: w-b poverty-alleviated, w-a not (so id order favours w-a).</summary>
    private static (Match Poor, Match Other) Twins(ScoringOptions options)
    {
        var job = JobSummary.From(Pairs.Job);
        var poor = Match(Pairs.Worker with { Id = "w-b", Categories = ["povertyAlleviated"], Programmes = [] }, job, options);
        var other = Match(Pairs.Worker with { Id = "w-a", Programmes = [] }, job, options);
        return (poor, other);
    }

    private static Match Match(Workers.WorkerProfile worker, JobSummary job, ScoringOptions options) =>
        MatchScorer.CreateMatch(WorkerSummary.From(worker), job, options)!;
}
