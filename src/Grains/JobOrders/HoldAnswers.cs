namespace Matching.JobOrders;

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
