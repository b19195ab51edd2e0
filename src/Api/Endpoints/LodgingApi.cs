using System.Globalization;
using System.Security.Claims;
using Matching.Api.Security;
using Matching.Errors;
using Matching.Lodging;
using Matching.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/lodging</c>: transitional lodging sites (客栈), their beds, and stays on them.</summary>
public static class LodgingApi
{
    public static IEndpointRouteBuilder MapLodgingApi(this IEndpointRouteBuilder app)
    {
        // Staff run the sites; an operator reads its own sites and runs the stays on them.
        var api = app.MapGroup("/api/lodging").WithTags("Lodging").RequireAuthorization(Policies.Lodging);
        api.MapPost("/sites", CreateAsync).WithSummary("Create a lodging site").RequireAuthorization(Policies.Staff);
        api.MapGet("/sites", ListAsync).WithSummary("List lodging sites by district").RequireAuthorization(Policies.Staff);
        api.MapGet("/sites/{id:entityId}", GetAsync).WithSummary("Read a site with its beds");
        api.MapPut("/sites/{id:entityId}", UpdateAsync).WithSummary("Change a site's name, district, town or address").RequireAuthorization(Policies.Staff);
        api.MapPost("/sites/{id:entityId}/beds", AddBedsAsync).WithSummary("Add beds to a site, by count or by labels").RequireAuthorization(Policies.Staff);
        api.MapGet("/sites/{id:entityId}/availability", AvailabilityAsync)
            .WithSummary("Per-night bed counts: total, free, held, occupied (today and the next 14 nights by default, at most 62)");
        api.MapGet("/beds/{bedId}", GetBedAsync).WithSummary("Read a bed");
        api.MapPut("/beds/{bedId}", SetBedAsync).WithSummary("Take a bed out of service or back in");
        api.MapPost("/reservations", ReserveAsync)
            .WithSummary("Hold one bed for the nights [from, to); 409 with the full nights (a credit commitment: staff only)");
        api.MapGet("/reservations/{id}", GetReservationAsync).WithSummary("Read a stay");
        api.MapPost("/reservations/{id}/confirm", ConfirmAsync).WithSummary("Book a held stay until the end of its first night's day");
        api.MapPost("/reservations/{id}/check-in", CheckInAsync).WithSummary("The worker arrives (from the first night's day on)");
        api.MapPost("/reservations/{id}/check-out", CheckOutAsync).WithSummary("The worker leaves; the remaining nights are freed");
        api.MapDelete("/reservations/{id}", CancelAsync).WithSummary("Cancel a stay not yet checked in to");
        return app;
    }

    private static async Task<Created<LodgingSiteView>> CreateAsync(LodgingSiteProfile body, IGrainFactory grains)
    {
        var id = Listing.ResolveId(body.Id);
        var view = await grains.GetGrain<ILodgingSiteGrain>(id).CreateAsync(body);
        return TypedResults.Created($"/api/lodging/sites/{id}", view);
    }

