using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Idempotency;

public sealed class IdempotencyQuotaGrain(
    [PersistentState(StorageNames.IdempotencyQuota, StorageNames.Main)] IPersistentState<IdempotencyQuotaState> state,
    IOptions<IdempotencyOptions> options,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IIdempotencyQuotaGrain
{
    public async Task<bool> TryTakeAsync()
    {
        // Counted by the hour a key was taken: an hour counts until the retention after its end has passed,
        // so the count never falls below the answers still stored.
        var hour = time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        var perHour = state.State.PerHour;
        foreach (var old in perHour.Keys.Where(h => h < hour - options.Value.RetentionHours).ToList())
        {
            perHour.Remove(old);
        }

        if (perHour.Values.Sum() >= options.Value.MaxLiveKeysPerCaller)
        {
            return false;
        }

        perHour[hour] = perHour.GetValueOrDefault(hour) + 1;
        await this.WriteOrDropAsync(state);
        return true;
    }
}
