using Matching.Employers;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Tests.Support;
using Matching.Workers;

namespace Matching.Tests.Persistence;

/// <summary>
/// One of every entity, in several states, as read back before the cluster went down.
/// <see cref="SiteToExtend"/> is the one entity a test changes after the restart; no other test reads it.
/// </summary>
public sealed record SeededEntities(
    EmployerView Employer,
    JobOrderView OpenOrder,
    JobOrderView ClosedOrder,
    IReadOnlyList<WorkerView> Workers,
    LodgingSiteView Site,
    BedView OutOfServiceBed,
    FairView Fair,
    LodgingSiteView SiteToExtend)
{
    /// <summary>Trades of the seeded workers; the third one withdraws.</summary>
    public static readonly string[] WorkerTrades = ["welder", "electrician", "welder", "cook", "welder"];

    public const int WithdrawnWorker = 2;

    // A view read back from its grain always carries the grain's id; only the caller's input may lack one.
    public string EmployerId => Employer.Id!;
    public string OpenOrderId => OpenOrder.Id!;
    public string ClosedOrderId => ClosedOrder.Id!;
    public string[] WorkerIds => [.. Workers.Select(w => w.Id!)];
    public string SiteId => Site.Id!;
    public string FairId => Fair.Id!;
    public string SiteToExtendId => SiteToExtend.Id!;

    public static async Task<SeededEntities> CreateAsync(IGrainFactory grains)
    {
        var employerId = await grains.CreateEmployerAsync();
        var openId = await grains.CreateJobOrderAsync(Samples.JobOrder(employerId));
        var closedId = await grains.CreateJobOrderAsync(Samples.JobOrder(employerId) with { Trade = "electrician" });
        await grains.GetGrain<IJobOrderGrain>(closedId).CloseAsync();

        var workerIds = new List<string>();
        foreach (var trade in WorkerTrades)
        {
            workerIds.Add(await grains.CreateWorkerAsync(Samples.Worker() with { Skills = [new WorkerSkill { Trade = trade, Level = "senior" }] }));
        }

        await grains.GetGrain<IWorkerGrain>(workerIds[WithdrawnWorker]).WithdrawAsync();

        var siteId = Samples.NewId("site");
        var site = grains.GetGrain<ILodgingSiteGrain>(siteId);
        await site.CreateAsync(Samples.LodgingSite());
        var beds = await site.AddBedsAsync(new AddBedsRequest { Labels = ["A-1", "A-2", "B-1"] });
        await grains.GetGrain<IBedGrain>(beds.Beds[1].Id).SetInServiceAsync(false);

        var fairId = Samples.NewId("fair");
        await grains.GetGrain<IFairGrain>(fairId).CreateAsync(Samples.Fair(employerId));

        var siteToExtend = grains.GetGrain<ILodgingSiteGrain>(Samples.NewId("site"));
        await siteToExtend.CreateAsync(Samples.LodgingSite());
        await siteToExtend.AddBedsAsync(new AddBedsRequest { Count = 2 });

        return new SeededEntities(
            await grains.GetGrain<IEmployerGrain>(employerId).GetAsync(),
            await grains.GetGrain<IJobOrderGrain>(openId).GetAsync(),
            await grains.GetGrain<IJobOrderGrain>(closedId).GetAsync(),
            await Task.WhenAll(workerIds.Select(id => grains.GetGrain<IWorkerGrain>(id).GetAsync())),
            await site.GetAsync(),
            await grains.GetGrain<IBedGrain>(beds.Beds[1].Id).GetAsync(),
            await grains.GetGrain<IFairGrain>(fairId).GetAsync(),
            await siteToExtend.GetAsync());
    }
}
