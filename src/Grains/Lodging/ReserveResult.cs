namespace Matching.Lodging;

/// <summary>
/// The answer to a stay request: the reservation, or the nights on which every bed is taken.
/// A full site is an expected answer under contention, so it is a value rather than an exception.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReserveResult")]
public sealed record ReserveResult(
    [property: Id(0)] Reservation? Reservation,
    [property: Id(1)] DateOnly[] FullNights)
{
    public static ReserveResult Reserved(Reservation reservation) => new(reservation, []);

    /// <summary>No single bed is free for every night; <paramref name="fullNights"/> may be empty when each night has a bed but no bed has them all.</summary>
    public static ReserveResult Full(DateOnly[] fullNights) => new(null, fullNights);
}
