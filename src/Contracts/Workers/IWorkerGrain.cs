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

    /// <summary>
    /// Turns the live hold into the worker's one hire, of the kind asked for or the default one
    /// (<see cref="Engagements.Resolve"/>: 400 on <c>kind</c> for an internship the worker or order cannot have).
    /// Repeating it for the same hold is harmless and answers the hire made.
    /// </summary>
    [Alias("ConfirmHire")]
    Task<WorkerHire> ConfirmHireAsync(string holdId, DateTimeOffset hiredAt, EngagementKind? kind, bool orderAcceptsInterns);

    /// <summary>
    /// Makes the worker's internship under this hold employment; repeating it is harmless. 409 when the hire is
    /// not the worker's, is employment already or ended. Called only by the job order, the hire's coordinator.
    /// </summary>
    [Alias("ConvertHire")]
    Task<WorkerHire> ConvertHireAsync(string holdId, DateTimeOffset convertedAt);

    /// <summary>
    /// The worker left the employer of this hire: back in the search, the hire no longer the worker's (its
    /// record stays with the job order). Does nothing when the hire is no longer the worker's.
    /// </summary>
    [Alias("EndHire")]
    Task EndHireAsync(string holdId);

    /// <summary>Lets go of the hold if it is still the worker's; otherwise does nothing.</summary>
    [Alias("ReleaseHold")]
    Task ReleaseHoldAsync(string holdId);
}
