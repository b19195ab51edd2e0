using Matching.Catalog;
using Matching.Index;

namespace Matching.Workers;

[GenerateSerializer, Alias("WorkerState")]
public sealed class WorkerState : EntityState<WorkerProfile>, ICatalogued
{
    [Id(0)] public WorkerStatus Status { get; set; }
    /// <summary>The slot hold on the worker, if any; it binds only while live.</summary>
    [Id(1)] public WorkerHold? Hold { get; set; }
    [Id(2)] public WorkerHire? Hire { get; set; }

    /// <summary>The status as of <paramref name="now"/>: a held worker whose hold lapsed is seeking again.</summary>
    public WorkerStatus StatusAt(DateTimeOffset now) =>
        Status == WorkerStatus.Held && Hold is { } h && !h.IsLive(now) ? WorkerStatus.Seeking : Status;

    /// <summary>Whether the stored worker belongs in the shards of its trades as of <paramref name="now"/>.</summary>
    public bool IsListedAt(DateTimeOffset now) => Profile is not null && ShardRouter.InSearch(StatusAt(now));

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
        return new CatalogEntry(id, Statuses.Worker.Code(Status), [.. tags]);
    }
}
