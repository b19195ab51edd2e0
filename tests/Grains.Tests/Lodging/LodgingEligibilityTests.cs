using Matching.Lodging;
using Matching.Workers;
using static Matching.Tests.Lodging.LodgingSamples;

namespace Matching.Tests.Lodging;

public sealed class LodgingEligibilityTests
{
    private static readonly DateTimeOffset _now = Start;

    private static WorkerView HiredBy(string employerId) =>
        WorkerView(WorkerStatus.Hired, hire: new WorkerHire("h1", "job1", employerId, _now.AddDays(-1)));

    private static WorkerView HeldBy(string employerId, TimeSpan left) =>
        WorkerView(WorkerStatus.Held, hold: new WorkerHold("h1", "job1", employerId, _now + left));

    [Fact]
    public void A_hire_by_a_key_enterprise_in_good_standing_is_eligible()
    {
        var decision = LodgingEligibility.Decide(HiredBy("e1"), Employer("e1"), null, _now);

        Assert.True(decision.Eligible);
        Assert.Equal(LodgingEligibility.Hired, decision.Basis);
        Assert.Equal("e1", decision.EmployerId);
    }

    [Fact]
    public void A_live_hold_by_a_key_enterprise_on_watch_is_eligible()
    {
        var decision = LodgingEligibility.Decide(HeldBy("e1", TimeSpan.FromMinutes(5)), Employer("e1", credit: "watch"), null, _now);

        Assert.True(decision.Eligible);
        Assert.Equal(LodgingEligibility.Held, decision.Basis);
    }

    [Fact]
    public void A_lapsed_hold_binds_no_employer()
    {
        var worker = HeldBy("e1", TimeSpan.Zero);

        Assert.Null(LodgingEligibility.EmployerOf(worker, _now));
        Assert.False(LodgingEligibility.Decide(worker, Employer("e1"), null, _now).Eligible);
    }

    [Theory]
    [InlineData(false, "good", "not a key enterprise")]
    [InlineData(true, "blocked", "blocked by credit assessment")]
    [InlineData(true, "BLOCKED", "blocked by credit assessment")]
    public void Employers_off_the_list_give_no_bed(bool key, string credit, string reason)
    {
        var decision = LodgingEligibility.Decide(HiredBy("e1"), Employer("e1", key, credit), null, _now);

        Assert.False(decision.Eligible);
        Assert.Equal(LodgingEligibility.None, decision.Basis);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("'e1'", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_or_other_employer_gives_no_bed()
    {
        Assert.False(LodgingEligibility.Decide(HiredBy("e1"), null, null, _now).Eligible);
        Assert.False(LodgingEligibility.Decide(HiredBy("e1"), Employer("e2"), null, _now).Eligible);
    }

    [Fact]
    public void A_seeking_worker_needs_a_credit_commitment()
    {
        var seeking = WorkerView(WorkerStatus.Seeking);

        var without = LodgingEligibility.Decide(seeking, null, null, _now);
        var with = LodgingEligibility.Decide(seeking, null, Commitment, _now);

        Assert.False(without.Eligible);
        Assert.Contains("neither hired nor held", without.Reason, StringComparison.Ordinal);
        Assert.True(with.Eligible);
        Assert.Equal(LodgingEligibility.OnCreditCommitment, with.Basis);
        Assert.Contains(Commitment.SignedBy, with.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credit_commitment_admits_the_new_hire_of_a_blocked_employer()
    {
        var decision = LodgingEligibility.Decide(HiredBy("e1"), Employer("e1", credit: "blocked"), Commitment, _now);

        Assert.True(decision.Eligible);
        Assert.Equal(LodgingEligibility.OnCreditCommitment, decision.Basis);
        Assert.Equal("e1", decision.EmployerId);
    }

    [Fact]
    public void A_withdrawn_worker_gets_no_bed_even_on_a_commitment()
    {
        var decision = LodgingEligibility.Decide(WorkerView(WorkerStatus.Withdrawn), null, Commitment, _now);

        Assert.False(decision.Eligible);
        Assert.Contains("withdrawn", decision.Reason, StringComparison.Ordinal);
    }
}
