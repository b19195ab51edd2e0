using System.Text.Json.Serialization;

namespace Matching.Employers;

/// <summary>What a caller writes about an employer (用人单位); also its stored profile after normalisation.</summary>
[GenerateSerializer, Alias("EmployerProfile")]
public record EmployerProfile
{
    /// <summary>Chosen by the caller on create, or generated; ignored on update (the route names it).</summary>
    [Id(0)] public string? Id { get; init; }
    [Id(1)] public string Name { get; init; } = "";
    [Id(2)] public string District { get; init; } = "";
    /// <summary>A key enterprise (重点企业): its new hires may get transitional beds.</summary>
    [Id(3)] public bool IsKeyEnterprise { get; init; }
    /// <summary><c>good</c>, <c>watch</c> or <c>blocked</c>; blocked employers lose lodging eligibility.</summary>
    [Id(4)] public string CreditStanding { get; init; } = "good";
    [Id(5)] public string[] PartnerProgrammes { get; init; } = [];
}

/// <summary>An employer as read back.</summary>
[GenerateSerializer, Alias("EmployerView")]
public sealed record EmployerView : EmployerProfile
{
    public EmployerView(EmployerProfile profile) : base(profile)
    {
    }

    [Id(0), JsonPropertyOrder(1)] public DateTimeOffset CreatedAt { get; init; }
    [Id(1), JsonPropertyOrder(1)] public DateTimeOffset UpdatedAt { get; init; }
}
