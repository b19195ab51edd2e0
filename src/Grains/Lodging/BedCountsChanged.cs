using Matching.Feeds;

namespace Matching.Lodging;

/// <summary>Pushed to a site's operators whenever a stay or a bed changes the counts of some nights.</summary>
[GenerateSerializer, Immutable, Alias("BedCountsChanged")]
public sealed record BedCountsChanged(
    [property: Id(0)] string SiteId,
    [property: Id(1)] NightCounts[] Nights) : FeedEvent
{
    public override string Type => "BedCountsChanged";
}
