namespace Matching.JobOrders;

/// <summary>A job order (岗位): its profile, headcount, slot holds and hires.</summary>
[Alias("IJobOrderGrain")]
public interface IJobOrderGrain : IGrainWithStringKey
{
    /// <summary>Opens the order for an existing employer; 409 when the id is taken, 400 on broken field rules.</summary>
    [Alias("Create")]
    Task<JobOrderView> CreateAsync(JobOrderProfile profile);

    /// <summary>Changes an open order; the employer stays, the headcount never drops below holds + hires.</summary>
    [Alias("Update")]
    Task<JobOrderView> UpdateAsync(JobOrderProfile profile);

    /// <summary>Closes the order: it takes no more holds and leaves matching; 409 when already closed.</summary>
    [Alias("Close")]
    Task<JobOrderView> CloseAsync();

    /// <summary>The order with its live slot figures; 404 when unknown.</summary>
    [Alias("Get")]
    Task<JobOrderView> GetAsync();

    /// <summary>
    /// Keeps a free slot for the worker until the hold's deadline. 409 when no slot is free, the order is
    /// not open, or the worker is held or hired elsewhere; the worker is bound before the slot is stored.
    /// </summary>
    [Alias("Hold")]
    Task<SlotHoldGranted> HoldAsync(string workerId, int? ttlSeconds);

    /// <summary>
    /// Hires the held worker as <paramref name="kind"/> (null: an internship for a student intern on an order that
    /// accepts interns, else employment); the order fills itself at its headcount. Repeating it is harmless.
    /// </summary>
    [Alias("Confirm")]
    Task<SlotHireConfirmed> ConfirmAsync(string holdId, Workers.EngagementKind? kind = null);

    /// <summary>
    /// Turns the internship of this hire into employment (转正). 404 when the order made no such hire; 409
    /// <c>not-internship</c>, <c>already-converted</c> or <c>engagement-ended</c> otherwise.
    /// </summary>
    [Alias("Convert")]
    Task<EngagementView> ConvertAsync(string holdId);

    /// <summary>
    /// The hired worker left (离职, or an intern who went back): the worker is in the search again; the hire
    /// stays on record as left and its slot stays filled. 404 when no such hire; 409 <c>engagement-ended</c>.
    /// </summary>
    [Alias("Leave")]
    Task<EngagementView> LeaveAsync(string holdId);

    /// <summary>Frees the slot and the worker; 409 once confirmed or lapsed, 404 when unknown.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string holdId);

    /// <summary>The live holds and the hires of the order, for recruiters' screens and invariant checks.</summary>
    [Alias("GetSlots")]
    Task<JobOrderSlots> GetSlotsAsync();
}

/// <summary>Who holds and who was hired into the slots of a job order; lapsed holds are left out.</summary>
[GenerateSerializer, Immutable, Alias("JobOrderSlots")]
public sealed record JobOrderSlots(
    [property: Id(0)] string JobOrderId,
    [property: Id(1)] int Headcount,
    [property: Id(2)] SlotHold[] Holds,
    [property: Id(3)] SlotHire[] Hires);

/// <summary>The answer to a granted hold.</summary>
[GenerateSerializer, Immutable, Alias("SlotHoldGranted")]
public sealed record SlotHoldGranted(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string JobOrderId,
    [property: Id(2)] string WorkerId,
    [property: Id(3)] DateTimeOffset ExpiresAt);

/// <summary>The answer to a confirmed hold.</summary>
[GenerateSerializer, Immutable, Alias("SlotHireConfirmed")]
public sealed record SlotHireConfirmed(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string JobOrderId,
    [property: Id(2)] string WorkerId,
    [property: Id(3)] DateTimeOffset HiredAt,
    [property: Id(4)] JobOrderStatus Status,
    [property: Id(5)] Workers.EngagementKind Kind = Workers.EngagementKind.Employment);

/// <summary>The answer to a conversion or a departure: the hire as it now stands.</summary>
[GenerateSerializer, Immutable, Alias("EngagementView")]
public sealed record EngagementView(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string JobOrderId,
    [property: Id(2)] string EmployerId,
    [property: Id(3)] SlotHire Hire);
