using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching;

/// <summary>
/// Makes a grain of derived state (a catalog, an index shard) that outlives another silo rebuild itself from the
/// store. Derived state is told of each change by the entity that made it, after its write; when the entity's silo
/// dies between the two, the change is stored and nobody will ever tell. The derived grains that died with that silo
/// rebuild when they next activate, so the survivors do too: each one, once it sees a silo declared dead that was
/// alive when it activated, deactivates, and its next call activates it afresh from the store, which holds every
/// change an entity wrote.
/// </summary>
/// <remarks>
/// A failover rebuilds every catalog and shard once (seconds for a hundred thousand workers, on the silos that
/// already do the dead silo's share), and nothing between failovers: the check is a look at the membership
/// snapshot the silo keeps in memory.
/// </remarks>
internal static class SiloDeathRebuild
{
    private static readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(3);

    /// <summary>Called from the grain's activation: watches for silos declared dead from now on.</summary>
    public static void RebuildAfterSiloDeaths(this Grain grain)
    {
        var membership = grain.GrainContext.ActivationServices.GetService<IClusterMembershipService>();
        if (membership is null)
        {
            return;
        }

        var seen = membership.CurrentSnapshot;
        var deadAtActivation = DeadSilos(seen);
        grain.RegisterGrainTimer(
            () =>
            {
                // The snapshot is replaced only when the membership changes; between changes a tick compares one number.
                var now = membership.CurrentSnapshot;
                if (now.Version == seen.Version)
                {
                    return Task.CompletedTask;
                }

                seen = now;
                var died = DeadSilos(now).Except(deadAtActivation).FirstOrDefault();
                if (died is not null)
                {
                    grain.LoggerOf().LogWarning(
                        "{Kind} {Id} lived through the death of silo {Silo}; it rebuilds from the store, for changes made there may not have reached it",
                        grain.GetGrainId().Type,
                        grain.GetGrainId().Key,
                        died);
                    grain.DeactivateOnIdle();
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(_checkEvery, _checkEvery) { KeepAlive = false });
    }

    private static HashSet<SiloAddress> DeadSilos(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress)];
}
