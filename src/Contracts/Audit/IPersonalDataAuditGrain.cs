namespace Matching.Audit;

/// <summary>The audit log of one worker's personal data (keyed by the worker's id): every read in full, for staff to query.</summary>
[Alias("IPersonalDataAuditGrain")]
public interface IPersonalDataAuditGrain : IGrainWithStringKey
{
    /// <summary>Records a read; stored before it returns, so a read is never shown without its record.</summary>
    [Alias("Record")]
    Task RecordAsync(PersonalDataRead read);

    /// <summary>The recorded reads, newest first.</summary>
    [Alias("Reads")]
    Task<PersonalDataRead[]> ReadsAsync();
}

/// <summary>
/// One read of a worker's personal data in full (name and phone, or more): who read it, in which role and for
/// which employer, through what, and when.
/// </summary>
[GenerateSerializer, Immutable, Alias("PersonalDataRead")]
public sealed record PersonalDataRead(
    [property: Id(0)] string Reader,
    [property: Id(1)] string Role,
    [property: Id(2)] string? EmployerId,
    [property: Id(3)] string What,
    [property: Id(4)] DateTimeOffset At);
