using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Idempotency;

/// <remarks>
/// One activation per key, made by every write: at the default collection age (15 minutes) a busy product would
/// hold a quarter-hour of writes' keys in memory though a retry comes within seconds and can read its answer back
/// from the store. So an idle key goes after a few minutes, but never while its first attempt runs (the running
/// attempt lives in memory only).
/// </remarks>
[CollectionAgeLimit(Minutes = 3)]
public sealed class IdempotencyGrain(
    [PersistentState(StorageNames.Idempotency, StorageNames.Main)] IPersistentState<IdempotencyState> state,
    IOptions<IdempotencyOptions> options,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IIdempotencyGrain
{
    /// <summary>The attempt running now, if any. Held in memory only: see <see cref="IdempotencyState"/>.</summary>
    private RunningAttempt? _running;

    public async Task<IdempotencyDecision> BeginAsync(string fingerprint)
    {
        var now = time.GetUtcNow();
        if (state.State.IsLive(now))
        {
            return state.State.Fingerprint == fingerprint
                ? IdempotencyDecision.Replay(state.State.Answer!)
                : IdempotencyDecision.FingerprintMismatch;
        }

        if (state.RecordExists)
        {
            // Expired: the key is free again, and its old answer need not take space any longer.
            await state.ClearStateAsync();
        }

        if (_running is { } running && now < running.Until)
        {
            return running.Fingerprint == fingerprint
                ? IdempotencyDecision.InProgress
                : IdempotencyDecision.FingerprintMismatch;
        }

        var attempt = Guid.NewGuid();
        _running = new RunningAttempt(attempt, fingerprint, now.AddSeconds(options.Value.InProgressTimeoutSeconds));
        DelayDeactivation(TimeSpan.FromSeconds(options.Value.InProgressTimeoutSeconds));
        return IdempotencyDecision.Proceed(attempt);
    }

    public async Task CompleteAsync(Guid attempt, IdempotentAnswer answer)
    {
        if (_running is not { } running || running.Attempt != attempt)
        {
            return;
        }

        _running = null;
        if (answer.Body.Length > options.Value.MaxStoredBodyBytes)
        {
            return;
        }

        var now = time.GetUtcNow();
        state.State.Fingerprint = running.Fingerprint;
        state.State.Answer = answer;
        state.State.CreatedAt = now;
        state.State.ExpiresAt = now.AddHours(options.Value.RetentionHours);
        await this.WriteAndDeriveAsync(state);
    }

    public Task AbandonAsync(Guid attempt)
    {
        if (_running?.Attempt == attempt)
        {
            _running = null;
        }

        return Task.CompletedTask;
    }

    public async Task SweepAsync()
    {
        if (state.RecordExists && !state.State.IsLive(time.GetUtcNow()))
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    private sealed record RunningAttempt(Guid Attempt, string Fingerprint, DateTimeOffset Until);
}
