using Matching.Catalog;
using Matching.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching;

/// <summary>The steps every entity grain takes the same way: existence checks, ids, and telling the catalog.</summary>
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
    /// Stamps the state, writes it, then refreshes the catalog entry derived from it. The catalog is derived state
    /// (rebuilt from the store when it activates), so a failure to tell it never fails the write that stands.
    /// </summary>
    public static async Task SaveAsync<TState, TProfile>(
        this Grain grain, IGrainFactory grains, IPersistentState<TState> state, string stateName, DateTimeOffset now)
        where TState : EntityState<TProfile>, ICatalogued
        where TProfile : class
    {
        if (state.State.CreatedAt == default)
        {
            state.State.CreatedAt = now;
            state.State.CreatedBy = Idempotency.RequestKey.Current;
        }

        state.State.UpdatedAt = now;
        await grain.WriteOrDropAsync(state);

        var id = grain.GetPrimaryKeyString();
        if (state.State.ToCatalogEntry(id) is { } entry)
        {
            try
            {
                await grains.GetGrain<ICatalogGrain>(stateName).UpsertAsync(entry);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                grain.GrainContext.ActivationServices.GetRequiredService<ILogger<Grain>>().LogWarning(ex, "The {Catalog} catalog missed a change of {Id}; it catches up when it is rebuilt", stateName, id);
            }
        }
    }

    /// <summary>
    /// Writes the state; when the write fails the in-memory state is ahead of the stored one, so the activation
    /// is dropped and the next call reloads what was really stored.
    /// </summary>
    public static async Task WriteOrDropAsync<TState>(this Grain grain, IPersistentState<TState> state)
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
    }

    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
