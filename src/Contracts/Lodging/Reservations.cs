using System.Globalization;
using System.Text.Json.Serialization;
using Matching.Holds;

namespace Matching.Lodging;

/// <summary>
/// One stay at a site: a bed for the nights <see cref="From"/> up to <see cref="To"/> (exclusive).
/// Kept in the site's state while live and until archived once ended (see <c>StayLedger</c>); every change
/// replaces the record, and an ended one never changes again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Reservation")]
public sealed record Reservation : IDeadlineHold
{
    [Id(0)] public string ReservationId { get; init; } = "";
    [Id(1)] public string BedId { get; init; } = "";
    [Id(2)] public string SiteId { get; init; } = "";
    [Id(3)] public string WorkerId { get; init; } = "";
    [Id(4)] public DateOnly From { get; init; }
    [Id(5)] public DateOnly To { get; init; }
    [Id(6)] public ReservationStatus Status { get; init; }
    /// <summary>While held or confirmed: the moment the bed stops being kept. Null once checked in.</summary>
    [Id(7)] public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>The end (exclusive) of the nights the stay takes: <see cref="To"/>, or the check-out day when earlier.</summary>
    [Id(8)] public DateOnly Until { get; init; }
    /// <summary><c>hired</c>, <c>held</c> or <c>creditCommitment</c>: why the worker was given a bed.</summary>
    [Id(9)] public string Basis { get; init; } = "";
    /// <summary>The key enterprise that made the worker eligible, if any.</summary>
    [Id(10)] public string? EmployerId { get; init; }
    [Id(11)] public CreditCommitment? CreditCommitment { get; init; }
    [Id(12)] public DateTimeOffset CreatedAt { get; init; }
    [Id(13)] public DateTimeOffset? CheckedInAt { get; init; }
    [Id(14)] public DateTimeOffset? CheckedOutAt { get; init; }
    /// <summary>When it was cancelled or found expired.</summary>
    [Id(15)] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>A hold or booking times out at <see cref="ExpiresAt"/>; nothing else does.</summary>
    DateTimeOffset? IDeadlineHold.Deadline => IsKept ? ExpiresAt : null;

    /// <summary>Held or booked before its deadline, or occupied: the stay still has a bed.</summary>
    public bool IsLive(DateTimeOffset now) =>
        Status == ReservationStatus.Occupied || (IsKept && ExpiresAt is { } deadline && Deadlines.Before(now, deadline));

    /// <summary>Completed, cancelled or expired, by the stored status: it never changes again.</summary>
    [JsonIgnore]
    public bool HasEnded => Status is ReservationStatus.Completed or ReservationStatus.Cancelled or ReservationStatus.Expired;

    /// <summary>The status as of <paramref name="now"/>: past its deadline a hold or booking is expired, stored so or not.</summary>
    public ReservationStatus StatusAt(DateTimeOffset now) => IsKept && !IsLive(now) ? ReservationStatus.Expired : Status;

    /// <summary>Held or booked: kept for the worker until the deadline.</summary>
    private bool IsKept => Status is ReservationStatus.Held or ReservationStatus.Confirmed;

    /// <summary>
    /// By the stored status: held and booked stays keep their nights, occupied and completed ones those slept in.
    /// A lapsed hold still stored as held keeps them only until the site's next sweep, which every call starts with.
    /// </summary>
    [JsonIgnore]
    public bool KeepsNights =>
        Status is ReservationStatus.Held or ReservationStatus.Confirmed or ReservationStatus.Occupied or ReservationStatus.Completed;

    /// <summary>Counted as occupied (somebody slept or sleeps there) rather than held.</summary>
    [JsonIgnore]
    public bool IsOccupancy => Status is ReservationStatus.Occupied or ReservationStatus.Completed;

    /// <summary>The view as of <paramref name="now"/>, with a lapsed deadline shown as expired.</summary>
    public Reservation At(DateTimeOffset now) =>
        StatusAt(now) is var status && status != Status ? this with { Status = status, EndedAt = ExpiresAt } : this;
}

/// <summary>Where a stay is in its life: held → (confirmed →) occupied → completed, or cancelled or expired on the way.</summary>
[GenerateSerializer, Alias("ReservationStatus")]
public enum ReservationStatus
{
    /// <summary>A bed kept for the worker until the hold's deadline.</summary>
    Held = 0,
    /// <summary>Booked: kept until the end of the first night's day, when a no-show is released.</summary>
    Confirmed = 1,
    Occupied = 2,
    Completed = 3,
    Cancelled = 4,
    /// <summary>A hold or booking whose deadline passed before check-in.</summary>
    Expired = 5,
}

/// <summary>A request for a bed at a site for the nights <c>[From, To)</c>.</summary>
[GenerateSerializer, Alias("StayRequest")]
public sealed record StayRequest
{
    [Id(0)] public string? WorkerId { get; init; }
    [Id(1)] public string? SiteId { get; init; }
    /// <summary>The first night.</summary>
    [Id(2)] public DateOnly From { get; init; }
    /// <summary>The day of leaving: its night is not part of the stay.</summary>
    [Id(3)] public DateOnly To { get; init; }
    [Id(4)] public int? TtlSeconds { get; init; }
    /// <summary>Admits a worker the employer list does not (see <c>LodgingEligibility</c>).</summary>
    [Id(5)] public CreditCommitment? CreditCommitment { get; init; }
}

/// <summary>
/// A credit commitment (信用承诺): staff admit a worker whose employer is not on the lodging list,
/// on the signer's word. Stored on the reservation it admits.
/// </summary>
[GenerateSerializer, Immutable, Alias("CreditCommitment")]
public sealed record CreditCommitment
{
    /// <summary>Who signed: the staff member or the worker, as the service station records it.</summary>
    [Id(0)] public string SignedBy { get; init; } = "";
    [Id(1)] public string Note { get; init; } = "";
}

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

/// <summary>
/// Reservation ids: <c>{siteId}~r{n}</c>. The site is read from the id alone, so a route reaches the one grain
/// that owns the reservation without a lookup; '~' never occurs in a caller's id.
/// </summary>
public static class ReservationKey
{
    private const string Marker = "~r";

    public static string Of(string siteId, int number) => $"{siteId}{Marker}{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The number of a well-formed reservation id, else null.</summary>
    public static int? NumberOf(string reservationId) =>
        SiteOf(reservationId) is { } site ? int.Parse(reservationId.AsSpan(site.Length + Marker.Length), CultureInfo.InvariantCulture) : null;

    /// <summary>The site of a well-formed reservation id, else null (the caller answers 404).</summary>
    public static string? SiteOf(string? reservationId)
    {
        if (string.IsNullOrEmpty(reservationId))
        {
            return null;
        }

        var at = reservationId.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var number = reservationId[(at + Marker.Length)..];
        var site = reservationId[..at];
        return number.Length is > 0 and <= 9 && number.All(char.IsAsciiDigit) && Validation.FieldErrors.IsValidId(site) ? site : null;
    }
}
