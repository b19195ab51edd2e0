using Matching.Lodging;

namespace Matching.Feeds;

// What a lodging operator's dashboard hears on its site's channel (/hubs/lodging).

/// <summary>Pushed to a site's operators whenever a stay or a bed changes the counts of some nights.</summary>
[GenerateSerializer, Immutable, Alias("BedCountsChanged")]
public sealed record BedCountsChanged(
    [property: Id(0)] string SiteId,
    [property: Id(1)] NightCounts[] Nights) : FeedEvent
{
    public override string Type => nameof(BedCountsChanged);
}
