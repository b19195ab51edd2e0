using Matching.Catalog;
using Matching.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching;

/// <summary>The steps every grain takes the same way: existence checks, ids, and storing state before what derives from it.</summary>
internal static class EntityGrainExtensions
{
    public static TProfile Require<TProfile>(this EntityState<TProfile> state, string kind, string id)
        where TProfile : class =>
        state.Profile ?? throw new NotFoundException(kind, id);

    /// <summary>
    /// Whether a create may go on: false for a new entity; true when the entity exists because this very keyed request
    /// created it before its answer was lost (the caller answers as the first time); a conflict for anyone else.
    /// </summary>
    public static bool WasCreatedByThisRequest<TProfile>(this EntityState<TProfile> state, string kind, string id)
        where TProfile : class
    {
        if (!state.Exists)
        {
            return false;
        }

        return Idempotency.RequestKey.IsCurrent(state.CreatedBy)
            ? true
            : throw new ConflictException(ProblemCodes.AlreadyExists, $"{kind} '{id}' already exists.");
    }

    /// <summary>
    /// Stamps an entity's state and writes it, then tells its catalog and runs the other derived updates given
    /// (see <see cref="WriteAndDeriveAsync{TState}"/>).
    /// </summary>
    public static Task SaveAsync<TState, TProfile>(
        this Grain grain, IGrainFactory grains, IPersistentState<TState> state, string stateName, DateTimeOffset now, params DerivedUpdate[] derived)
        where TState : EntityState<TProfile>, ICatalogued
        where TProfile : class
    {
        if (state.State.CreatedAt == default)
        {
            state.State.CreatedAt = now;
            state.State.CreatedBy = Idempotency.RequestKey.Current;
        }

        state.State.UpdatedAt = now;
        return state.State.ToCatalogEntry(grain.GetPrimaryKeyString()) is { } entry
            ? grain.WriteAndDeriveAsync(state, [DerivedUpdate.Catalog(grains, stateName, entry), .. derived])
            : grain.WriteAndDeriveAsync(state, derived);
    }

    /// <summary>
    /// How every grain stores its state: writes it, then runs the updates derived from it. Once the write stands,
    /// the derived updates run, each on its own: one that fails is logged and caught up later (see
    /// <see cref="DerivedUpdate.CatchUp"/>), and never fails the caller.
    /// </summary>
    /// <remarks>
    /// A failed write may have landed all the same: PostgreSQL restarting can cut the connection after the commit
    /// and before its answer. Taken as failed, such a write would leave the store changed and nothing derived told,
    /// and the caller's retry would find the change made ("already withdrawn") and derive nothing either — a gap in
    /// the catalog or the index until the entity's next change. So the stored state is read back (see
    /// <see cref="LandedAsync{TState}"/>): a write that landed goes on as one that succeeded; one that did not, or
    /// whose fate the store cannot tell yet, fails the caller, and the activation is dropped so the next call
    /// reloads what was really stored.
    /// </remarks>
    public static async Task WriteAndDeriveAsync<TState>(this Grain grain, IPersistentState<TState> state, params DerivedUpdate[] derived)
    {
        var before = state.Etag;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failure)
        {
            // A conflict means another activation wrote: nothing to read back, the activation must go.
            if (failure is Orleans.Storage.InconsistentStateException || !await LandedAsync(grain, state, before))
            {
                grain.DeactivateOnIdle();
                throw;
            }

            grain.LoggerOf().LogWarning(failure, "{Kind} {Id} was told its write failed, but the store holds it; it goes on as written", grain.GetGrainId().Type, grain.GetGrainId().Key);
        }

        await grain.DeriveAsync(derived);
    }

    /// <summary>
    /// Waits of the read-back of a write the store reported failed: together a few seconds, the time PostgreSQL
    /// takes to restart, and well within a caller's 30 s response timeout.
    /// </summary>
    private static readonly TimeSpan[] _readBackWaits = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)];

    /// <summary>
    /// Whether a write the store reported failed is stored all the same: its ETag moved on since
    /// <paramref name="before"/> (the activation is the entity's only writer, so a new ETag is this write). The
    /// in-memory state is then kept as it is (it is what was written; grain code may hold parts of it). False when
    /// the store still holds the state before the write, or cannot be read within the waits.
    /// </summary>
    private static async Task<bool> LandedAsync<TState>(Grain grain, IPersistentState<TState> state, string? before)
    {
        var written = state.State;
        foreach (var wait in _readBackWaits)
        {
            await Task.Delay(wait);
            try
            {
                await state.ReadStateAsync();
            }
            catch (Exception ex)
            {
                grain.LoggerOf().LogDebug(ex, "The store cannot be read back yet");
                continue;
            }

            if (state.Etag == before)
            {
                return false;
            }

            state.State = written;
            return true;
        }

        return false;
    }

    /// <summary>The logger of the grain's class, for the helpers that act on a grain from outside it.</summary>
    public static ILogger LoggerOf(this Grain grain) =>
        grain.GrainContext.ActivationServices.GetRequiredService<ILoggerFactory>().CreateLogger(grain.GetType());

    /// <summary>
    /// Runs derived updates on their own, for a flow whose updates follow a later step than its last write (an
    /// order's events after the worker answered, a site's counts after the archive took its ended stays) or that
    /// reports what the stored deadlines already decided. Never throws.
    /// </summary>
    public static Task DeriveAsync(this Grain grain, params DerivedUpdate[] derived)
    {
        if (derived.Length == 0)
        {
            return Task.CompletedTask;
        }

        var waited = new List<Task>(derived.Length);
        foreach (var update in derived)
        {
            var run = RunAlone(grain, update);
            if (!update.Background)
            {
                waited.Add(run);
            }
        }

        return Task.WhenAll(waited);
    }

    private static async Task RunAlone(Grain grain, DerivedUpdate update)
    {
        try
        {
            await update.Run();
        }
        catch (Exception ex)
        {
            var id = grain.GetGrainId();
            grain.LoggerOf().LogWarning(
                ex,
                "{Kind} {Id} stored its change but the {Target} missed it; it catches up by {CatchUp}",
                id.Type,
                id.Key,
                update.Target,
                update.CatchUp);
        }
    }

    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
