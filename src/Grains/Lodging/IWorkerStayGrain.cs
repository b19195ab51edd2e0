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
