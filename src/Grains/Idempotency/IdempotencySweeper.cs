using Matching.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Idempotency;

/// <summary>
/// Deletes stored answers whose retention has ended. An answer is only ever cleared when its own key comes
/// back, so without this the keys nobody retries would stay in the store for good. Every silo sweeps; a
/// sweep of an entry another silo swept already changes nothing.
/// </summary>
public sealed class IdempotencySweeper(
    IStateStore store,
    IGrainFactory grains,
    IOptions<IdempotencyOptions> options,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    ILogger<IdempotencySweeper> logger) : BackgroundService
{
    /// <summary>Deletes every expired answer now; returns how many there were.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var expired = new List<string>();
        await foreach (var (key, entry) in store.ScanAsync<IdempotencyState>(StorageNames.Idempotency, cancellationToken))
        {
            if (!entry.IsLive(now))
            {
                expired.Add(key);
            }
        }

        foreach (var key in expired)
        {
            await grains.GetGrain<IIdempotencyGrain>(key).SweepAsync();
        }

        return expired.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.SweepMinutes)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var swept = await SweepAsync(stoppingToken);
                logger.LogInformation("Deleted {Count} expired idempotency answers", swept);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The store or a silo may be away for a while; the next tick tries again.
                logger.LogWarning(e, "Sweeping expired idempotency answers failed");
            }
        }
    }
}
