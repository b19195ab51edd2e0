using System.Text.Json;
using Matching.Fairs;
using Matching.Imports;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Workers;

namespace Matching;

/// <summary>
/// The codes of a status enum: its names in camelCase, as the JSON answers write the <c>status</c> field, so what a
/// read says is what a list's <c>status</c> filter takes (checked by <see cref="Validation.FieldErrors.Code"/>) and
/// what the catalog files an entity under.
/// </summary>
public sealed class StatusVocabulary<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _codes = Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

    public StatusVocabulary() => Codes = [.. _codes.Values];

    /// <summary>Every code, in the enum's order.</summary>
    public IReadOnlyList<string> Codes { get; }

    public string Code(T status) => _codes[status];
}

/// <summary>The status vocabularies of the entities, each defined once here.</summary>
public static class Statuses
{
    /// <summary><c>open</c>, <c>filled</c>, <c>closed</c>.</summary>
    public static readonly StatusVocabulary<JobOrderStatus> JobOrder = new();

    /// <summary><c>seeking</c>, <c>held</c>, <c>hired</c>, <c>withdrawn</c>.</summary>
    public static readonly StatusVocabulary<WorkerStatus> Worker = new();

    /// <summary><c>scheduled</c>, <c>closed</c>.</summary>
    public static readonly StatusVocabulary<FairStatus> Fair = new();

    /// <summary><c>held</c>, <c>confirmed</c>, <c>occupied</c>, <c>completed</c>, <c>cancelled</c>, <c>expired</c>.</summary>
    public static readonly StatusVocabulary<ReservationStatus> Reservation = new();

    /// <summary><c>uploaded</c>, <c>running</c>, <c>completed</c>, <c>cancelled</c>.</summary>
    public static readonly StatusVocabulary<ImportStatus> Import = new();

    /// <summary>A lodging site has no life of its own: every site is listed as open.</summary>
    public const string SiteOpen = "open";

    /// <summary>What the lodging sites' list accepts as <c>status</c>.</summary>
    public static readonly IReadOnlyList<string> Site = [SiteOpen];
}
