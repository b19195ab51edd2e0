using Matching.Scoring;

namespace Matching.Tests.Scoring;

public sealed class HardFilterTests
{
    [Fact]
    public void The_baseline_pair_passes_every_filter()
    {
        var explanation = Pairs.Explain(Pairs.Worker, Pairs.Job);

        Assert.True(explanation.Eligible);
        Assert.Empty(explanation.FailedFilters);
        Assert.Equal(HardFilters.None, Pairs.Failed(explanation));
    }

    [Fact]
    public void A_worker_without_the_trade_fails_trade()
    {
        var explanation = Pairs.Explain(Pairs.Worker.WithSkill("fitter", "senior", "焊工证"), Pairs.Job);

        AssertOnlyFailure(explanation, "trade", "不具备工种 电焊工");
    }

    [Fact]
    public void A_level_below_the_minimum_fails_level()
    {
        var explanation = Pairs.Explain(Pairs.Worker.WithSkill("welder", "junior", "焊工证"), Pairs.Job);

        AssertOnlyFailure(explanation, "level", "电焊工 初级 < 要求 中级");
    }

    [Fact]
    public void A_missing_required_certificate_fails_certificates_and_names_it()
    {
        var job = Pairs.Job with { RequiredCertificates = ["焊工证", "高处作业证"] };

        var explanation = Pairs.Explain(Pairs.Worker, job);

        AssertOnlyFailure(explanation, "certificates", "缺少证书 高处作业证");
    }

    [Fact]
    public void Certificates_match_whatever_their_case()
    {
        var worker = Pairs.Worker.WithSkill("welder", "intermediate", "ipc-a-610");
        var job = Pairs.Job with { RequiredCertificates = ["IPC-A-610"] };

        Assert.True(Pairs.Explain(worker, job).Eligible);
    }

    [Fact]
    public void Certificates_of_another_trade_do_not_count()
    {
        var worker = Pairs.Worker with
        {
            Skills =
            [
                new() { Trade = "welder", Level = "senior", Certificates = [] },
                new() { Trade = "electrician", Level = "junior", Certificates = ["焊工证"] },
            ],
        };

        AssertOnlyFailure(Pairs.Explain(worker, Pairs.Job), "certificates", "缺少证书 焊工证");
    }

    [Fact]
    public void Arriving_within_the_grace_passes_and_after_it_fails_availability()
    {
        var options = new ScoringOptions { AvailabilityGraceDays = 14 };

        Assert.True(Pairs.Explain(Pairs.Worker with { AvailableFrom = Pairs.Start.AddDays(14) }, Pairs.Job, options).Eligible);
        AssertOnlyFailure(
            Pairs.Explain(Pairs.Worker with { AvailableFrom = Pairs.Start.AddDays(15) }, Pairs.Job, options),
            "availability",
            "可到岗 2025-03-16 晚于开工 2025-03-01 超过 14 天");
    }

    [Fact]
    public void The_grace_is_configurable()
    {
        var worker = Pairs.Worker with { AvailableFrom = Pairs.Start.AddDays(3) };

        Assert.Equal(HardFilters.Availability, Pairs.Score(worker, Pairs.Job, new ScoringOptions { AvailabilityGraceDays = 2 }).Failed);
        Assert.True(Pairs.Score(worker, Pairs.Job, new ScoringOptions { AvailabilityGraceDays = 3 }).Eligible);
    }

    [Fact]
    public void A_district_outside_the_desired_ones_fails_district()
    {
        var explanation = Pairs.Explain(Pairs.Worker, Pairs.Job with { District = "pudong" });

        AssertOnlyFailure(explanation, "district", "意向区域不含 浦东新区");
    }

    [Fact]
    public void A_worker_with_no_desired_district_accepts_any()
    {
        Assert.True(Pairs.Explain(Pairs.Worker with { DesiredDistricts = [] }, Pairs.Job with { District = "chongming" }).Eligible);
    }

    [Fact]
    public void A_wage_range_topping_out_below_the_minimum_fails_wage()
    {
        var explanation = Pairs.Explain(Pairs.Worker with { MinWage = 8000 }, Pairs.Job);

        AssertOnlyFailure(explanation, "wage", "期望薪资 8000 > 最高 7500");
    }

    [Fact]
    public void A_minimum_equal_to_the_top_of_the_range_passes()
    {
        Assert.True(Pairs.Explain(Pairs.Worker with { MinWage = 7500 }, Pairs.Job).Eligible);
    }

    [Fact]
    public void A_student_intern_fails_interns_unless_the_job_accepts_them()
    {
        var intern = Pairs.Worker with { Categories = ["studentIntern"] };

        AssertOnlyFailure(Pairs.Explain(intern, Pairs.Job), "interns", "岗位不接收实习生");
        Assert.True(Pairs.Explain(intern, Pairs.Job with { AcceptsInterns = true }).Eligible);
    }

    [Fact]
    public void Every_failed_filter_is_listed_in_a_fixed_order_and_the_score_is_zero()
    {
        var worker = Pairs.Worker.WithSkill("fitter", "junior") with
        {
            Categories = ["studentIntern"],
            MinWage = 9000,
            AvailableFrom = Pairs.Start.AddDays(30),
        };

        var explanation = Pairs.Explain(worker, Pairs.Job with { District = "pudong" });

        Assert.False(explanation.Eligible);
        Assert.Equal(0, explanation.Score);
        Assert.Empty(explanation.Reasons);
        Assert.Equal(["trade", "availability", "district", "wage", "interns"], explanation.FailedFilters.Select(f => f.Code));
    }

    [Fact]
    public void Explain_names_every_failure_while_score_may_stop_at_the_first()
    {
        var worker = Pairs.Worker.WithSkill("welder", "junior") with { MinWage = 9000 };

        var score = Pairs.Score(worker, Pairs.Job);
        var explanation = Pairs.Explain(worker, Pairs.Job);
        var all = Pairs.Failed(explanation);

        Assert.Equal(HardFilters.Level | HardFilters.Certificates | HardFilters.Wage, all);
        Assert.Equal(["level", "certificates", "wage"], explanation.FailedFilters.Select(f => f.Code));
        Assert.False(score.Eligible);
        Assert.NotEqual(HardFilters.None, score.Failed);
        Assert.Equal(score.Failed, score.Failed & all);
        Assert.Equal(0, score.Score);
    }

    private static void AssertOnlyFailure(MatchExplanation explanation, string code, string label)
    {
        Assert.False(explanation.Eligible);
        var failure = Assert.Single(explanation.FailedFilters);
        Assert.Equal(code, failure.Code);
        Assert.Equal(label, failure.Label);
    }
}
