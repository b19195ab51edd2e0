using System.Globalization;
using Matching.Validation;

namespace Matching.Reports;

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
