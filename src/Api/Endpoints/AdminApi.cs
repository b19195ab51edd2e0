using Matching.Api.Security;
using Matching.Consistency;
using Matching.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/admin</c>: operators' checks of the running system, for staff and admins only.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // A check scans every stored entity seven times over: one at a time per API node, a second caller is told to retry.
        var checking = new SemaphoreSlim(1, 1);
        var api = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Staff);
        api.MapGet("/consistency", (IGrainFactory grains) => ConsistencyAsync(grains, checking))
            .WithSummary("Whether catalogs and match index shards agree with the stored entities, check by check (one check at a time; 409 while one runs)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    // The scan runs in a silo: in cluster mode this process has no store, only a client of the cluster.
    private static async Task<Ok<ConsistencyReport>> ConsistencyAsync(IGrainFactory grains, SemaphoreSlim checking)
    {
        if (!await checking.WaitAsync(0))
        {
            throw new ConflictException(ProblemCodes.CheckRunning, "A consistency check is running; retry when it has ended.");
        }

        try
        {
            return TypedResults.Ok(await grains.GetGrain<IConsistencyGrain>(0).CheckAsync());
        }
        finally
        {
            checking.Release();
        }
    }
}
