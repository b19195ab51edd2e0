using System.Text.Json.Serialization;

namespace Matching.JobOrders;

/// <summary>What a recruiter writes about a job order (岗位); also its stored profile after normalisation.</summary>
[GenerateSerializer, Alias("JobOrderProfile")]
public record JobOrderProfile
{
    [Id(0)] public string? Id { get; init; }
    /// <summary>The employer that owns the order; fixed once created.</summary>
    [Id(1)] public string EmployerId { get; init; } = "";
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string Trade { get; init; } = "";
    [Id(4)] public string MinLevel { get; init; } = "";
    [Id(5)] public string[] RequiredCertificates { get; init; } = [];
    /// <summary>How many people the order hires (招聘人数); holds + hires never exceed it.</summary>
    [Id(6)] public int Headcount { get; init; }
    /// <summary>Monthly wage range in whole CNY.</summary>
    [Id(7)] public int WageMin { get; init; }
    [Id(8)] public int WageMax { get; init; }
    [Id(9)] public string District { get; init; } = "";
    [Id(10)] public bool ProvidesHousing { get; init; }
    [Id(11)] public DateOnly StartDate { get; init; }
    [Id(12)] public bool AcceptsInterns { get; init; }
    /// <summary>Programmes whose members win ties (同等条件下优先).</summary>
    [Id(13)] public string[] PartnerProgrammes { get; init; } = [];
}

/// <summary>Where a job order is in its life.</summary>
[GenerateSerializer, Alias("JobOrderStatus")]
public enum JobOrderStatus
{
    Open = 0,
    /// <summary>Every slot is hired; the order left the match index.</summary>
    Filled = 1,
    Closed = 2,
}

/// <summary>A job order as read back, with its live slot figures.</summary>
[GenerateSerializer, Alias("JobOrderView")]
public sealed record JobOrderView : JobOrderProfile
{
    public JobOrderView(JobOrderProfile profile) : base(profile)
    {
    }

    [Id(0), JsonPropertyOrder(1)] public JobOrderStatus Status { get; init; }
    /// <summary>Headcount minus live holds and hires.</summary>
    [Id(1), JsonPropertyOrder(1)] public int OpenSlots { get; init; }
    [Id(2), JsonPropertyOrder(1)] public int Hired { get; init; }
    [Id(3), JsonPropertyOrder(1)] public int Held { get; init; }
    [Id(4), JsonPropertyOrder(1)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5), JsonPropertyOrder(1)] public DateTimeOffset UpdatedAt { get; init; }
}
