
namespace Matching.Lodging;

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
    /// <summary>Admits a worker the employer list does not (see <see cref="LodgingEligibility"/>).</summary>
    [Id(5)] public CreditCommitment? CreditCommitment { get; init; }
}
