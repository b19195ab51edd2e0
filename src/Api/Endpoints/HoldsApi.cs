using System.Security.Claims;
using Matching.Api.Security;
using Matching.Errors;
using Matching.JobOrders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary>Job-slot holds: a recruiter keeps a worker against a job order, then hires or lets go.</summary>
public static class HoldsApi
{
    public static IEndpointRouteBuilder MapHoldsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Holds").RequireAuthorization(Policies.Recruiting);
        api.MapPost("/job-orders/{id:entityId}/holds", HoldAsync).WithSummary("Hold a worker against a free slot of the job order");
        api.MapGet("/job-orders/{id:entityId}/holds", SlotsAsync).WithSummary("The order's live holds and its hires");
        api.MapPost("/holds/{holdId}/confirm", ConfirmAsync).WithSummary("Hire the held worker");
        api.MapDelete("/holds/{holdId}", ReleaseAsync).WithSummary("Release a hold");
        return app;
    }

    private static async Task<Created<SlotHoldGranted>> HoldAsync(string id, HoldRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        await user.EnsureJobOrderAsync(grains, id);
        var granted = await grains.GetGrain<IJobOrderGrain>(id).HoldAsync(body.WorkerId ?? "", body.TtlSeconds);
        return TypedResults.Created($"/api/holds/{granted.HoldId}", granted);
    }

    private static async Task<Ok<JobOrderSlots>> SlotsAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        await user.EnsureJobOrderAsync(grains, id);
        return TypedResults.Ok(await grains.GetGrain<IJobOrderGrain>(id).GetSlotsAsync());
    }

    private static async Task<Ok<SlotHireConfirmed>> ConfirmAsync(string holdId, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await (await JobOrderOfAsync(holdId, grains, user)).ConfirmAsync(holdId));

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

    /// <summary>The body of <c>POST /api/job-orders/{id}/holds</c>.</summary>
    public sealed record HoldRequest(string? WorkerId, int? TtlSeconds);
}
