namespace Matching.Scoring;

/// <summary>The hard filters a worker–job pair must all pass; as flags, the ones it failed.</summary>
[Flags]
public enum HardFilters
{
    None = 0,

    /// <summary>The worker practises the job's trade.</summary>
    Trade = 1 << 0,

    /// <summary>The worker's level in that trade is at least the job's minimum.</summary>
    Level = 1 << 1,

    /// <summary>The worker holds, for that trade, every certificate the job requires.</summary>
    Certificates = 1 << 2,

    /// <summary>The worker is available by the job's start date plus the grace days.</summary>
    Availability = 1 << 3,

    /// <summary>The worker desires no district in particular, or the job's.</summary>
    District = 1 << 4,

    /// <summary>The top of the job's wage range reaches the worker's minimum.</summary>
    Wage = 1 << 5,

    /// <summary>A student intern only goes where interns are accepted.</summary>
    Interns = 1 << 6,
}

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

/// <summary>A hard filter a pair failed, e.g. <c>("wage", "期望薪资 8000 &gt; 最高 7500")</c>.</summary>
[GenerateSerializer, Immutable, Alias("FailedFilter")]
public sealed record FailedFilter(
    [property: Id(0)] string Code,
    [property: Id(1)] string Label);
