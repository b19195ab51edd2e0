using Microsoft.Extensions.DependencyInjection;
using Matching.Errors;

namespace Matching.Lodging;

[GenerateSerializer, Alias("WorkerStayState")]
public sealed class WorkerStayState
{
    [Id(0)] public StayClaim? Claim { get; set; }
}

public sealed class WorkerStayGrain(
    [PersistentState(StorageNames.WorkerStay, StorageNames.Main)] IPersistentState<WorkerStayState> state,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IWorkerStayGrain
{
    public async Task ClaimAsync(StayClaim claim)
    {
        if (state.State.Claim is { } current && current.ReservationId != claim.ReservationId && current.IsLive(time.GetUtcNow()))
        {
            throw new ConflictException(
                ProblemCodes.WorkerHasStay,
                $"worker '{this.GetPrimaryKeyString()}' already has stay '{current.ReservationId}' at site '{current.SiteId}'.");
        }

        if (state.State.Claim == claim)
        {
            return;
        }

        state.State.Claim = claim;
        await this.WriteAndDeriveAsync(state);
    }

    public async Task ReleaseAsync(string reservationId)
    {
        if (state.State.Claim?.ReservationId != reservationId)
        {
            return;
        }

        state.State.Claim = null;
        await this.WriteAndDeriveAsync(state);
    }

    public Task<StayClaim?> GetAsync() =>
        Task.FromResult(state.State.Claim is { } c && c.IsLive(time.GetUtcNow()) ? c : null);
}
