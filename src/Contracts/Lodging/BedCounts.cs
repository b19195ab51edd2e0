namespace Matching.Lodging;

/// <summary>
/// A site's beds on one night. <see cref="Total"/> counts every bed, out of service too;
/// <see cref="Free"/> only beds in service with no stay that night, so free + held + occupied may be below total.
/// </summary>
[GenerateSerializer, Immutable, Alias("NightCounts")]
public sealed record NightCounts(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] int Total,
    [property: Id(2)] int Free,
    [property: Id(3)] int Held,
    [property: Id(4)] int Occupied);

/// <summary>A site's counts for the nights <c>[From, To)</c>.</summary>
[GenerateSerializer, Immutable, Alias("SiteAvailability")]
public sealed record SiteAvailability(
    [property: Id(0)] string SiteId,
    [property: Id(1)] DateOnly From,
    [property: Id(2)] DateOnly To,
    [property: Id(3)] NightCounts[] Nights);
