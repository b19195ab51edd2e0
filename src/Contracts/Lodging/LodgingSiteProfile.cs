using System.Text.Json.Serialization;

namespace Matching.Lodging;

/// <summary>A lodging site (客栈) that gives new hires of key enterprises free transitional beds.</summary>
[GenerateSerializer, Alias("LodgingSiteProfile")]
public record LodgingSiteProfile
{
    [Id(0)] public string? Id { get; init; }
    [Id(1)] public string Name { get; init; } = "";
    [Id(2)] public string District { get; init; } = "";
    /// <summary>The town (镇) within the district.</summary>
    [Id(3)] public string Town { get; init; } = "";
    [Id(4)] public string Address { get; init; } = "";
}

/// <summary>A site as read back, with its beds.</summary>
[GenerateSerializer, Alias("LodgingSiteView")]
public sealed record LodgingSiteView : LodgingSiteProfile
{
    public LodgingSiteView(LodgingSiteProfile profile) : base(profile)
    {
    }

    [Id(0), JsonPropertyOrder(1)] public BedInfo[] Beds { get; init; } = [];
    [Id(1), JsonPropertyOrder(1)] public int BedCount { get; init; }
    [Id(2), JsonPropertyOrder(1)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3), JsonPropertyOrder(1)] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One bed of a site.</summary>
[GenerateSerializer, Immutable, Alias("BedInfo")]
public sealed record BedInfo([property: Id(0)] string Id, [property: Id(1)] string Label);

/// <summary>Beds to add to a site: either a count (labels numbered on) or explicit labels.</summary>
[GenerateSerializer, Alias("AddBedsRequest")]
public sealed record AddBedsRequest
{
    [Id(0), JsonPropertyOrder(1)] public int? Count { get; init; }
    [Id(1), JsonPropertyOrder(1)] public string[]? Labels { get; init; }
}
