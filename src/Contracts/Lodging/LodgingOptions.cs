using Matching.Holds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Lodging;

/// <summary>Limits of bed reservations, bound from <c>Matching:Lodging</c>; a hold's time to live as every hold's (<see cref="HoldTtlOptions"/>).</summary>
public sealed class LodgingOptions : HoldTtlOptions
{
    public const string Section = "Matching:Lodging";

    /// <summary>The keys of a bed hold's time to live before they were every hold's.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>
    {
        ["HoldTtlSeconds"] = nameof(DefaultTtlSeconds),
        ["MinHoldTtlSeconds"] = nameof(MinTtlSeconds),
        ["MaxHoldTtlSeconds"] = nameof(MaxTtlSeconds),
    };

    /// <summary>A bed is kept at least a minute: the time to walk a worker to the desk.</summary>
    public LodgingOptions() => MinTtlSeconds = 60;

    /// <summary>Longest stay in nights: the article's "a few days up to half a month".</summary>
    public int MaxNights { get; set; } = 15;

    /// <summary>How far ahead a stay may start, in days from today.</summary>
    public int MaxDaysAhead { get; set; } = 60;

    public override IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(base.Problems());
        if (MaxNights is < 1 or > StayRules.MaxRangeNights)
        {
            problems.Add($"{nameof(MaxNights)} must be between 1 and {StayRules.MaxRangeNights}.");
        }

        if (MaxDaysAhead is < 0 or > 366)
        {
            problems.Add($"{nameof(MaxDaysAhead)} must be between 0 and 366.");
        }

        return problems;
    }
}

/// <summary>The lodging part of a silo's services.</summary>
public static class LodgingServices
{
    /// <summary>Binds <see cref="LodgingOptions"/> and checks them when the silo starts.</summary>
    public static IServiceCollection AddLodging(this IServiceCollection services, IConfiguration configuration) =>
        services.AddHoldTtlOptions<LodgingOptions>(configuration, LodgingOptions.Section, LodgingOptions.Renamed);
}
