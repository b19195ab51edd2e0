namespace Matching.Workers;

/// <summary>A worker (劳动者): profile, availability, status; at most one live hold or hire.</summary>
[Alias("IWorkerGrain")]
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Registers the worker as seeking; 409 when the id is taken, 400 on broken field rules.</summary>
    [Alias("Create")]
    Task<WorkerView> CreateAsync(WorkerProfile profile);

    /// <summary>Changes the profile of a worker still in the search; 409 once withdrawn or hired.</summary>
    [Alias("Update")]
    Task<WorkerView> UpdateAsync(WorkerProfile profile);

    /// <summary>Takes the worker out of the search; 409 when hired or already withdrawn.</summary>
    [Alias("Withdraw")]
    Task<WorkerView> WithdrawAsync();

    /// <summary>The worker; 404 when unknown.</summary>
    [Alias("Get")]
    Task<WorkerView> GetAsync();

    /// <summary>
    /// Binds the worker to a slot hold; 409 when the worker has another live hold, is hired or withdrawn.
    /// Repeating it with the same hold id is harmless. Called only by the job order that takes the slot.
    /// </summary>
    [Alias("AcquireHold")]
    Task AcquireHoldAsync(WorkerHold hold);

    /// <summary>Turns the live hold into the worker's one hire; repeating it for the same hold is harmless.</summary>
    [Alias("ConfirmHire")]
    Task ConfirmHireAsync(string holdId, DateTimeOffset hiredAt);

    /// <summary>Lets go of the hold if it is still the worker's; otherwise does nothing.</summary>
    [Alias("ReleaseHold")]
    Task ReleaseHoldAsync(string holdId);
}
