using Matching.Catalog;

namespace Matching.Workers;

[GenerateSerializer, Alias("WorkerState")]
public sealed class WorkerState : EntityState<WorkerProfile>, ICatalogued
{
    [Id(0)] public WorkerStatus Status { get; set; }

    public CatalogEntry? ToCatalogEntry(string id)
    {
        if (Profile is not { } p)
        {
            return null;
        }

        var tags = new List<string> { $"origin:{p.OriginProvince}" };
        if (p.OriginPrefecture.Length > 0)
        {
            tags.Add($"origin:{p.OriginPrefecture}");
        }

        tags.AddRange(p.Skills.Select(s => $"trade:{s.Trade}"));
        tags.AddRange(p.Categories.Select(c => $"category:{c.ToLowerInvariant()}"));
        return new CatalogEntry(id, StatusCode(Status), [.. tags]);
    }

    public static string StatusCode(WorkerStatus status) => status switch
    {
        WorkerStatus.Seeking => "seeking",
        WorkerStatus.Held => "held",
        WorkerStatus.Hired => "hired",
        _ => "withdrawn",
    };
}
