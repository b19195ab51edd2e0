using Matching.Employers;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Storage;
using Matching.Workers;

namespace Matching.Reports;

/// <summary>
/// The stored entities a report reads, by id, as the store holds them: each entity grain writes its state
/// on every change, so this is what the entities say, not a copy kept beside them. Only the kinds a report
/// needs are read; a kind not read is empty.
/// </summary>
public sealed class ReportData
{
    private ILookup<string, StayArchiveState>? _stayArchivesBySite;

    public Dictionary<string, EmployerState> Employers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JobOrderState> JobOrders { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, WorkerState> Workers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, LodgingSiteState> Sites { get; } = new(StringComparer.Ordinal);

    /// <summary>The archives of ended stays, by archive key (<see cref="StayArchiveKey"/>).</summary>
    public Dictionary<string, StayArchiveState> StayArchives { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FairState> Fairs { get; } = new(StringComparer.Ordinal);

    /// <summary>One pass over each kind <paramref name="report"/> needs.</summary>
    public static async Task<ReportData> ReadAsync(IStateStore store, string report, CancellationToken cancellationToken = default)
    {
        var data = new ReportData();
        var kinds = report switch
        {
            ReportKinds.Lodging => [StorageNames.LodgingSite, StorageNames.StayArchive],
            ReportKinds.Fairs => [StorageNames.Fair, StorageNames.JobOrder],
            _ => new[] { StorageNames.Employer, StorageNames.JobOrder, StorageNames.Worker },
        };
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case StorageNames.Employer: await FillAsync(store, kind, data.Employers, cancellationToken); break;
                case StorageNames.JobOrder: await FillAsync(store, kind, data.JobOrders, cancellationToken); break;
                case StorageNames.Worker: await FillAsync(store, kind, data.Workers, cancellationToken); break;
                case StorageNames.LodgingSite: await FillAsync(store, kind, data.Sites, cancellationToken); break;
                case StorageNames.StayArchive: await FillAsync(store, kind, data.StayArchives, cancellationToken); break;
                case StorageNames.Fair: await FillAsync(store, kind, data.Fairs, cancellationToken); break;
            }
        }

        return data;
    }

    /// <summary>
    /// Every stay of the site: the archived ones and those in the site's state. A stay ended and archived may still be
    /// in the site's state until its next write; it is counted once, as the site has it.
    /// </summary>
    public IEnumerable<Reservation> StaysOf(string siteId)
    {
        var stays = new Dictionary<string, Reservation>(StringComparer.Ordinal);
        foreach (var archive in StayArchivesBySite[siteId])
        {
            foreach (var (id, stay) in archive.Stays)
            {
                stays[id] = stay;
            }
        }

        foreach (var (id, stay) in Sites.GetValueOrDefault(siteId)?.Reservations ?? [])
        {
            stays[id] = stay;
        }

        return stays.Values;
    }

    private ILookup<string, StayArchiveState> StayArchivesBySite =>
        _stayArchivesBySite ??= StayArchives.Values.ToLookup(a => a.SiteId, StringComparer.Ordinal);

    private static async Task FillAsync<TState>(IStateStore store, string kind, Dictionary<string, TState> into, CancellationToken cancellationToken)
        where TState : class
    {
        await foreach (var (key, state) in store.ScanAsync<TState>(kind, cancellationToken))
        {
            into[key] = state;
        }
    }
}
