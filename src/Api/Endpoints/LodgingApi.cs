using Matching.Lodging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/lodging</c>: transitional lodging sites (客栈) and their beds.</summary>
public static class LodgingApi
{
    private static readonly string[] _statuses = ["open"];

    public static IEndpointRouteBuilder MapLodgingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/lodging").WithTags("Lodging");
        api.MapPost("/sites", CreateAsync).WithSummary("Create a lodging site");
        api.MapGet("/sites", ListAsync).WithSummary("List lodging sites by district");
        api.MapGet("/sites/{id}", GetAsync).WithSummary("Read a site with its beds");
        api.MapPut("/sites/{id}", UpdateAsync).WithSummary("Change a site's name, district, town or address");
        api.MapPost("/sites/{id}/beds", AddBedsAsync).WithSummary("Add beds to a site, by count or by labels");
        api.MapGet("/beds/{bedId}", GetBedAsync).WithSummary("Read a bed");
        api.MapPut("/beds/{bedId}", SetBedAsync).WithSummary("Take a bed out of service or back in");
        return app;
    }

    private static async Task<Created<LodgingSiteView>> CreateAsync(LodgingSiteProfile body, IGrainFactory grains)
    {
        var id = Listing.ResolveId(body.Id);
        var view = await grains.GetGrain<ILodgingSiteGrain>(id).CreateAsync(body);
        return TypedResults.Created($"/api/lodging/sites/{id}", view);
    }

    private static async Task<Ok<LodgingSiteView>> GetAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ILodgingSiteGrain>(id).GetAsync());

    private static async Task<Ok<LodgingSiteView>> UpdateAsync(string id, LodgingSiteProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ILodgingSiteGrain>(id).UpdateAsync(body));

    private static async Task<Created<LodgingSiteView>> AddBedsAsync(string id, AddBedsRequest body, IGrainFactory grains) =>
        TypedResults.Created($"/api/lodging/sites/{id}", await grains.GetGrain<ILodgingSiteGrain>(id).AddBedsAsync(body));

    private static async Task<Ok<BedView>> GetBedAsync(string bedId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IBedGrain>(bedId).GetAsync());

    private static async Task<Ok<BedView>> SetBedAsync(string bedId, BedChange body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IBedGrain>(bedId).SetInServiceAsync(body.InService));

    private static async Task<Ok<Page<LodgingSiteView>>> ListAsync(IGrainFactory grains, string? district, int? skip, int? take) =>
        TypedResults.Ok(await Listing.PageAsync(
            grains,
            StorageNames.LodgingSite,
            ("status", null),
            _statuses,
            [("district", district)],
            skip,
            take,
            id => grains.GetGrain<ILodgingSiteGrain>(id).GetAsync()));

    /// <summary>The body of <c>PUT /api/lodging/beds/{bedId}</c>.</summary>
    public sealed record BedChange(bool InService);
}
