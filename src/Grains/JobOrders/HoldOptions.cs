namespace Matching.JobOrders;

/// <summary>Time to live of slot holds, bound from <c>Matching:Holds</c>.</summary>
public sealed class HoldOptions
{
    public const string Section = "Matching:Holds";

    /// <summary>A recruiter's hold lasts 30 minutes unless the request asks otherwise.</summary>
    public int DefaultTtlSeconds { get; set; } = 1800;
    public int MinTtlSeconds { get; set; } = 30;
    /// <summary>One day: long enough for an interview, short enough that a forgotten hold frees its slot.</summary>
    public int MaxTtlSeconds { get; set; } = 86_400;

    /// <summary>
    /// Live holds one employer may have over all its orders: a hold opens a worker's name and phone to it, so a
    /// recruiter cannot open thousands at once. A fair's busiest employer holds a few dozen.
    /// </summary>
    public int MaxLivePerEmployer { get; set; } = 200;
}
