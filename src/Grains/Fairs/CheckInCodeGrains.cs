using Matching.Workers;

namespace Matching.Fairs;

[GenerateSerializer, Alias("CheckInCodeState")]
public sealed class CheckInCodeState
{
    [Id(0)] public string? WorkerId { get; set; }
}

[GenerateSerializer, Alias("WorkerCheckInCodeState")]
public sealed class WorkerCheckInCodeState
{
    [Id(0)] public string? Code { get; set; }
}

public sealed class WorkerCheckInCodeGrain(
    [PersistentState(CheckInCodes.WorkerState, StorageNames.Main)] IPersistentState<WorkerCheckInCodeState> state) : Grain, IWorkerCheckInCodeGrain
{
    public async Task<string> GetCodeAsync()
    {
        if (state.State.Code is { } code)
        {
            return code;
        }

        var workerId = this.GetPrimaryKeyString();
        await GrainFactory.GetGrain<IWorkerGrain>(workerId).GetAsync();
        string drawn;
        do
        {
            drawn = CheckInCodes.NewCode();
        }
        while (!await GrainFactory.GetGrain<ICheckInCodeGrain>(drawn).ClaimAsync(workerId));

        state.State.Code = drawn;
        await this.WriteAndDeriveAsync(state);
        return drawn;
    }
}

public sealed class CheckInCodeGrain(
    [PersistentState(CheckInCodes.CodeState, StorageNames.Main)] IPersistentState<CheckInCodeState> state) : Grain, ICheckInCodeGrain
{
    public async Task<bool> ClaimAsync(string workerId)
    {
        if (state.State.WorkerId is { } holder)
        {
            return holder == workerId;
        }

        state.State.WorkerId = workerId;
        await this.WriteAndDeriveAsync(state);
        return true;
    }

    public Task<string?> GetWorkerIdAsync() => Task.FromResult(state.State.WorkerId);
}
