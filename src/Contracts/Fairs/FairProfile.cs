using System.Text.Json.Serialization;

namespace Matching.Fairs;

/// <summary>A job fair day (招聘会) with participating employers and a big screen.</summary>
[GenerateSerializer, Alias("FairProfile")]
public record FairProfile
{
    [Id(0)] public string? Id { get; init; }
    [Id(1)] public string Name { get; init; } = "";
    [Id(2)] public DateOnly Date { get; init; }
    [Id(3)] public string Venue { get; init; } = "";
    [Id(4)] public string District { get; init; } = "";
    [Id(5)] public string[] EmployerIds { get; init; } = [];
}

/// <summary>Where a fair is in its life.</summary>
[GenerateSerializer, Alias("FairStatus")]
public enum FairStatus
{
    Scheduled = 0,
    Closed = 1,
}

/// <summary>A fair as read back.</summary>
[GenerateSerializer, Alias("FairView")]
public sealed record FairView : FairProfile
{
    public FairView(FairProfile profile) : base(profile)
    {
    }

    [Id(0), JsonPropertyOrder(1)] public FairStatus Status { get; init; }
    [Id(1), JsonPropertyOrder(1)] public int CheckIns { get; init; }
    [Id(2), JsonPropertyOrder(1)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3), JsonPropertyOrder(1)] public DateTimeOffset UpdatedAt { get; init; }
}
