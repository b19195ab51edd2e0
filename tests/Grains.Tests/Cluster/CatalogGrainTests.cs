using Matching.Catalog;
using Matching.Employers;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Tests.Support;
using Matching.Workers;

namespace Matching.Tests.Cluster;

/// <summary>
/// The catalogs are shared by every test of the collection, so each test filters on something only it created
/// (its own employer), or asks only whether its own entities are in or out of a page.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CatalogGrainTests(ClusterFixture fixture)
{
    private const int All = int.MaxValue;

    private readonly IGrainFactory _grains = fixture.Client;

    [Fact]
    public async Task Job_orders_filter_on_status_and_tags_in_id_order()
    {
        var employerId = await _grains.CreateEmployerAsync();
        var ids = new List<string>();
        foreach (var trade in new[] { "welder", "welder", "electrician", "welder", "electrician" })
        {
            ids.Add(await _grains.CreateJobOrderAsync(Samples.JobOrder(employerId) with { Trade = trade }));
        }

        ids.Sort(StringComparer.Ordinal);
        await _grains.GetGrain<IJobOrderGrain>(ids[1]).CloseAsync();
        var catalog = _grains.GetGrain<ICatalogGrain>(StorageNames.JobOrder);
        var mine = $"employer:{employerId}";

        var every = await catalog.QueryAsync(new CatalogQuery(null, [mine], 0, All));
        var open = await catalog.QueryAsync(new CatalogQuery("open", [mine], 0, All));
        var closed = await catalog.QueryAsync(new CatalogQuery("closed", [mine], 0, All));
        var electricians = await catalog.QueryAsync(new CatalogQuery(null, [mine, "trade:electrician"], 0, All));

        CatalogAssert.Page(every, 5, ids);
        CatalogAssert.Page(open, 4, [ids[0], .. ids[2..]]);
        CatalogAssert.Page(closed, 1, ids[1]);
        Assert.Equal(2, electricians.Total);
        Assert.All(electricians.Ids, id => Assert.Contains(id, ids));
    }

    [Fact]
    public async Task Pages_skip_and_take_and_keep_the_total_of_the_filter()
    {
        var employerId = await _grains.CreateEmployerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _grains.CreateJobOrderAsync(Samples.JobOrder(employerId)));
        }

        ids.Sort(StringComparer.Ordinal);
        var catalog = _grains.GetGrain<ICatalogGrain>(StorageNames.JobOrder);
        string[] mine = [$"employer:{employerId}"];

        var first = await catalog.QueryAsync(new CatalogQuery("open", mine, 0, 2));
        var second = await catalog.QueryAsync(new CatalogQuery("open", mine, 2, 2));
        var last = await catalog.QueryAsync(new CatalogQuery("open", mine, 4, 2));
        var beyond = await catalog.QueryAsync(new CatalogQuery("open", mine, 10, 2));
        var none = await catalog.QueryAsync(new CatalogQuery("open", mine, 0, 0));

        CatalogAssert.Page(first, 5, ids[..2]);
        CatalogAssert.Page(second, 5, ids[2..4]);
        CatalogAssert.Page(last, 5, ids[4]);
        CatalogAssert.Page(beyond, 5);
        CatalogAssert.Page(none, 5);
    }

    [Fact]
    public async Task Workers_move_between_statuses_and_are_found_by_their_tags()
    {
        var id = await _grains.CreateWorkerAsync(Samples.Worker() with { Categories = ["studentIntern"] });
        var catalog = _grains.GetGrain<ICatalogGrain>(StorageNames.Worker);
        string[] tags = ["origin:yunnan", "origin:lincang", "trade:welder", "category:studentintern"];

        var seekingBefore = await catalog.QueryAsync(new CatalogQuery("seeking", tags, 0, All));
        await _grains.GetGrain<IWorkerGrain>(id).WithdrawAsync();
        var seekingAfter = await catalog.QueryAsync(new CatalogQuery("seeking", tags, 0, All));
        var withdrawn = await catalog.QueryAsync(new CatalogQuery("withdrawn", tags, 0, All));
        var otherTrade = await catalog.QueryAsync(new CatalogQuery(null, ["trade:cook"], 0, All));

        Assert.Contains(id, seekingBefore.Ids);
        Assert.DoesNotContain(id, seekingAfter.Ids);
        Assert.Equal(seekingBefore.Total - 1, seekingAfter.Total);
        Assert.Contains(id, withdrawn.Ids);
        Assert.DoesNotContain(id, otherTrade.Ids);
    }

    [Fact]
    public async Task Employers_sites_and_fairs_are_listed_with_their_status_and_tags()
    {
        var employerId = await _grains.CreateEmployerAsync(Samples.Employer() with { CreditStanding = "watch", District = "pudong", IsKeyEnterprise = false });
        var siteId = Samples.NewId("site");
        await _grains.GetGrain<ILodgingSiteGrain>(siteId).CreateAsync(Samples.LodgingSite() with { District = "songjiang" });
        var fairId = Samples.NewId("fair");
        var fair = _grains.GetGrain<IFairGrain>(fairId);
        await fair.CreateAsync(Samples.Fair(employerId));
        await fair.CloseAsync();

        var employers = await Query(StorageNames.Employer, "watch", "district:pudong", "key:no");
        var sites = await Query(StorageNames.LodgingSite, "open", "district:songjiang");
        var fairs = await Query(StorageNames.Fair, "closed", "district:jiading", $"date:{Samples.Fair().Date:yyyy-MM-dd}");
        var scheduledFairs = await Query(StorageNames.Fair, "scheduled");

        Assert.Contains(employerId, employers.Ids);
        Assert.Contains(siteId, sites.Ids);
        Assert.Contains(fairId, fairs.Ids);
        Assert.DoesNotContain(fairId, scheduledFairs.Ids);
    }

    private Task<CatalogPage> Query(string kind, string? status, params string[] tags) =>
        _grains.GetGrain<ICatalogGrain>(kind).QueryAsync(new CatalogQuery(status, tags, 0, All));
}
