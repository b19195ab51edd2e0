using System.Text.Json.Serialization;

namespace Matching.Workers;

/// <summary>What staff register about a worker (劳动者); also its stored profile after normalisation.</summary>
[GenerateSerializer, Alias("WorkerProfile")]
public record WorkerProfile
{
    [Id(0)] public string? Id { get; init; }
    /// <summary>Personal data: shown masked outside staff and the holding employer.</summary>
    [Id(1)] public string Name { get; init; } = "";
    /// <summary>Personal data: an 11-digit mainland mobile number.</summary>
    [Id(2)] public string Phone { get; init; } = "";
    /// <summary>Personal data: an 18-character resident ID number with a valid check digit.</summary>
    [Id(3)] public string IdNumber { get; init; } = "";
    [Id(4)] public string OriginProvince { get; init; } = "";
    [Id(5)] public string OriginPrefecture { get; init; } = "";
    [Id(6)] public string OriginCounty { get; init; } = "";
    /// <summary><c>ruralLabour</c>, <c>povertyAlleviated</c>, <c>studentIntern</c>.</summary>
    [Id(7)] public string[] Categories { get; init; } = [];
    [Id(8)] public WorkerSkill[] Skills { get; init; } = [];
    /// <summary>Districts the worker accepts; empty means any.</summary>
    [Id(9)] public string[] DesiredDistricts { get; init; } = [];
    /// <summary>Lowest acceptable monthly wage in whole CNY.</summary>
    [Id(10)] public int MinWage { get; init; }
    [Id(11)] public DateOnly AvailableFrom { get; init; }
    [Id(12)] public bool NeedsLodging { get; init; }
    /// <summary>Partner programmes the worker belongs to (e.g. a technician college).</summary>
    [Id(13)] public string[] Programmes { get; init; } = [];
}

/// <summary>One trade a worker practises, at a level, with certificates.</summary>
[GenerateSerializer, Alias("WorkerSkill")]
public sealed record WorkerSkill
{
    [Id(0)] public string Trade { get; init; } = "";
    [Id(1)] public string Level { get; init; } = "";
    [Id(2)] public string[] Certificates { get; init; } = [];
}

/// <summary>Where a worker is in the search for a job.</summary>
[GenerateSerializer, Alias("WorkerStatus")]
public enum WorkerStatus
{
    Seeking = 0,
    /// <summary>A recruiter holds the worker against a job slot.</summary>
    Held = 1,
    Hired = 2,
    Withdrawn = 3,
}

/// <summary>A worker as read back.</summary>
[GenerateSerializer, Alias("WorkerView")]
public sealed record WorkerView : WorkerProfile
{
    public WorkerView(WorkerProfile profile) : base(profile)
    {
    }

    [Id(0), JsonPropertyOrder(1)] public WorkerStatus Status { get; init; }
    [Id(1), JsonPropertyOrder(1)] public DateTimeOffset CreatedAt { get; init; }
    [Id(2), JsonPropertyOrder(1)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The live slot hold on the worker, if any.</summary>
    [Id(3), JsonPropertyOrder(1)] public WorkerHold? Hold { get; init; }
    [Id(4), JsonPropertyOrder(1)] public WorkerHire? Hire { get; init; }
}
