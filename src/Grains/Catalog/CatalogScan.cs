using System.Runtime.CompilerServices;
using Matching.Employers;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Storage;
using Matching.Workers;

namespace Matching.Catalog;

/// <summary>Which kinds have a catalog, and the entries the store says each should hold.</summary>
public static class CatalogScan
{
    /// <summary>The state names of the catalogued kinds, each the key of its <see cref="ICatalogGrain"/>.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        [StorageNames.Employer, StorageNames.JobOrder, StorageNames.Worker, StorageNames.LodgingSite, StorageNames.Fair];

    /// <summary>Every stored entity of the kind as a catalog entry, in id order.</summary>
    public static IAsyncEnumerable<CatalogEntry> EntriesAsync(IStateStore store, string kind, CancellationToken cancellationToken) => kind switch
    {
        StorageNames.Employer => Entries<EmployerState>(store, kind, cancellationToken),
        StorageNames.JobOrder => Entries<JobOrderState>(store, kind, cancellationToken),
        StorageNames.Worker => Entries<WorkerState>(store, kind, cancellationToken),
        StorageNames.LodgingSite => Entries<LodgingSiteState>(store, kind, cancellationToken),
        StorageNames.Fair => Entries<FairState>(store, kind, cancellationToken),
        _ => throw new ArgumentException($"No catalog for '{kind}'.", nameof(kind)),
    };

    private static async IAsyncEnumerable<CatalogEntry> Entries<TState>(
        IStateStore store, string kind, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TState : ICatalogued
    {
        await foreach (var (key, state) in store.ScanAsync<TState>(kind, cancellationToken))
        {
            if (state.ToCatalogEntry(key) is { } entry)
            {
                yield return entry;
            }
        }
    }
}
