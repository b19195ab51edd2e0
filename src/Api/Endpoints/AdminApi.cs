using Matching.Consistency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/admin</c>: operators' checks of the running system.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin");
        api.MapGet("/consistency", ConsistencyAsync)
            .WithSummary("Whether catalogs and match index shards agree with the stored entities, check by check");
        return app;
    }

    // The scan runs in a silo: in cluster mode this process has no store, only a client of the cluster.
    private static async Task<Ok<ConsistencyReport>> ConsistencyAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IConsistencyGrain>(0).CheckAsync());
}
