using Matching.Errors;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Workers;
using Microsoft.Extensions.Logging;

namespace Matching.Workload;

/// <summary>
/// A day's work on top of the demo data, so the reports and the fair's board have figures to show: visitors
/// check in at the fair, recruiters hold and hire the ones matched to their orders (student interns as interns),
/// some internships are converted and some interns leave, and key enterprises' new hires who need a bed get
/// a few nights at a lodging site. It goes through the grains like every client, so its figures are the
/// entities' own; it runs once, when the fair is created, and picks people by their number, not at random.
/// </summary>
public sealed class DemoActivity(IGrainFactory grains, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(string fairId, int workers, int visitors, int sites)
    {
        var fair = grains.GetGrain<IFairGrain>(fairId);
        var step = Math.Max(1, workers / Math.Max(1, visitors));
        var hires = new List<(string WorkerId, SlotHireConfirmed Hire)>();
        var n = 0;
        for (var number = 1; number <= workers && n < visitors; number += step, n++)
        {
            var workerId = WorkloadIds.Worker(number);
            var match = (await fair.CheckInAsync(workerId)).Match;

            // Of the matched visitors, two in three are held at the booth and three in four of those hired.
            if (match is null || n % 3 == 2 || await TryAsync(() => grains.GetGrain<IJobOrderGrain>(match.JobOrderId).HoldAsync(workerId, null)) is not { } hold)
            {
                continue;
            }

            if (n % 4 != 3 && await TryAsync(() => grains.GetGrain<IJobOrderGrain>(match.JobOrderId).ConfirmAsync(hold.HoldId)) is { } hire)
            {
                hires.Add((workerId, hire));
            }
        }

        var interns = hires.Where(h => h.Hire.Kind == EngagementKind.Internship).ToList();
        for (var i = 0; i < interns.Count; i++)
        {
            var order = grains.GetGrain<IJobOrderGrain>(interns[i].Hire.JobOrderId);
            var id = interns[i].Hire.HoldId;
            await (i % 3 == 0 ? TryAsync(() => order.ConvertAsync(id)) : i % 5 == 1 ? TryAsync(() => order.LeaveAsync(id)) : Task.FromResult<EngagementView?>(null));
        }

        var lodged = await LodgeAsync(hires, sites);
        logger.LogInformation(
            "Demo fair day: {Visitors} check-ins, {Hires} hires ({Interns} interns), {Lodged} new hires lodged",
            n, hires.Count, interns.Count, lodged);
    }

    /// <summary>New hires who need a bed and whose employer the lodging list admits: 3 to 15 nights from today.</summary>
    private async Task<int> LodgeAsync(List<(string WorkerId, SlotHireConfirmed Hire)> hires, int sites)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var lodged = 0;
        for (var i = 0; i < hires.Count && sites > 0; i++)
        {
            var worker = await grains.GetGrain<IWorkerGrain>(hires[i].WorkerId).GetAsync();
            if (!worker.NeedsLodging || worker.Status != WorkerStatus.Hired)
            {
                continue;
            }

            var siteId = WorkloadIds.LodgingSite(1 + (i % sites));
            var site = grains.GetGrain<ILodgingSiteGrain>(siteId);
            var request = new StayRequest { WorkerId = worker.Id, SiteId = siteId, From = today, To = today.AddDays(3 + (i % 13)) };
            if ((await TryAsync(() => site.ReserveAsync(request)))?.Reservation is { } stay
                && await TryAsync(() => site.CheckInAsync(stay.ReservationId)) is not null)
            {
                lodged++;
            }
        }

        return lodged;
    }

    /// <summary>A refusal (no free slot, not eligible, no bed) leaves that person out of the day; anything else is a fault.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> action)
        where T : class
    {
        try
        {
            return await action();
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
