using System.Diagnostics;
using System.Globalization;
using Matching.Catalog;
using Matching.Cluster.Tests.Support;
using Matching.Storage.PostgreSql;
using Matching.Workers;
using Matching.Workload;
using Xunit.Abstractions;

namespace Matching.Cluster.Tests;

/// <summary>
/// The rebuilds (catalogs, index shards, the consistency check) read the provider's own table by service id and
/// state name. At test size this checks every worker comes back through the catalog's scan; with
/// <see cref="RowsVariable"/> set (e.g. 100000) the same test measures a scan of that many and prints the figure.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class RebuildScanTests(PostgreSqlServer server, ITestOutputHelper output) : IAsyncLifetime
{
    public const string RowsVariable = "Matching__Tests__ScanWorkers";

    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync();
        await PostgreSqlSchema.EnsureAsync(_database);
    }

    public Task DisposeAsync() => server.DropDatabaseAsync(_database);

    [Fact]
    public async Task The_worker_catalog_rebuilds_from_every_worker_row_of_its_service()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable(RowsVariable), CultureInfo.InvariantCulture, out var n) ? n : 2_000;
        await using var store = await AdoNetStateStore.OpenAsync(_database, "matching");
        await using var otherService = await AdoNetStateStore.OpenAsync(_database, "other");

        // One worker written through the provider, then copied in SQL under other keys: the payload of a generated
        // worker (about 1 KB of JSON), as many rows as asked, without waiting for that many provider writes.
        var profile = WorkerFactory.Create(new WorkloadOptions { Workers = 1, Today = new DateOnly(2027, 2, 1) }).First();
        var worker = new WorkerState { Profile = profile, Status = WorkerStatus.Seeking };
        await store.WriteStateAsync(StorageNames.Worker, GrainId.Create("worker", "w-0"), new GrainState<WorkerState>(worker));
        await otherService.WriteStateAsync(StorageNames.Worker, GrainId.Create("worker", "w-0"), new GrainState<WorkerState>(worker));
        await Sql.ExecuteAsync(_database,
            $"""
            INSERT INTO orleans_storage (service_id, state_name, grain_key, grain_n0, grain_n1, grain_hash, state_hash, payload, version)
            SELECT service_id, state_name, 'w-' || i, 0, 0, grain_hash, state_hash, payload, 1
            FROM orleans_storage, generate_series(1, {rows - 1}) AS i
            WHERE service_id = 'matching' AND grain_key = 'w-0';
            ANALYZE orleans_storage;
            """);

        var watch = Stopwatch.StartNew();
        var entries = 0;
        await foreach (var entry in CatalogScan.EntriesAsync(store, StorageNames.Worker, CancellationToken.None))
        {
            Assert.Equal("seeking", entry.Status);
            entries++;
        }

        watch.Stop();
        Assert.Equal(rows, entries);
        output.WriteLine(
            $"Scanned {entries:N0} workers into catalog entries in {watch.Elapsed.TotalSeconds:F2} s " +
            $"({entries / watch.Elapsed.TotalSeconds:N0}/s); load average {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
