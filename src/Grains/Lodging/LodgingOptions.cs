namespace Matching.Lodging;

/// <summary>Limits of bed reservations, bound from <c>Matching:Lodging</c>.</summary>
public sealed class LodgingOptions
{
    public const string Section = "Matching:Lodging";

    /// <summary>Longest stay in nights: the article's "a few days up to half a month".</summary>
    public int MaxNights { get; set; } = 15;

    /// <summary>How far ahead a stay may start, in days from today.</summary>
    public int MaxDaysAhead { get; set; } = 60;

    /// <summary>How long a bed is held for a worker when the request names no time to live.</summary>
    public int HoldTtlSeconds { get; set; } = 1800;

    public int MinHoldTtlSeconds { get; set; } = 60;

    /// <summary>A hold longer than a day would keep beds from other new hires; confirm the stay instead.</summary>
    public int MaxHoldTtlSeconds { get; set; } = 86_400;

    /// <summary>Every broken limit, so a bad configuration stops the silo at start with all reasons at once.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxNights is < 1 or > StayRules.MaxRangeNights)
        {
            problems.Add($"{nameof(MaxNights)} must be between 1 and {StayRules.MaxRangeNights}.");
        }

        if (MaxDaysAhead is < 0 or > 366)
        {
            problems.Add($"{nameof(MaxDaysAhead)} must be between 0 and 366.");
        }

        if (MinHoldTtlSeconds < 1 || MinHoldTtlSeconds > HoldTtlSeconds || HoldTtlSeconds > MaxHoldTtlSeconds)
        {
            problems.Add($"hold times must satisfy 1 <= {nameof(MinHoldTtlSeconds)} <= {nameof(HoldTtlSeconds)} <= {nameof(MaxHoldTtlSeconds)}.");
        }

        if (MaxHoldTtlSeconds > 7 * 86_400)
        {
            problems.Add($"{nameof(MaxHoldTtlSeconds)} must be at most a week.");
        }

        return problems;
    }
}
