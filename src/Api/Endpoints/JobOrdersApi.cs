using System.Security.Claims;
using Matching.Api.Security;
using Matching.JobOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/job-orders</c>: an employer's orders, their headcount and lifecycle.</summary>
public static class JobOrdersApi
{
    public static IEndpointRouteBuilder MapJobOrdersApi(this IEndpointRouteBuilder app)
    {
        // Recruiters work on their own employer's orders only; staff on every employer's.
        var api = app.MapGroup("/api/job-orders").WithTags("Job orders").RequireAuthorization(Policies.Recruiting);
        api.MapPost("/", CreateAsync).WithSummary("Open a job order for an employer");
        api.MapGet("/", ListAsync).WithSummary("List job orders by employer, trade and status (a recruiter: its own employer's)");
        api.MapGet("/{id:entityId}", GetAsync).WithSummary("Read a job order with its open, held and hired slots");
        api.MapPut("/{id:entityId}", UpdateAsync).WithSummary("Change an open job order");
        api.MapPost("/{id:entityId}/close", CloseAsync).WithSummary("Close a job order");
        return app;
    }

    private static async Task<Created<JobOrderView>> CreateAsync(JobOrderProfile body, IGrainFactory grains, ClaimsPrincipal user)
    {
        user.EnsureEmployer(body.EmployerId ?? "");
        var id = Listing.ResolveId(body.Id);
        var view = await grains.GetGrain<IJobOrderGrain>(id).CreateAsync(body);
        return TypedResults.Created($"/api/job-orders/{id}", view);
    }

    private static async Task<Ok<JobOrderView>> GetAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        var order = await grains.GetGrain<IJobOrderGrain>(id).GetAsync();
        user.EnsureEmployer(order.EmployerId);
        return TypedResults.Ok(order);
    }

    private static async Task<Ok<JobOrderView>> UpdateAsync(string id, JobOrderProfile body, IGrainFactory grains, ClaimsPrincipal user)
    {
        await user.EnsureJobOrderAsync(grains, id);
        return TypedResults.Ok(await grains.GetGrain<IJobOrderGrain>(id).UpdateAsync(body));
    }

    private static async Task<Ok<JobOrderView>> CloseAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        await user.EnsureJobOrderAsync(grains, id);
        return TypedResults.Ok(await grains.GetGrain<IJobOrderGrain>(id).CloseAsync());
    }

    private static async Task<Ok<Page<JobOrderView>>> ListAsync(IGrainFactory grains, ClaimsPrincipal user, [AsParameters] JobOrderListQuery query)
    {
        // A recruiter's list is its employer's, whether or not it says so; naming another employer is refused.
        var employerId = query.EmployerId ?? user.EmployerOf();
        if (employerId is not null || !user.IsStaff())
        {
            user.EnsureEmployer(employerId ?? "");
        }

        return TypedResults.Ok(await Listing.PageAsync(
            grains,
            StorageNames.JobOrder,
            ("status", query.Status),
            Statuses.JobOrder.Codes,
            [("employer", employerId), ("trade", query.Trade), ("district", query.District)],
            query,
            async id =>
            {
                // Each row is checked against the caller too, so no filter mistake can list another employer's order.
                var order = await grains.GetGrain<IJobOrderGrain>(id).GetAsync();
                user.EnsureEmployer(order.EmployerId);
                return order;
            }));
    }

    /// <summary>The query of <c>GET /api/job-orders</c>: filters by employer, trade, district and status, and the page.</summary>
    public sealed record JobOrderListQuery(
        [FromQuery(Name = "employerId")] string? EmployerId,
        [FromQuery(Name = "trade")] string? Trade,
        [FromQuery(Name = "district")] string? District,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "skip")] int? Skip,
        [FromQuery(Name = "take")] int? Take) : IPageQuery;
}
