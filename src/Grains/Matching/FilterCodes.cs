namespace Matching.Scoring;

/// <summary>The stable codes of <see cref="HardFilters"/> in the API (<c>failedFilters[].code</c>).</summary>
public static class FilterCodes
{
    public const string Trade = "trade";
    public const string Level = "level";
    public const string Certificates = "certificates";
    public const string Availability = "availability";
    public const string District = "district";
    public const string Wage = "wage";
    public const string Interns = "interns";

    /// <summary>The code of a single filter flag.</summary>
    public static string Of(HardFilters filter) => filter switch
    {
        HardFilters.Trade => Trade,
        HardFilters.Level => Level,
        HardFilters.Certificates => Certificates,
        HardFilters.Availability => Availability,
        HardFilters.District => District,
        HardFilters.Wage => Wage,
        HardFilters.Interns => Interns,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Not a single filter."),
    };
}