    private static async Task<Ok<LodgingSiteView>> GetAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        user.EnsureSite(id);
        return TypedResults.Ok(await grains.GetGrain<ILodgingSiteGrain>(id).GetAsync());
    }

    private static async Task<Ok<LodgingSiteView>> UpdateAsync(string id, LodgingSiteProfile body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ILodgingSiteGrain>(id).UpdateAsync(body));

    private static async Task<Created<LodgingSiteView>> AddBedsAsync(string id, AddBedsRequest body, IGrainFactory grains) =>
        TypedResults.Created($"/api/lodging/sites/{id}", await grains.GetGrain<ILodgingSiteGrain>(id).AddBedsAsync(body));

    private static async Task<Ok<SiteAvailability>> AvailabilityAsync(string id, string? from, string? to, IGrainFactory grains, ClaimsPrincipal user)
    {
        user.EnsureSite(id);
        var errors = new FieldErrors();
        var first = ParseDate(errors, "from", from);
        var end = ParseDate(errors, "to", to);
        errors.ThrowIfAny();
        return TypedResults.Ok(await grains.GetGrain<ILodgingSiteGrain>(id).GetAvailabilityAsync(first, end));
    }

    private static async Task<Ok<BedView>> GetBedAsync(string bedId, IGrainFactory grains, ClaimsPrincipal user)
    {
        user.EnsureSite(BedKey.SiteOrNull(bedId) ?? throw new NotFoundException("Bed", bedId));
        return TypedResults.Ok(await grains.GetGrain<IBedGrain>(bedId).GetAsync());
    }

    /// <summary>Through the bed's site, which keeps the copy of the service flag that new stays go by.</summary>
    private static async Task<Ok<BedView>> SetBedAsync(string bedId, BedChange body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var siteId = BedKey.SiteOrNull(bedId) ?? throw new NotFoundException("Bed", bedId);
        user.EnsureSite(siteId);
        return TypedResults.Ok(await grains.GetGrain<ILodgingSiteGrain>(siteId).SetBedInServiceAsync(bedId, body.InService));
    }

    private static async Task<Results<Created<Reservation>, ProblemHttpResult>> ReserveAsync(
        StayRequest body,
        IGrainFactory grains,
        ClaimsPrincipal user)
    {
        var errors = new FieldErrors();
        var siteId = body.SiteId?.Trim();
        if (string.IsNullOrEmpty(siteId))
        {
            errors.Add("siteId", "is required.");
        }
        else
        {
            errors.Id("siteId", siteId);
        }

        errors.ThrowIfAny();
        user.EnsureSite(siteId!);
        if (body.CreditCommitment is not null && !user.IsStaff())
        {
            // A credit commitment overrides the employer list: the employment service's decision, not the operator's.
            throw new ForbiddenException("Only employment-service staff may admit a worker on a credit commitment.");
        }

        var result = await grains.GetGrain<ILodgingSiteGrain>(siteId!).ReserveAsync(body with { SiteId = siteId });
        if (result.Reservation is { } reservation)
        {
            return TypedResults.Created($"/api/lodging/reservations/{reservation.ReservationId}", reservation);
        }

        var nights = result.FullNights.Select(n => n.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict with the current state.",
            detail: nights.Length > 0
                ? $"no bed is free on {string.Join(", ", nights)}."
                : "every night has a free bed, but no single bed is free for the whole stay.",
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.NoBed, ["fullNights"] = nights });
    }

    private static async Task<Ok<Reservation>> GetReservationAsync(string id, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await SiteOf(grains, id, user).GetReservationAsync(id));

    private static async Task<Ok<Reservation>> ConfirmAsync(string id, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await SiteOf(grains, id, user).ConfirmAsync(id));

    private static async Task<Ok<Reservation>> CheckInAsync(string id, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await SiteOf(grains, id, user).CheckInAsync(id));

    private static async Task<Ok<Reservation>> CheckOutAsync(string id, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await SiteOf(grains, id, user).CheckOutAsync(id));

    private static async Task<Ok<Reservation>> CancelAsync(string id, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await SiteOf(grains, id, user).CancelAsync(id));

    private static async Task<Ok<Page<LodgingSiteView>>> ListAsync(IGrainFactory grains, [AsParameters] SiteListQuery query) =>
        TypedResults.Ok(await Listing.PageAsync(
            grains,
            StorageNames.LodgingSite,
            ("status", null),
            Statuses.Site,
            [("district", query.District)],
            query,
            id => grains.GetGrain<ILodgingSiteGrain>(id).GetAsync()));

    /// <summary>The query of <c>GET /api/lodging/sites</c>: a filter by district, and the page.</summary>
    public sealed record SiteListQuery(
        [FromQuery(Name = "district")] string? District,
        [FromQuery(Name = "skip")] int? Skip,
        [FromQuery(Name = "take")] int? Take) : IPageQuery;

    /// <summary>A reservation id names its site, so the call goes straight to the grain that owns it, if the caller's.</summary>
    private static ILodgingSiteGrain SiteOf(IGrainFactory grains, string reservationId, ClaimsPrincipal user)
    {
        var siteId = ReservationKey.SiteOf(reservationId) ?? throw new NotFoundException("Reservation", reservationId);
        user.EnsureSite(siteId);
        return grains.GetGrain<ILodgingSiteGrain>(siteId);
    }

    private static DateOnly? ParseDate(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "must be a date (yyyy-MM-dd).");
        return null;
    }

    /// <summary>The body of <c>PUT /api/lodging/beds/{bedId}</c>.</summary>
    public sealed record BedChange(bool InService);
}
