using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Matching.Reference;
using Matching.Scoring;

namespace Matching.Tests.Scoring;

public sealed class ScoreTests
{
    [Fact]
    public void An_eligible_pair_explains_its_score_with_labelled_reasons()
    {
        var explanation = Pairs.Explain(Pairs.Worker, Pairs.Job);

        Assert.True(explanation.Eligible);
        Assert.InRange(explanation.Score, 1, 100);
        Assert.Equal(
            ["levelFit", "wageFit", "districtFit", "availabilityFit", "housingFit", "certificates"],
            explanation.Reasons.Select(r => r.Code));
        Assert.Equal("电焊工 中级 ✔", Label(explanation, "levelFit"));
        Assert.Equal("期望薪资 6000 ≤ 7500", Label(explanation, "wageFit"));
        Assert.Equal("闵行 首选区域 ✔", Label(explanation, "districtFit"));
        Assert.Equal("开工 2025-03-01 可到岗 ✔", Label(explanation, "availabilityFit"));
        Assert.Equal("包住 ✔", Label(explanation, "housingFit"));
        Assert.Equal("证书齐全 ✔（焊工证）", Label(explanation, "certificates"));
        Assert.Equal(explanation.Score, explanation.Reasons.Sum(r => r.Points));
    }

    [Fact]
    public void The_baseline_pair_scores_what_the_weights_say()
    {
        // Level met exactly (0.5 × 25), offer 7000 against 6000 with a 30 % margin (0.5 + 0.5 × 1000/1800 of 30),
        // first district (15), on time (15), housed (10), no extra certificate (0).
        var expected = (int)Math.Round(12.5 + (30 * (0.5 + (0.5 * 1000 / 1800.0))) + 15 + 15 + 10, MidpointRounding.AwayFromZero);

        Assert.Equal(expected, Pairs.Score(Pairs.Worker, Pairs.Job).Score);
    }

    [Fact]
    public void Exceeding_the_minimum_level_scores_more_and_says_so()
    {
        var senior = Pairs.Explain(Pairs.Worker.WithSkill("welder", "senior", "焊工证"), Pairs.Job);
        var baseline = Pairs.Explain(Pairs.Worker, Pairs.Job);

        Assert.True(senior.Score > baseline.Score);
        Assert.Equal("电焊工 高级 ✔（要求中级）", Label(senior, "levelFit"));
    }

    [Fact]
    public void The_first_desired_district_scores_more_than_a_later_one_and_a_named_one_more_than_any()
    {
        var first = Pairs.Explain(Pairs.Worker, Pairs.Job);
        var second = Pairs.Explain(Pairs.Worker, Pairs.Job with { District = "songjiang" });
        var any = Pairs.Explain(Pairs.Worker with { DesiredDistricts = [] }, Pairs.Job with { District = "songjiang" });

        Assert.True(first.Score > second.Score);
        Assert.True(second.Score > any.Score);
        Assert.Equal("松江 第2意向区域", Label(second, "districtFit"));
        Assert.Equal("松江 · 不限区域", Label(any, "districtFit"));
    }

    [Fact]
    public void Arriving_later_scores_less()
    {
        var late = Pairs.Explain(Pairs.Worker with { AvailableFrom = Pairs.Start.AddDays(7) }, Pairs.Job);

        Assert.True(late.Score < Pairs.Explain(Pairs.Worker, Pairs.Job).Score);
        Assert.Equal("开工后 7 天到岗", Label(late, "availabilityFit"));
    }

    [Fact]
    public void A_higher_offer_scores_more()
    {
        var richer = Pairs.Score(Pairs.Worker, Pairs.Job with { WageMin = 7500, WageMax = 9000 });

        Assert.True(richer.Score > Pairs.Score(Pairs.Worker, Pairs.Job).Score);
    }

    [Fact]
    public void Needing_lodging_where_none_is_provided_scores_less()
    {
        var unhoused = Pairs.Explain(Pairs.Worker, Pairs.Job with { ProvidesHousing = false });
        var independent = Pairs.Explain(Pairs.Worker with { NeedsLodging = false }, Pairs.Job with { ProvidesHousing = false });

        Assert.Equal("需住宿 · 不包住", Label(unhoused, "housingFit"));
        Assert.Equal(0, unhoused.Reasons.Single(r => r.Code == "housingFit").Points);
        Assert.Equal("无需住宿", Label(independent, "housingFit"));
        Assert.True(independent.Score > unhoused.Score);
    }

