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
}
