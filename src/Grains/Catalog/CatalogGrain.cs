using Matching.Storage;
using Microsoft.Extensions.Logging;

namespace Matching.Catalog;

/// <summary>
/// Holds one kind's entries in memory, in id order. On activation it reads every stored entity of its kind,
/// so a restart (or a move to another silo) loses nothing; afterwards entity grains keep it current, and it is
/// read afresh after another silo's death (see <see cref="SiloDeathRebuild"/>).
/// </summary>
public sealed class CatalogGrain(IStateStore store, ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    private readonly SortedDictionary<string, CatalogEntry> _entries = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var kind = this.GetPrimaryKeyString();
        var count = 0;
        await foreach (var entry in CatalogScan.EntriesAsync(store, kind, cancellationToken))
        {
            _entries[entry.Id] = entry;
            count++;
        }

        logger.LogInformation("Catalog {Kind} rebuilt from the store with {Count} entries", kind, count);
        this.RebuildAfterSiloDeaths();
    }

    public Task UpsertAsync(CatalogEntry entry)
    {
        _entries[entry.Id] = entry;
        return Task.CompletedTask;
    }

    public Task<CatalogPage> QueryAsync(CatalogQuery query)
    {
        var ids = new List<string>(Math.Min(query.Take, 1000));
        var total = 0;
        foreach (var entry in _entries.Values)
        {
            if (query.Status is not null && entry.Status != query.Status)
            {
                continue;
            }

            if (!query.Tags.All(entry.Tags.Contains))
            {
                continue;
            }

            if (total >= query.Skip && ids.Count < query.Take)
            {
                ids.Add(entry.Id);
            }

            total++;
        }

        return Task.FromResult(new CatalogPage([.. ids], total));
    }
}
