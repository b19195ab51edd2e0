using Matching.Holds;

namespace Matching.JobOrders;

/// <summary>Slot holds, bound from <c>Matching:Holds</c>: their time to live (<see cref="HoldTtlOptions"/>) and how many one employer may have.</summary>
public sealed class HoldOptions : HoldTtlOptions
{
    public const string Section = "Matching:Holds";

    /// <summary>
    /// Live holds one employer may have over all its orders: a hold opens a worker's name and phone to it, so a
    /// recruiter cannot open thousands at once. A fair's busiest employer holds a few dozen.
    /// </summary>
    public int MaxLivePerEmployer { get; set; } = 200;
}
