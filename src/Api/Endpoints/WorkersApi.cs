using System.Security.Claims;
using Matching.Api.Security;
using Matching.Errors;
using Matching.Workers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/workers</c>: workers registered by employment-service staff.</summary>
public static class WorkersApi
{
    private static readonly string[] _statuses = ["seeking", "held", "hired", "withdrawn"];

    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        // Workers carry personal data: staff register and list them; a recruiter reads only those its employer holds or hired.
        var api = app.MapGroup("/api/workers").WithTags("Workers");
        api.MapPost("/", CreateAsync).WithSummary("Register a worker").RequireAuthorization(Policies.Staff);
        api.MapGet("/", ListAsync).WithSummary("List workers by origin (province or prefecture), trade, category and status").RequireAuthorization(Policies.Staff);
        api.MapGet("/{id:entityId}", GetAsync).WithSummary("Read a worker (a recruiter: one its employer holds or hired)").RequireAuthorization(Policies.Recruiting);
        api.MapPut("/{id:entityId}", UpdateAsync).WithSummary("Change a worker still in the search").RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:entityId}/withdraw", WithdrawAsync).WithSummary("Take a worker out of the search").RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Created<WorkerView>> CreateAsync(WorkerProfile body, IGrainFactory grains)
    {
        var id = Listing.ResolveId(body.Id);
        if (PersonalData.LooksLikePersonalData(id))
        {
            throw ValidationFailedException.For("id", "must not be a phone or ID number: ids appear in addresses and logs.");
        }

        var view = await grains.GetGrain<IWorkerGrain>(id).CreateAsync(body);
        return TypedResults.Created($"/api/workers/{id}", view);
    }

    private static async Task<Ok<WorkerView>> GetAsync(
        string id, IGrainFactory grains, ClaimsPrincipal user, [FromKeyedServices(MatchingClock.Key)] TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var worker = user.Readable(await grains.GetGrain<IWorkerGrain>(id).GetAsync(), now);
        await grains.RecordReadsAsync(user, [id], "GET /api/workers/{id}", now);
        return TypedResults.Ok(worker);
    }

    private static async Task<Ok<WorkerView>> UpdateAsync(string id, WorkerProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkerGrain>(id).UpdateAsync(body));

    private static async Task<Ok<WorkerView>> WithdrawAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkerGrain>(id).WithdrawAsync());

    private static async Task<Ok<Page<WorkerView>>> ListAsync(
        IGrainFactory grains,
        ClaimsPrincipal user,
        [FromKeyedServices(MatchingClock.Key)] TimeProvider clock,
        string? origin,
        string? trade,
        string? category,
        string? status,
        int? skip,
        int? take)
    {
        var page = await Listing.PageAsync(
            grains,
            StorageNames.Worker,
            ("status", status),
            _statuses,
            [("origin", origin), ("trade", trade), ("category", category)],
            skip,
            take,
            id => grains.GetGrain<IWorkerGrain>(id).GetAsync());
        await grains.RecordReadsAsync(user, page.Items.Select(w => w.Id!), "GET /api/workers", clock.GetUtcNow());
        return TypedResults.Ok(page);
    }
}
