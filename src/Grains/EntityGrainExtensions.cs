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
    /// How every grain stores its state: writes it, then runs the updates derived from it. When the write fails
    /// the in-memory state is ahead of the stored one, so the activation is dropped (the next call reloads what
    /// was really stored), the failure goes to the caller and nothing derived is told. Once the write stands,
    /// the derived updates run, each on its own: one that fails is logged and caught up later (see
    /// <see cref="DerivedUpdate.CatchUp"/>), and never fails the caller.
    /// </summary>
    public static async Task WriteAndDeriveAsync<TState>(this Grain grain, IPersistentState<TState> state, params DerivedUpdate[] derived)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }

        await grain.DeriveAsync(derived);
    }

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
            grain.GrainContext.ActivationServices.GetRequiredService<ILoggerFactory>().CreateLogger(grain.GetType()).LogWarning(
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
