using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using Matching.Employers;
using Matching.Errors;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Workers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Workload;

/// <summary>
/// Loads the demo data set through the grains, as a client would, once the application has started.
/// Loading again (every start with the option on) skips what exists, so it never duplicates or overwrites.
/// </summary>
public sealed class DemoDataLoader(
    IGrainFactory grains,
    IOptions<DemoOptions> options,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DemoDataLoader> logger) : BackgroundService
{
    private const int Parallelism = 16;

    /// <summary>Completes when the data set is in place; tests and the bench wait on it.</summary>
    public Task Loaded => _loaded.Task;

    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForStartAsync(stoppingToken);
            var watch = Stopwatch.StartNew();
            var generator = new WorkloadGenerator(options.Value.ToWorkload(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
            var employers = await CreateAllAsync(generator.Employers(), p => grains.GetGrain<IEmployerGrain>(p.Id!).CreateAsync(p), stoppingToken);
            var orders = await CreateAllAsync(generator.JobOrders(), p => grains.GetGrain<IJobOrderGrain>(p.Id!).CreateAsync(p), stoppingToken);
            var workers = await CreateAllAsync(generator.Workers(), p => grains.GetGrain<IWorkerGrain>(p.Id!).CreateAsync(p), stoppingToken);
            var sites = await CreateAllAsync(generator.LodgingSites(), CreateSiteAsync, stoppingToken);
            var fair = generator.Fair();
            var fairs = await CreateAllAsync([fair], p => grains.GetGrain<IFairGrain>(p.Id!).CreateAsync(p), stoppingToken);
            if (fairs.Created > 0)
            {
                // Once, with the fair: a restart must not check the same people in or hire them again.
                await new DemoActivity(grains, time, logger).RunAsync(fair.Id!, options.Value.Workers, options.Value.FairVisitors, options.Value.LodgingSites);
            }

            logger.LogInformation(
                "Demo data in place in {Seconds:F1} s: {Employers} employers, {Orders} job orders, {Workers} workers, {Sites} lodging sites, {Fairs} fair ({Created} created now)",
                watch.Elapsed.TotalSeconds, employers.Total, orders.Total, workers.Total, sites.Total, fairs.Total,
                employers.Created + orders.Created + workers.Created + sites.Created + fairs.Created);
            _loaded.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _loaded.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Loading the demo data failed");
            _loaded.TrySetException(ex);
        }
    }

    private async Task CreateSiteAsync(GeneratedLodgingSite site)
    {
        var grain = grains.GetGrain<ILodgingSiteGrain>(site.Profile.Id!);
        await grain.CreateAsync(site.Profile);
        await grain.AddBedsAsync(new AddBedsRequest { Count = site.Beds });
    }

    private Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>Creates each item, a few at a time; an item that already exists counts as loaded.</summary>
    private static async Task<(int Total, int Created)> CreateAllAsync<T>(IEnumerable<T> items, Func<T, Task> create, CancellationToken cancellationToken)
    {
        var total = 0;
        var created = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, _) =>
        {
            try
            {
                await create(item);
                Interlocked.Increment(ref created);
            }
            catch (ConflictException ex) when (ex.Code == "already-exists")
            {
            }

            Interlocked.Increment(ref total);
        });
        return (total, created);
    }
}
