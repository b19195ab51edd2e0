namespace Matching.Audit;

public sealed class PersonalDataAuditGrain(
    [PersistentState(StorageNames.PersonalDataAudit, StorageNames.Main)] IPersistentState<PersonalDataAuditState> state) : Grain, IPersonalDataAuditGrain
{
    /// <summary>
    /// Reads kept per worker: years of a worker's ordinary life in the system (a few reads a week), while a
    /// loop that reads one worker over and over cannot grow the state without bound.
    /// </summary>
    public const int MaxKept = 1000;

    public async Task RecordAsync(PersonalDataRead read)
    {
        var reads = state.State.Reads;
        reads.Add(read);
        if (reads.Count > MaxKept)
        {
            reads.RemoveRange(0, reads.Count - MaxKept);
        }

        await this.WriteAndDeriveAsync(state);
    }

    public Task<PersonalDataRead[]> ReadsAsync() => Task.FromResult(state.State.Reads.AsEnumerable().Reverse().ToArray());
}

/// <summary>The reads of one worker's personal data, oldest first.</summary>
[GenerateSerializer, Alias("PersonalDataAuditState")]
public sealed class PersonalDataAuditState
{
    [Id(0)] public List<PersonalDataRead> Reads { get; set; } = [];
}
