using System.Globalization;
using Matching.Validation;

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

/// <summary>
/// The rules of report queries: dates as <c>yyyy-MM-dd</c>, a range of at most <see cref="MaxDays"/> days,
/// and a grouping the report knows. Every error at once, per field, like the entities' rules.
/// </summary>
public static class ReportRules
{
    /// <summary>About six years: every figure since the cooperation's current plan period began.</summary>
    public const int MaxDays = 2_200;

    /// <summary>The report's groupings, the first being the default.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Groupings = new Dictionary<string, string[]>
    {
        [ReportKinds.Placements] = ["province", "prefecture", "county", "category", "trade", "district", "keyEnterprise"],
        [ReportKinds.Interns] = ["programme", "employer"],
        [ReportKinds.Lodging] = ["site", "town"],
        [ReportKinds.Fairs] = ["fair", "hour", "province", "prefecture"],
    };

    /// <summary>
    /// The query of <paramref name="report"/> from the raw parameters. Without dates it covers the year to date;
    /// with only one, that one and today (or the first of its year). <paramref name="alsoCheck"/> adds the caller's
    /// own parameters' errors (an export format), so a request hears of every bad parameter at once.
    /// </summary>
    public static ReportQuery Normalize(
        string report, string? from, string? to, string? groupBy, string? fairId, DateOnly today, Action<FieldErrors>? alsoCheck = null)
    {
        var e = new FieldErrors();
        alsoCheck?.Invoke(e);
        var (end, endRead) = ParseDate(e, "to", to, today);
        var (start, startRead) = ParseDate(e, "from", from, new DateOnly(end.Year, 1, 1));
        if (endRead && startRead && start > end)
        {
            e.Add("from", "must not be after to.");
        }
        else if (endRead && startRead && end.DayNumber - start.DayNumber >= MaxDays)
        {
            e.Add("to", $"the range may cover at most {MaxDays} days.");
        }

        var groupings = Groupings[report];
        var fair = fairId?.Trim() ?? "";
        if (fair.Length > 0 && !FieldErrors.IsValidId(fair))
        {
            e.Add("fairId", "is not a valid id.");
        }

        // A fair's own day is its range: grouping it by fair says nothing, so it defaults to the hour.
        var defaultGrouping = report == ReportKinds.Fairs && fair.Length > 0 ? "hour" : groupings[0];
        var grouping = string.IsNullOrWhiteSpace(groupBy) ? defaultGrouping : groupBy.Trim();
        var known = groupings.FirstOrDefault(g => g.Equals(grouping, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            e.Add("groupBy", $"must be one of: {string.Join(", ", groupings)}.");
        }

        e.ThrowIfAny();
        return new ReportQuery(start, end, known!, null, fair.Length > 0 ? fair : null);
    }

    /// <summary>The date given, or <paramref name="otherwise"/> when none was; read is false when it was not a date.</summary>
    private static (DateOnly Date, bool Read) ParseDate(FieldErrors e, string field, string? value, DateOnly otherwise)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (otherwise, true);
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date, true);
        }

        e.Add(field, "must be a date yyyy-MM-dd.");
        return (otherwise, false);
    }
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
