using System.Security.Claims;
using Matching.Api.Security;
using Matching.Fairs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/fairs</c>: job fair days and their participating employers.</summary>
public static class FairsApi
{
    private static readonly string[] _statuses = ["scheduled", "closed"];

    public static IEndpointRouteBuilder MapFairsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/fairs").WithTags("Fairs");
        api.MapPost("/", CreateAsync).WithSummary("Schedule a fair").RequireAuthorization(Policies.Staff);
        api.MapGet("/", ListAsync).WithSummary("List fairs by district, date and status").RequireAuthorization(Policies.Staff);
        api.MapGet("/{id:entityId}", GetAsync).WithSummary("Read a fair").RequireAuthorization(Policies.Staff);
        api.MapPut("/{id:entityId}", UpdateAsync).WithSummary("Change a scheduled fair").RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:entityId}/close", CloseAsync).WithSummary("Close a fair day").RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:entityId}/check-ins", CheckInAsync).WithSummary("A visitor arrives: counted, matched, shown on the board").RequireAuthorization(Policies.Staff);
        api.MapGet("/{id:entityId}/board", BoardAsync).WithSummary("The big screen's figures (a board viewer: its own fair's)").RequireAuthorization(Policies.Boards);
        return app;
    }

    private static async Task<Created<FairView>> CreateAsync(FairProfile body, IGrainFactory grains)
    {
        var id = Listing.ResolveId(body.Id);
        var view = await grains.GetGrain<IFairGrain>(id).CreateAsync(body);
        return TypedResults.Created($"/api/fairs/{id}", view);
    }

    private static async Task<Ok<FairView>> GetAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFairGrain>(id).GetAsync());

    private static async Task<Ok<FairView>> UpdateAsync(string id, FairProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFairGrain>(id).UpdateAsync(body));

    private static async Task<Ok<FairView>> CloseAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFairGrain>(id).CloseAsync());

    private static async Task<Ok<CheckInResult>> CheckInAsync(string id, CheckInRequest body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFairGrain>(id).CheckInAsync(body.WorkerId ?? ""));

    private static async Task<Ok<FairBoard>> BoardAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        user.EnsureFair(id);
        return TypedResults.Ok(await grains.GetGrain<IFairGrain>(id).GetBoardAsync());
    }

    private static async Task<Ok<Page<FairView>>> ListAsync(
        IGrainFactory grains, string? district, string? date, string? status, int? skip, int? take) =>
        TypedResults.Ok(await Listing.PageAsync(
            grains,
            StorageNames.Fair,
            ("status", status),
            _statuses,
            [("district", district), ("date", date)],
            skip,
            take,
            id => grains.GetGrain<IFairGrain>(id).GetAsync()));

    /// <summary>The body of <c>POST /api/fairs/{id}/check-ins</c>.</summary>
    public sealed record CheckInRequest(string? WorkerId);
}
