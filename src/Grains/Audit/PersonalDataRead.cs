namespace Matching.Audit;

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

/// <summary>The reads of one worker's personal data, oldest first.</summary>
[GenerateSerializer, Alias("PersonalDataAuditState")]
public sealed class PersonalDataAuditState
{
    [Id(0)] public List<PersonalDataRead> Reads { get; set; } = [];
}
