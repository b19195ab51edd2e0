using Matching.Lodging;

namespace Matching.Workload;

/// <summary>
/// Sizes of a generated workload. The defaults are the standard workload of the benchmarks;
/// the same options always give the same data.
/// </summary>
public sealed record WorkloadOptions
{
    /// <summary>The day of the article's fair (2024-08-28), so that every run starts from the same numbers.</summary>
    public const int DefaultSeed = 20240828;

    public int Seed { get; init; } = DefaultSeed;

    public int Employers { get; init; } = 500;

    public int JobOrders { get; init; } = 10_000;

    public int Workers { get; init; } = 100_000;

    /// <summary>The article's 19 hotels of the 有“嘉”客栈 scheme.</summary>
    public int LodgingSites { get; init; } = 19;

    /// <summary>All beds of all sites; the article's 1,669.</summary>
    public int Beds { get; init; } = 1_669;

    public int MinBedsPerSite { get; init; } = 40;

    public int MaxBedsPerSite { get; init; } = 150;

    /// <summary>Employers taking part in the fair; all of them when there are fewer.</summary>
    public int FairEmployers { get; init; } = 300;

    /// <summary>
    /// The day every generated date is counted from. It has no default because the clock
    /// would make the output differ from one day to the next.
    /// </summary>
    public required DateOnly Today { get; init; }

    /// <summary>Throws when the sizes cannot be met, before anything is generated.</summary>
    internal void Validate()
    {
        RequireAtLeast(Employers, 0, nameof(Employers));
        RequireAtLeast(JobOrders, 0, nameof(JobOrders));
        RequireAtLeast(Workers, 0, nameof(Workers));
        RequireAtLeast(LodgingSites, 0, nameof(LodgingSites));
        RequireAtLeast(FairEmployers, 0, nameof(FairEmployers));
        RequireAtLeast(MinBedsPerSite, 1, nameof(MinBedsPerSite));
        RequireAtLeast(MaxBedsPerSite, MinBedsPerSite, nameof(MaxBedsPerSite));
        if (MaxBedsPerSite > LodgingRules.MaxBedsPerSite)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBedsPerSite), MaxBedsPerSite, $"A site holds at most {LodgingRules.MaxBedsPerSite} beds.");
        }

        if (Today == default)
        {
            throw new ArgumentException("Today must be set.", nameof(Today));
        }

        if (JobOrders > 0 && Employers == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Employers), Employers, "Job orders need at least one employer.");
        }

        if (Beds < (long)LodgingSites * MinBedsPerSite || Beds > (long)LodgingSites * MaxBedsPerSite)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Beds),
                Beds,
                $"{LodgingSites} sites of {MinBedsPerSite}-{MaxBedsPerSite} beds hold between {LodgingSites * MinBedsPerSite} and {LodgingSites * MaxBedsPerSite}.");
        }
    }

    private static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be at least {minimum}.");
        }
    }
}