    [Fact]
    public void Extra_certificates_of_the_trade_earn_the_bonus()
    {
        var extra = Pairs.Explain(Pairs.Worker.WithSkill("welder", "intermediate", "焊工证", "高处作业证", "电工证"), Pairs.Job);

        Assert.Equal("证书齐全 ✔（焊工证） · 另持证书 2 项", Label(extra, "certificates"));
        Assert.Equal(5, extra.Reasons.Single(r => r.Code == "certificates").Points);
    }

    [Fact]
    public void Weights_are_normalised_so_only_their_proportions_matter()
    {
        var tenfold = new ScoringOptions
        {
            Weights = new ScoreWeights { LevelFit = 250, WageFit = 300, DistrictFit = 150, AvailabilityFit = 150, HousingFit = 100, Certificates = 50 },
        };

        Assert.Equal(Pairs.Explain(Pairs.Worker, Pairs.Job).Reasons.ToArray(), Pairs.Explain(Pairs.Worker, Pairs.Job, tenfold).Reasons.ToArray());
    }

    [Fact]
    public void A_component_weighted_zero_is_left_out()
    {
        var options = new ScoringOptions { Weights = new ScoreWeights { Certificates = 0, HousingFit = 0 } };

        var explanation = Pairs.Explain(Pairs.Worker, Pairs.Job, options);

        Assert.DoesNotContain(explanation.Reasons, r => r.Code is "certificates" or "housingFit");
        Assert.Equal(explanation.Score, explanation.Reasons.Sum(r => r.Points));
    }

    [Fact]
    public void A_configured_trade_is_labelled_from_the_reference_data()
    {
        var reference = new ReferenceData(new Dictionary<string, string> { ["glazier"] = "玻璃安装工" });
        var worker = WorkerSummary.From(Pairs.Worker.WithSkill("welder", "junior"));
        var job = JobSummary.From(Pairs.Job with { Trade = "glazier", RequiredCertificates = [] });

        var explanation = MatchScorer.Explain(worker, job, new ScoringOptions(), reference);

        Assert.Equal("不具备工种 玻璃安装工", explanation.FailedFilters.Single().Label);
    }

    [Fact]
    public void Create_match_carries_the_ids_score_and_reasons_of_explain()
    {
        var worker = WorkerSummary.From(Pairs.Worker);
        var job = JobSummary.From(Pairs.Job);
        var options = new ScoringOptions();

        var match = MatchScorer.CreateMatch(worker, job, options);
        var explanation = MatchScorer.Explain(worker, job, options);

        Assert.NotNull(match);
        Assert.Equal(("w-1", "j-1"), (match.WorkerId, match.JobOrderId));
        Assert.Equal(explanation.Score, match.Score);
        Assert.Equal(explanation.Reasons.ToArray(), match.Reasons.ToArray());
        Assert.Null(MatchScorer.CreateMatch(WorkerSummary.From(Pairs.Worker with { MinWage = 9000 }), job, options));
    }

    [Property(MaxTest = 300)]
    public Property Any_pair_scores_within_0_and_100() =>
        Prop.ForAll(
            (from worker in ScoringGen.Worker("w-1")
             from job in ScoringGen.Job("j-1")
             from options in ScoringGen.Options()
             select (worker, job, options)).ToArbitrary(),
            t =>
            {
                var (worker, job, options) = t;
                var score = Pairs.Score(worker, job, options);
                var explanation = Pairs.Explain(worker, job, options);
                var all = Pairs.Failed(explanation);
                return score.Score is >= 0 and <= 100
                    && score.Eligible == explanation.Eligible
                    && (score.Failed & all) == score.Failed
                    && explanation.FailedFilters.Select(f => f.Code).Distinct().Count() == explanation.FailedFilters.Length
                    && score.Score == explanation.Score
                    && explanation.Eligible == explanation.FailedFilters.IsEmpty;
            });

    [Property(MaxTest = 300)]
    public Property Eligible_pairs_have_reasons_whose_points_add_up_to_the_score() =>
        Prop.ForAll(
            ScoringGen.EligiblePair().ToArbitrary(),
            t =>
            {
                var explanation = Pairs.Explain(t.Worker, t.Job, t.Options);
                return explanation.Eligible
                    && explanation.Score is >= 0 and <= 100
                    && !explanation.Reasons.IsEmpty
                    && explanation.Reasons.All(r => r.Code.Length > 0 && r.Label.Length > 0 && r.Points >= 0)
                    && explanation.Reasons.Sum(r => r.Points) == explanation.Score;
            });

    private static string Label(MatchExplanation explanation, string code) =>
        explanation.Reasons.Single(r => r.Code == code).Label;
}
