using System.Security.Claims;
using Matching.Api.Security;
using Matching.Catalog;
using Matching.Errors;
using Matching.Fairs;
using Matching.Index;
using Matching.JobOrders;
using Matching.Scoring;
using Matching.Validation;
using Matching.Workers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Matching.Api.Endpoints;

/// <summary>Job-slot holds: a recruiter keeps a worker against a job order, then hires or lets go.</summary>
public static class HoldsApi
{
    public static IEndpointRouteBuilder MapHoldsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Holds").RequireAuthorization(Policies.Recruiting);
        api.MapPost("/job-orders/{id:entityId}/holds", HoldAsync).WithSummary("Hold a worker against a free slot of the job order");
        api.MapGet("/job-orders/{id:entityId}/holds", SlotsAsync).WithSummary("The order's live holds and its hires");
        api.MapPost("/holds/{holdId}/confirm", ConfirmAsync).WithSummary("Hire the held worker, as employment or an internship (optional body {kind})");
        api.MapPost("/holds/{holdId}/convert", ConvertAsync).WithSummary("Turn the internship hired under the hold into employment (转正)");
        api.MapPost("/holds/{holdId}/leave", LeaveAsync).WithSummary("The worker hired under the hold left: back in the search, the hire kept as left");
        api.MapDelete("/holds/{holdId}", ReleaseAsync).WithSummary("Release a hold");
        return app;
    }

    private static async Task<Created<SlotHoldGranted>> HoldAsync(
        string id,
        HoldRequest body,
        IGrainFactory grains,
        ClaimsPrincipal user,
        ShardRouter shards,
        IOptions<HoldOptions> holds)
    {
        var order = await grains.GetGrain<IJobOrderGrain>(id).GetAsync();
        user.EnsureEmployer(order.EmployerId);
        if (FieldErrors.IsValidId(body.WorkerId))
        {
            await EnsureOfferedAsync(order, body.WorkerId!, user, grains, shards);
            await EnsureBelowHoldLimitAsync(order.EmployerId, holds.Value.MaxLivePerEmployer, grains);
        }

        var granted = await grains.GetGrain<IJobOrderGrain>(id).HoldAsync(body.WorkerId ?? "", body.TtlSeconds);
        return TypedResults.Created($"/api/holds/{granted.HoldId}", granted);
    }

    /// <summary>
    /// A hold shows the employer the worker's name and phone, so it is only for a worker the order was offered:
    /// one that passes the order's hard filters and, for a recruiter, is among the order's ranked candidates or
    /// checked in at a fair the employer takes part in (met at its booth). Any other worker is answered as if
    /// nobody were registered under the id, so holding is no way to learn who is registered, nor whether a
    /// stranger is held or hired elsewhere.
    /// </summary>
    private static async Task EnsureOfferedAsync(
        JobOrderView order, string workerId, ClaimsPrincipal user, IGrainFactory grains, ShardRouter shards)
    {
        var worker = await grains.GetGrain<IWorkerGrain>(workerId).GetAsync();
        var fits = (await grains.GetGrain<IMatchExplainerGrain>(0).ExplainAsync(worker, [order]))[0].Eligible;
        var offered = user.IsStaff()
            || (await shards.CandidatesAsync(order)).Any(c => c.WorkerId == workerId)
            || await MetAtAFairAsync(order.EmployerId, workerId, grains);
        if (!fits || !offered)
        {
            throw new NotFoundException("Worker", workerId);
        }
    }

    private static async Task<bool> MetAtAFairAsync(string employerId, string workerId, IGrainFactory grains)
    {
        var fairs = await grains.GetGrain<ICatalogGrain>(StorageNames.Fair)
            .QueryAsync(new CatalogQuery(Statuses.Fair.Code(FairStatus.Scheduled), [$"employer:{employerId}"], 0, int.MaxValue));
        var visited = await Task.WhenAll(fairs.Ids.Select(f => grains.GetGrain<IFairGrain>(f).HasVisitorAsync(workerId)));
        return visited.Any(v => v);
    }

    /// <summary>
    /// Live holds are bounded per employer, across its open orders: holding is how personal data opens up, so
    /// an employer cannot open it for thousands at once. Counted before the hold, so concurrent holds of one
    /// employer may pass the bound by a few; it bounds a sweep, not a busy fair.
    /// </summary>
    private static async Task EnsureBelowHoldLimitAsync(string employerId, int limit, IGrainFactory grains)
    {
        var orders = await grains.GetGrain<ICatalogGrain>(StorageNames.JobOrder)
            .QueryAsync(new CatalogQuery(Statuses.JobOrder.Code(JobOrderStatus.Open), [$"employer:{employerId}"], 0, int.MaxValue));
        var views = await Task.WhenAll(orders.Ids.Select(o => grains.GetGrain<IJobOrderGrain>(o).GetAsync()));
        var held = views.Sum(v => v.Held);
        if (held >= limit)
        {
            throw new ConflictException(ProblemCodes.TooManyHolds, $"The employer holds {held} workers, the most it may hold at once; hire or release some first.");
        }
    }

    private static async Task<Ok<JobOrderSlots>> SlotsAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        await user.EnsureJobOrderAsync(grains, id);
        return TypedResults.Ok(await grains.GetGrain<IJobOrderGrain>(id).GetSlotsAsync());
    }

    private static async Task<Ok<SlotHireConfirmed>> ConfirmAsync(string holdId, ConfirmRequest? body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await (await JobOrderOfAsync(holdId, grains, user)).ConfirmAsync(holdId, body?.Kind));

    private static async Task<Ok<EngagementView>> ConvertAsync(string holdId, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await (await JobOrderOfAsync(holdId, grains, user)).ConvertAsync(holdId));

    private static async Task<Ok<EngagementView>> LeaveAsync(string holdId, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await (await JobOrderOfAsync(holdId, grains, user)).LeaveAsync(holdId));

    private static async Task<NoContent> ReleaseAsync(string holdId, IGrainFactory grains, ClaimsPrincipal user)
    {
        await (await JobOrderOfAsync(holdId, grains, user)).ReleaseAsync(holdId);
        return TypedResults.NoContent();
    }

    /// <summary>The hold id names its job order, whose employer must be the caller's.</summary>
    private static async Task<IJobOrderGrain> JobOrderOfAsync(string holdId, IGrainFactory grains, ClaimsPrincipal user)
    {
        var jobOrderId = HoldKey.JobOrderOf(holdId) ?? throw new NotFoundException("Hold", holdId);
        await user.EnsureJobOrderAsync(grains, jobOrderId);
        return grains.GetGrain<IJobOrderGrain>(jobOrderId);
    }

    /// <summary>The optional body of <c>POST /api/holds/{holdId}/confirm</c>: <c>employment</c> or <c>internship</c>.</summary>
    public sealed record ConfirmRequest(EngagementKind? Kind);

    /// <summary>The body of <c>POST /api/job-orders/{id}/holds</c>.</summary>
    public sealed record HoldRequest(string? WorkerId, int? TtlSeconds);
}
