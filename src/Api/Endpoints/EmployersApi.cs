using System.Security.Claims;
using Matching.Api.Security;
using Matching.Employers;
using Matching.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/employers</c>: employers with their key-enterprise flag, credit standing and programmes.</summary>
public static class EmployersApi
{
    public static IEndpointRouteBuilder MapEmployersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/employers").WithTags("Employers");
        api.MapPost("/", CreateAsync).WithSummary("Create an employer").RequireAuthorization(Policies.Staff);
        api.MapGet("/", ListAsync).WithSummary("List employers by district, key-enterprise flag and credit standing").RequireAuthorization(Policies.Staff);
        api.MapGet("/{id:entityId}", GetAsync).WithSummary("Read an employer (a recruiter: its own)").RequireAuthorization(Policies.Recruiting);
        api.MapPut("/{id:entityId}", UpdateAsync).WithSummary("Replace an employer's profile").RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Created<EmployerView>> CreateAsync(EmployerProfile body, IGrainFactory grains)
    {
        var id = Listing.ResolveId(body.Id);
        var view = await grains.GetGrain<IEmployerGrain>(id).CreateAsync(body);
        return TypedResults.Created($"/api/employers/{id}", view);
    }

    private static async Task<Ok<EmployerView>> GetAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        user.EnsureEmployer(id);
        return TypedResults.Ok(await grains.GetGrain<IEmployerGrain>(id).GetAsync());
    }

    private static async Task<Ok<EmployerView>> UpdateAsync(string id, EmployerProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IEmployerGrain>(id).UpdateAsync(body));

    private static async Task<Ok<Page<EmployerView>>> ListAsync(IGrainFactory grains, [AsParameters] EmployerListQuery query) =>
        TypedResults.Ok(await Listing.PageAsync(
            grains,
            StorageNames.Employer,
            ("creditStanding", query.CreditStanding),
            [.. ReferenceData.CreditStandings],
            [("district", query.District), ("key", query.IsKeyEnterprise is null ? null : query.IsKeyEnterprise.Value ? "yes" : "no")],
            query,
            id => grains.GetGrain<IEmployerGrain>(id).GetAsync()));

    /// <summary>The query of <c>GET /api/employers</c>: filters by district, key-enterprise flag and credit standing, and the page.</summary>
    public sealed record EmployerListQuery(
        [FromQuery(Name = "district")] string? District,
        [FromQuery(Name = "isKeyEnterprise")] bool? IsKeyEnterprise,
        [FromQuery(Name = "creditStanding")] string? CreditStanding,
        [FromQuery(Name = "skip")] int? Skip,
        [FromQuery(Name = "take")] int? Take) : IPageQuery;
}
