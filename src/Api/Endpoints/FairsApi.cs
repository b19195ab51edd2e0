using System.Security.Claims;
using Matching.Api.Security;
using Matching.Catalog;
using Matching.Errors;
using Matching.Fairs;
using Matching.Index;
using Matching.JobOrders;
using Matching.Scoring;
using Matching.Workers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Api.Endpoints;

/// <summary>
/// <c>/api/fairs</c>: job fair days and their participating employers; at the door, a visitor checks in by the code
/// on the worker's card, and a recruiter scans it at the booth to see the fit with the booth's orders.
/// </summary>
public static class FairsApi
{
    public static IEndpointRouteBuilder MapFairsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/fairs").WithTags("Fairs");
        api.MapPost("/", CreateAsync).WithSummary("Schedule a fair").RequireAuthorization(Policies.Staff);
        api.MapGet("/", ListAsync).WithSummary("List fairs by district, date and status").RequireAuthorization(Policies.Staff);
        api.MapGet("/{id:entityId}", GetAsync).WithSummary("Read a fair").RequireAuthorization(Policies.Staff);
        api.MapPut("/{id:entityId}", UpdateAsync).WithSummary("Change a scheduled fair").RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:entityId}/close", CloseAsync).WithSummary("Close a fair day: the end-of-day summary goes to every screen").RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:entityId}/check-ins", CheckInAsync)
            .WithSummary("A visitor arrives (by workerId or the check-in code on the card): counted once, matched, shown on the board")
            .RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:entityId}/booth-scans", ScanAsync)
            .WithSummary("A recruiter scans a visitor's code at its booth: the visitor (masked) and the fit with the booth's open orders")
            .RequireAuthorization(Policies.Recruiting);
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

    /// <summary>The desk: a typed id or a scanned code; the answer says whether the visitor had checked in already.</summary>
    private static async Task<Ok<CheckInAnswer>> CheckInAsync(string id, CheckInRequest body, IGrainFactory grains)
    {
        var hasCode = !string.IsNullOrWhiteSpace(body.Code);
        var hasWorker = !string.IsNullOrWhiteSpace(body.WorkerId);
        if (hasCode == hasWorker)
        {
            throw ValidationFailedException.For(hasCode ? "code" : "workerId", "give either workerId or code (the check-in code on the worker's card), not both.");
        }

        var workerId = hasCode ? await VisitorOfAsync(grains, body.Code!) : body.WorkerId!;
        var result = await grains.GetGrain<IFairGrain>(id).CheckInAsync(workerId);
        var worker = await grains.GetGrain<IWorkerGrain>(workerId).GetAsync();
        return TypedResults.Ok(new CheckInAnswer(result.FairId, result.WorkerId, result.CheckIns, result.Match, result.Repeat, VisitorCard.From(worker)));
    }

    /// <summary>
    /// The booth: only a visitor checked in at this fair, only for an employer taking part in it, and only what a
    /// recruiter may see of a candidate (name and phone masked). An unknown code and a code of someone who did not
    /// check in here answer the same 404, so a code tells a recruiter nothing about anyone else.
    /// </summary>
    private static async Task<Ok<BoothScan>> ScanAsync(
        string id,
        BoothScanRequest body,
        IGrainFactory grains,
        ClaimsPrincipal user)
    {
        var employerId = user.EmployerOf() ?? body.EmployerId;
        if (!Validation.FieldErrors.IsValidId(employerId))
        {
            throw ValidationFailedException.For("employerId", "is required for staff: the employer whose booth scans.");
        }

        user.EnsureEmployer(employerId!);
        var fair = grains.GetGrain<IFairGrain>(id);
        if (!(await fair.GetAsync()).EmployerIds.Contains(employerId, StringComparer.Ordinal))
        {
            throw new ForbiddenException("This employer does not take part in this fair.");
        }

        var workerId = CheckInCodes.Normalize(body.Code) is { } code
            ? await grains.GetGrain<ICheckInCodeGrain>(code).GetWorkerIdAsync()
            : throw ValidationFailedException.For("code", "is not a check-in code: 10 letters and digits, e.g. K7Q2M-9XA4R.");
        if (workerId is null || !await fair.HasVisitorAsync(workerId))
        {
            throw new NotFoundException("Visitor", CheckInCodes.Display(CheckInCodes.Normalize(body.Code)!));
        }

        var worker = await grains.GetGrain<IWorkerGrain>(workerId).GetAsync();
        var page = await grains.GetGrain<ICatalogGrain>(StorageNames.JobOrder)
            .QueryAsync(new CatalogQuery(Statuses.JobOrder.Code(JobOrderStatus.Open), [$"employer:{employerId}"], 0, Listing.MaxTake));
        var orders = await Task.WhenAll(page.Ids.Select(o => grains.GetGrain<IJobOrderGrain>(o).GetAsync()));
        var explanations = await grains.GetGrain<IMatchExplainerGrain>(0).ExplainAsync(worker, orders);
        var fits = orders
            .Select((order, i) => BoothFit.From(order, explanations[i], worker))
            .OrderByDescending(f => f.Eligible)
            .ThenByDescending(f => f.Score)
            .ThenBy(f => f.JobOrderId, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(new BoothScan(workerId, VisitorCard.From(worker), worker.Status, employerId!, fits));
    }

    /// <summary>The worker a desk's code names; 404 for a code nobody was issued.</summary>
    private static async Task<string> VisitorOfAsync(IGrainFactory grains, string typed)
    {
        var code = CheckInCodes.Normalize(typed)
            ?? throw ValidationFailedException.For("code", "is not a check-in code: 10 letters and digits, e.g. K7Q2M-9XA4R.");
        return await grains.GetGrain<ICheckInCodeGrain>(code).GetWorkerIdAsync()
            ?? throw new NotFoundException("CheckInCode", CheckInCodes.Display(code));
    }

    private static async Task<Ok<FairBoard>> BoardAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        user.EnsureFair(id);
        return TypedResults.Ok(await grains.GetGrain<IFairGrain>(id).GetBoardAsync());
    }

    private static async Task<Ok<Page<FairView>>> ListAsync(IGrainFactory grains, [AsParameters] FairListQuery query) =>
        TypedResults.Ok(await Listing.PageAsync(
            grains,
            StorageNames.Fair,
            ("status", query.Status),
            Statuses.Fair.Codes,
            [("district", query.District), ("date", query.Date)],
            query,
            id => grains.GetGrain<IFairGrain>(id).GetAsync()));

    /// <summary>The query of <c>GET /api/fairs</c>: filters by district, date (yyyy-MM-dd) and status, and the page.</summary>
    public sealed record FairListQuery(
        [FromQuery(Name = "district")] string? District,
        [FromQuery(Name = "date")] string? Date,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "skip")] int? Skip,
        [FromQuery(Name = "take")] int? Take) : IPageQuery;

    /// <summary>The body of <c>POST /api/fairs/{id}/check-ins</c>: the worker's id, or the code on the worker's card.</summary>
    public sealed record CheckInRequest(string? WorkerId, string? Code = null);

    /// <summary>The body of <c>POST /api/fairs/{id}/booth-scans</c>; staff name the employer whose booth it is.</summary>
    public sealed record BoothScanRequest(string? Code, string? EmployerId = null);

    /// <summary>A check-in's answer: the fair's count, the visitor's best match, whether it was a repeat, and who it was (masked).</summary>
    public sealed record CheckInAnswer(string FairId, string WorkerId, int CheckIns, FairMatch? Match, bool Repeat, VisitorCard Visitor);

    /// <summary>A visitor as the desk and the booth show it: masked, with where the person comes from and what they do.</summary>
    public sealed record VisitorCard(
        string Name, string Phone, string OriginProvince, string OriginPrefecture, string[] Categories, string[] Trades, bool NeedsLodging)
    {
        public static VisitorCard From(WorkerView worker) => new(
            PersonalData.MaskName(worker.Name),
            PersonalData.MaskPhone(worker.Phone),
            worker.OriginProvince,
            worker.OriginPrefecture,
            worker.Categories,
            [.. worker.Skills.Select(s => s.Trade)],
            worker.NeedsLodging);
    }

    /// <summary>
    /// A booth scan's answer: the visitor (its id, to hold it with <c>POST /api/job-orders/{id}/holds</c>), and the fit
    /// with each of the booth employer's open orders, best first.
    /// </summary>
    public sealed record BoothScan(string WorkerId, VisitorCard Visitor, WorkerStatus WorkerStatus, string EmployerId, BoothFit[] Fits);

    /// <summary>One order's fit, as <c>/api/matches/explain</c> gives it, with what the booth needs to choose.</summary>
    public sealed record BoothFit(
        string JobOrderId,
        string Title,
        string Trade,
        int OpenSlots,
        bool Eligible,
        int Score,
        ScoreReason[] Reasons,
        FailedFilter[] FailedFilters)
    {
        public static BoothFit From(JobOrderView order, MatchExplanation explanation, WorkerView worker) => new(
            order.Id!,
            order.Title,
            order.Trade,
            order.OpenSlots,
            explanation.Eligible && ShardRouter.InSearch(worker.Status) && order.Status == JobOrderStatus.Open,
            explanation.Score,
            [.. explanation.Reasons],
            [.. explanation.FailedFilters]);
    }
}
