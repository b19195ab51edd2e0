namespace Matching.Lodging;

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
