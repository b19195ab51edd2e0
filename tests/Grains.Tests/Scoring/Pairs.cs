using Matching.JobOrders;
using Matching.Scoring;
using Matching.Workers;

namespace Matching.Tests.Scoring;

/// <summary>A worker and a job order that match on every filter, to vary one field at a time.</summary>
internal static class Pairs
{
    public static readonly DateOnly Start = new(2025, 3, 1);

    public static WorkerProfile Worker { get; } = new()
    {
        Id = "w-1",
        Categories = ["ruralLabour"],
        Skills = [new WorkerSkill { Trade = "welder", Level = "intermediate", Certificates = ["焊工证"] }],
        DesiredDistricts = ["minhang", "songjiang"],
        MinWage = 6000,
        AvailableFrom = Start,
        NeedsLodging = true,
        Programmes = ["临沧技师学院"],
    };

    public static JobOrderProfile Job { get; } = new()
    {
        Id = "j-1",
        EmployerId = "e-1",
        Title = "电焊工",
        Trade = "welder",
        MinLevel = "intermediate",
        RequiredCertificates = ["焊工证"],
        Headcount = 3,
        WageMin = 6500,
        WageMax = 7500,
        District = "minhang",
        ProvidesHousing = true,
        StartDate = Start,
        AcceptsInterns = false,
    };

    public static MatchExplanation Explain(WorkerProfile worker, JobOrderProfile job, ScoringOptions? options = null) =>
        MatchScorer.Explain(WorkerSummary.From(worker), JobSummary.From(job), options ?? new ScoringOptions());

    public static MatchScore Score(WorkerProfile worker, JobOrderProfile job, ScoringOptions? options = null) =>
        MatchScorer.Score(WorkerSummary.From(worker), JobSummary.From(job), options ?? new ScoringOptions());

    /// <summary>Every hard filter the pair fails, as flags: the codes an explanation names.</summary>
    public static HardFilters Failed(MatchExplanation explanation) =>
        explanation.FailedFilters.Aggregate(
            HardFilters.None,
            (failed, filter) => failed | Enum.GetValues<HardFilters>().Single(f => f != HardFilters.None && FilterCodes.Of(f) == filter.Code));

    public static WorkerProfile WithSkill(this WorkerProfile worker, string trade, string level, params string[] certificates) =>
        worker with { Skills = [new WorkerSkill { Trade = trade, Level = level, Certificates = certificates }] };
}
