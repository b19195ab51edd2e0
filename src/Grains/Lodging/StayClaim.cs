using Matching.Holds;

namespace Matching.Lodging;

/// <summary>A worker's one stay: which reservation, at which site, binding until <see cref="BindsUntil"/>.</summary>
/// <remarks>
/// The deadline mirrors the stay's: a hold's expiry, a booking's no-show deadline, or the end of the day of leaving
/// once checked in. So a claim lapses when its stay does, even if the site never gets to say so.
/// </remarks>
[GenerateSerializer, Immutable, Alias("StayClaim")]
public sealed record StayClaim(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string SiteId,
    [property: Id(2)] DateTimeOffset BindsUntil) : IDeadlineHold
{
    DateTimeOffset? IDeadlineHold.Deadline => BindsUntil;

    public bool IsLive(DateTimeOffset now) => Deadlines.Before(now, BindsUntil);
}
