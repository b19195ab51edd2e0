using System.Reflection;
using Matching.Feeds;
using Matching.Lodging;
using Matching.Workers;

namespace Matching.Errors;

/// <summary>
/// Every <c>code</c> a problem answer of the API can carry: the reason of a 409 (<see cref="ConflictException.Code"/>,
/// from the grains and the endpoints) and of the idempotency guard's 409, 422 and 429. Clients branch on these, so
/// they are stable; the README's "Codes" section lists each with its meaning, and a test keeps the two the same.
/// </summary>
public static class ProblemCodes
{
    /// <summary>An entity with the id exists already (a create that is not a retry of the first).</summary>
    public const string AlreadyExists = "already-exists";

    /// <summary>The job order is closed already.</summary>
    public const string AlreadyClosed = "already-closed";

    /// <summary>The job order is filled or closed: no holds, no changes.</summary>
    public const string NotOpen = "not-open";

    /// <summary>A new headcount below the slots already held or hired.</summary>
    public const string HeadcountBelowTaken = "headcount-below-taken";

    /// <summary>Every slot of the order is held or hired.</summary>
    public const string NoFreeSlot = "no-free-slot";

    /// <summary>The worker is held or hired on this order already.</summary>
    public const string WorkerAlreadyOnOrder = "worker-already-on-order";

    /// <summary>The employer holds as many workers as it may at once.</summary>
    public const string TooManyHolds = "too-many-holds";

    /// <summary>The hold was confirmed: the worker is hired.</summary>
    public const string HoldConfirmed = "hold-confirmed";

    /// <summary>The hold's confirmation is stored and its worker has not answered yet.</summary>
    public const string HoldConfirming = "hold-confirming";

    /// <summary>The hold was released (by the recruiter, or when the order closed).</summary>
    public const string HoldReleased = "hold-released";

    /// <summary>The hold's deadline passed.</summary>
    public const string HoldExpired = "hold-expired";

    /// <summary>The hold no longer binds the worker (the worker's side of a lapsed or released hold).</summary>
    public const string HoldNotLive = "hold-not-live";

    /// <summary>The hire is employment, not an internship, so there is nothing to convert.</summary>
    public const string NotInternship = "not-internship";

    /// <summary>The internship was converted to employment already.</summary>
    public const string AlreadyConverted = "already-converted";

    /// <summary>The worker left the hire already.</summary>
    public const string EngagementEnded = "engagement-ended";

    /// <summary>The worker is held for a job order.</summary>
    public const string WorkerHeld = "worker-held";

    /// <summary>The worker is hired.</summary>
    public const string WorkerHired = "worker-hired";

    /// <summary>The worker withdrew from the search.</summary>
    public const string WorkerWithdrawn = "worker-withdrawn";

    /// <summary>No bed of the site is free on every night asked for (the answer lists the full nights).</summary>
    public const string NoBed = "no-bed";

    /// <summary>The worker may not take a bed of the site (the detail says why).</summary>
    public const string NotEligible = "not-eligible";

    /// <summary>A check-in before the first night's day.</summary>
    public const string TooEarly = "too-early";

    /// <summary>A check-in after the stay's last night.</summary>
    public const string StayOver = "stay-over";

    /// <summary>The worker has a live stay at some site already.</summary>
    public const string WorkerHasStay = "worker-has-stay";

    /// <summary>The bed belongs to another site.</summary>
    public const string BedOfOtherSite = "bed-of-other-site";

    /// <summary>A stay was offered to an archive it does not belong in.</summary>
    public const string NotArchivable = "not-archivable";

    /// <summary>The step does not fit a stay that is held (not yet booked).</summary>
    public const string ReservationHeld = "reservation-held";

    /// <summary>The step does not fit a booked stay.</summary>
    public const string ReservationConfirmed = "reservation-confirmed";

    /// <summary>The step does not fit a stay checked in to.</summary>
    public const string ReservationOccupied = "reservation-occupied";

    /// <summary>The stay was checked out of.</summary>
    public const string ReservationCompleted = "reservation-completed";

    /// <summary>The stay was cancelled.</summary>
    public const string ReservationCancelled = "reservation-cancelled";

    /// <summary>The stay's deadline passed before check-in.</summary>
    public const string ReservationExpired = "reservation-expired";

    /// <summary>The fair is closed: no check-ins, no changes.</summary>
    public const string FairClosed = "fair-closed";

    /// <summary>The import is running already.</summary>
    public const string ImportRunning = "import-running";

    /// <summary>Every row of the import was registered or rejected once.</summary>
    public const string ImportCompleted = "import-completed";

    /// <summary>A cancel of an import that is not running.</summary>
    public const string ImportNotRunning = "import-not-running";

    /// <summary>A consistency check is running on this API node.</summary>
    public const string CheckRunning = "check-running";

    /// <summary>409: the first request with the same idempotency key has not answered yet.</summary>
    public const string IdempotencyInProgress = "idempotency-in-progress";

    /// <summary>422: the idempotency key was used with another request.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";

    /// <summary>429: the caller has as many stored answers as it may have.</summary>
    public const string IdempotencyKeysExhausted = "idempotency-keys-exhausted";

    /// <summary>Every code above, for the documentation check and for clients that list them.</summary>
    public static readonly IReadOnlyList<string> All = [.. typeof(ProblemCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>The code of a hold that ended in <paramref name="state"/> (one of <see cref="HoldStates"/>).</summary>
    public static string HoldEnded(string state) => state == HoldStates.Expired ? HoldExpired : HoldReleased;

    /// <summary>The code of a worker whose status forbids the step.</summary>
    public static string Worker(WorkerStatus status) => status switch
    {
        WorkerStatus.Held => WorkerHeld,
        WorkerStatus.Hired => WorkerHired,
        WorkerStatus.Withdrawn => WorkerWithdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a worker in the search is no conflict."),
    };

    /// <summary>The code of a stay whose status forbids the step.</summary>
    public static string Reservation(ReservationStatus status) => status switch
    {
        ReservationStatus.Held => ReservationHeld,
        ReservationStatus.Confirmed => ReservationConfirmed,
        ReservationStatus.Occupied => ReservationOccupied,
        ReservationStatus.Completed => ReservationCompleted,
        ReservationStatus.Cancelled => ReservationCancelled,
        _ => ReservationExpired,
    };
}
