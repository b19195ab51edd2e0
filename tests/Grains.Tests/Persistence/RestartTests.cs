using Matching.Catalog;
using Matching.Employers;
using Matching.Errors;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Storage;
using Matching.Tests.Support;
using Matching.Workers;

namespace Matching.Tests.Persistence;

public sealed class RestartTests(RestartFixture fixture) : IClassFixture<RestartFixture>
{
    private readonly IGrainFactory _grains = fixture.Client;
    private readonly SeededEntities _before = fixture.Before;

    [Fact]
    public async Task Every_entity_reads_back_as_before()
    {
        AssertSame(_before.Employer, await _grains.GetGrain<IEmployerGrain>(_before.EmployerId).GetAsync());
        AssertSame(_before.OpenOrder, await _grains.GetGrain<IJobOrderGrain>(_before.OpenOrderId).GetAsync());
        AssertSame(_before.ClosedOrder, await _grains.GetGrain<IJobOrderGrain>(_before.ClosedOrderId).GetAsync());
        foreach (var (worker, id) in _before.Workers.Zip(_before.WorkerIds))
        {
            AssertSame(worker, await _grains.GetGrain<IWorkerGrain>(id).GetAsync());
        }

        AssertSame(_before.Site, await _grains.GetGrain<ILodgingSiteGrain>(_before.SiteId).GetAsync());
        AssertSame(_before.Fair, await _grains.GetGrain<IFairGrain>(_before.FairId).GetAsync());
    }

    [Fact]
    public async Task Beds_come_back_registered_with_their_service_state()
    {
        foreach (var info in _before.Site.Beds)
        {
            var bed = await _grains.GetGrain<IBedGrain>(info.Id).GetAsync();
            Assert.Equal(_before.SiteId, bed.SiteId);
            Assert.Equal(info.Label, bed.Label);
            Assert.Equal(info.Id != _before.OutOfServiceBed.Id, bed.InService);
        }
    }

    [Fact]
    public async Task Rules_that_depend_on_stored_state_still_hold()
    {
        var created = await Assert.ThrowsAsync<ConflictException>(() => _grains.GetGrain<IEmployerGrain>(_before.EmployerId).CreateAsync(Samples.Employer()));
        var closed = await Assert.ThrowsAsync<ConflictException>(() => _grains.GetGrain<IJobOrderGrain>(_before.ClosedOrderId).CloseAsync());
        var withdrawn = await Assert.ThrowsAsync<ConflictException>(_grains.GetGrain<IWorkerGrain>(_before.WorkerIds[SeededEntities.WithdrawnWorker]).WithdrawAsync);

        Assert.Equal("already-exists", created.Code);
        Assert.Equal("already-closed", closed.Code);
        Assert.Equal("worker-withdrawn", withdrawn.Code);
    }

    [Fact]
    public async Task An_entity_written_before_the_restart_can_be_written_again()
    {
        var site = _grains.GetGrain<ILodgingSiteGrain>(_before.SiteToExtendId);

        var updated = await site.AddBedsAsync(new AddBedsRequest { Count = 1 });

        Assert.Equal(["001", "002", "003"], updated.Beds.Select(b => b.Label));
        Assert.Equal(BedKey.Of(_before.SiteToExtendId, 3), updated.Beds[2].Id);
        Assert.Equal(_before.SiteToExtend.CreatedAt, updated.CreatedAt);
        Assert.Equal(fixture.Time.GetUtcNow(), updated.UpdatedAt);
    }

    [Fact]
    public async Task The_worker_catalog_is_rebuilt_from_the_store()
    {
        var catalog = _grains.GetGrain<ICatalogGrain>(StorageNames.Worker);
        var ids = _before.WorkerIds;
        var seeking = ids.Where((_, i) => i != SeededEntities.WithdrawnWorker).Order(StringComparer.Ordinal).ToArray();
        var seekingWelders = ids
            .Where((_, i) => i != SeededEntities.WithdrawnWorker && SeededEntities.WorkerTrades[i] == "welder")
            .Order(StringComparer.Ordinal).ToArray();

        CatalogAssert.Page(await catalog.QueryAsync(new CatalogQuery(null, [], 0, 10)), 5, ids.Order(StringComparer.Ordinal));
        CatalogAssert.Page(await catalog.QueryAsync(new CatalogQuery("seeking", [], 0, 10)), 4, seeking);
        CatalogAssert.Page(await catalog.QueryAsync(new CatalogQuery("seeking", [], 1, 2)), 4, seeking[1..3]);
        CatalogAssert.Page(await catalog.QueryAsync(new CatalogQuery("withdrawn", [], 0, 10)), 1, ids[SeededEntities.WithdrawnWorker]);
        CatalogAssert.Page(await catalog.QueryAsync(new CatalogQuery("seeking", ["trade:welder", "origin:lincang"], 0, 10)), 2, seekingWelders);
        CatalogAssert.Page(await catalog.QueryAsync(new CatalogQuery(null, ["trade:care"], 0, 10)), 0);
    }

    [Fact]
    public async Task The_other_catalogs_are_rebuilt_from_the_store()
    {
        var openOrders = await Query(StorageNames.JobOrder, "open");
        var closedOrders = await Query(StorageNames.JobOrder, "closed", "trade:electrician");
        var employers = await Query(StorageNames.Employer, "good", $"district:{_before.Employer.District}");
        var sites = await Query(StorageNames.LodgingSite, "open");
        var fairs = await Query(StorageNames.Fair, "scheduled", $"date:{_before.Fair.Date:yyyy-MM-dd}");

        CatalogAssert.Page(openOrders, 1, _before.OpenOrderId);
        CatalogAssert.Page(closedOrders, 1, _before.ClosedOrderId);
        CatalogAssert.Page(employers, 1, _before.EmployerId);
        CatalogAssert.Page(sites, 2, new[] { _before.SiteId, _before.SiteToExtendId }.Order(StringComparer.Ordinal));
        CatalogAssert.Page(fairs, 1, _before.FairId);
    }

    private Task<CatalogPage> Query(string kind, string? status, params string[] tags) =>
        _grains.GetGrain<ICatalogGrain>(kind).QueryAsync(new CatalogQuery(status, tags, 0, 10));

    /// <summary>Views are records holding arrays, which records compare by reference: compare their stored form.</summary>
    private static void AssertSame<T>(T expected, T actual) =>
        Assert.Equal(StateJson.Serialize(expected), StateJson.Serialize(actual));
}
