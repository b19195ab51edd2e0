using System.Security.Claims;
using Matching.Audit;

namespace Matching.Api.Security;

/// <summary>
/// Every answer that shows a worker's personal data unmasked is recorded in that worker's audit log before it
/// is sent: who (the token's subject, role and employer), whom, through what, when. Staff query it.
/// </summary>
public static class PersonalDataAudit
{
    public static Task RecordReadsAsync(this IGrainFactory grains, ClaimsPrincipal reader, IEnumerable<string> workerIds, string what, DateTimeOffset at)
    {
        var read = new PersonalDataRead(reader.FindFirst(ClaimNames.Subject)?.Value ?? "", Roles.Of(reader) ?? "", reader.EmployerOf(), what, at);
        return Task.WhenAll(workerIds.Distinct(StringComparer.Ordinal).Select(id => grains.GetGrain<IPersonalDataAuditGrain>(id).RecordAsync(read)));
    }
}
