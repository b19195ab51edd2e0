using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

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

    /// <summary>
    /// The answer in the state could not be stored yet (the store was down when the request ended). It is the
    /// key's answer all the same: a retry gets it from this activation, and each retry tries to store it again.
    /// </summary>
    private bool _unsaved;

    public async Task<IdempotencyDecision> BeginAsync(string fingerprint)
    {
        var now = time.GetUtcNow();
        if (state.State.IsLive(now))
        {
            await TryStoreKeptAnswerAsync();
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
        _running = new RunningAttempt(attempt, fingerprint, Lease(now));
        return IdempotencyDecision.Proceed(attempt);
    }

    public Task<bool> RenewAsync(Guid attempt)
    {
        if (_running is not { } running || running.Attempt != attempt)
        {
            return Task.FromResult(false);
        }

        _running = running with { Until = Lease(time.GetUtcNow()) };
        return Task.FromResult(true);
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

        // The client gets this answer whether or not the write succeeds, so from here on it is the key's answer:
        // kept in this activation when the store is down, rather than dropped for a retry to run the request again.
        _unsaved = true;
        await StoreAsync();
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
        await TryStoreKeptAnswerAsync();
        if (state.RecordExists && !state.State.IsLive(time.GetUtcNow()))
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    private async Task TryStoreKeptAnswerAsync()
    {
        if (!_unsaved)
        {
            return;
        }

        try
        {
            await StoreAsync();
        }
        catch (Exception ex)
        {
            // Still down: the answer stays in memory for the next retry.
            _ = ex;
        }
    }

    /// <summary>
    /// Writes the key's record. Not <c>WriteAndDeriveAsync</c>, the other grains' helper: that drops the activation
    /// when a write fails, and here the activation is what keeps an answer already given until the store takes it.
    /// </summary>
    private async Task StoreAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // A write that failed before may have reached the store after all: take the stored ETag, then write
            // the answer kept here over it (the only writer of this key is this activation).
            var kept = (state.State.Fingerprint, state.State.Answer, state.State.CreatedAt, state.State.ExpiresAt);
            await state.ReadStateAsync();
            (state.State.Fingerprint, state.State.Answer, state.State.CreatedAt, state.State.ExpiresAt) = kept;
            await state.WriteStateAsync();
        }

        _unsaved = false;
    }

    /// <summary>Until when an attempt begun or renewed now holds the key; the activation stays at least as long.</summary>
    private DateTimeOffset Lease(DateTimeOffset now)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.InProgressTimeoutSeconds);
        DelayDeactivation(timeout);
        return now + timeout;
    }

    private sealed record RunningAttempt(Guid Attempt, string Fingerprint, DateTimeOffset Until);
}
