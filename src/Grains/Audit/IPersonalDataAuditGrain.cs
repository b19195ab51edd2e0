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
