namespace Matching.Reports;

/// <summary>What a report is asked for, checked.</summary>
/// <param name="From">First day, inclusive, in Shanghai time.</param>
/// <param name="To">Last day, inclusive.</param>
/// <param name="GroupBy">One of the report's groupings.</param>
/// <param name="EmployerId">Set for a recruiter: only its employer's rows are counted.</param>
/// <param name="FairId">The fair report for one fair day (its date then stands for the range).</param>
[GenerateSerializer, Immutable, Alias("ReportQuery")]
public sealed record ReportQuery(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] string GroupBy,
    [property: Id(3)] string? EmployerId = null,
    [property: Id(4)] string? FairId = null)
{
    public bool Covers(DateOnly day) => day >= From && day <= To;
}

/// <summary>The reports the product answers.</summary>
public static class ReportKinds
{
    public const string Placements = "placements";
    public const string Interns = "interns";
    public const string Lodging = "lodging";
    public const string Fairs = "fairs";
}

/// <summary>
/// Reports count by Shanghai's calendar, where the work happens: a hire at 23:30 UTC belongs to the next day.
/// China keeps one offset all year, so a fixed one is exact.
/// </summary>
public static class ShanghaiTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Of(DateTimeOffset moment) => moment.ToOffset(Offset);

    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(Of(moment).DateTime);

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());
}
