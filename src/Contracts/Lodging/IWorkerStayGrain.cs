using Matching.Holds;

namespace Matching.Lodging;

/// <summary>
/// The lodging side of one worker (key: the worker id): at most one live or occupied stay, at any site.
/// Only site grains call it, each for its own reservations; it calls nobody.
/// </summary>
[Alias("IWorkerStayGrain")]
public interface IWorkerStayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records <paramref name="claim"/> as the worker's stay, or moves its deadline when it already is;
    /// 409 <c>worker-has-stay</c> when another stay still binds.
    /// </summary>
    [Alias("Claim")]
    Task ClaimAsync(StayClaim claim);

    /// <summary>Lets go of the reservation's claim; harmless when it no longer holds it.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string reservationId);

    /// <summary>The claim that binds the worker now, if any.</summary>
    [Alias("Get")]
    Task<StayClaim?> GetAsync();
}

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
