using Matching.Api.Security;
using Matching.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/audit</c>: who read whose personal data in full, for employment-service staff.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Staff);
        api.MapGet("/workers/{id:entityId}", ReadsAsync)
            .WithSummary("Every read of the worker's personal data in full, newest first: reader, role, employer, what, when");
        return app;
    }

    private static async Task<Ok<Page<PersonalDataRead>>> ReadsAsync(string id, [AsParameters] PageQuery query, IGrainFactory grains)
    {
        var (from, count) = Listing.Paging(query);
        var reads = await grains.GetGrain<IPersonalDataAuditGrain>(id).ReadsAsync();
        return TypedResults.Ok(new Page<PersonalDataRead>([.. reads.Skip(from).Take(count)], reads.Length, from, count));
    }
}
