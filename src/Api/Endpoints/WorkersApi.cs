using System.Security.Claims;
using Matching.Api.Security;
using Matching.Errors;
using Matching.Workers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using FromQueryAttribute = Microsoft.AspNetCore.Mvc.FromQueryAttribute;

namespace Matching.Api.Endpoints;

/// <summary><c>/api/workers</c>: workers registered by employment-service staff.</summary>
public static class WorkersApi
{
    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        // Workers carry personal data: staff register and list them; a recruiter reads only those its employer holds or hired.
        var api = app.MapGroup("/api/workers").WithTags("Workers");
        api.MapPost("/", CreateAsync).WithSummary("Register a worker").RequireAuthorization(Policies.Staff);
        api.MapGet("/", ListAsync).WithSummary("List workers by origin (province or prefecture), trade, category and status").RequireAuthorization(Policies.Staff);
        api.MapGet("/{id:entityId}", GetAsync).WithSummary("Read a worker (a recruiter: one its employer holds or hired)").RequireAuthorization(Policies.Recruiting);
        api.MapPut("/{id:entityId}", UpdateAsync).WithSummary("Change a worker still in the search").RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:entityId}/withdraw", WithdrawAsync).WithSummary("Take a worker out of the search").RequireAuthorization(Policies.Staff);

        // A county's list at once: each row is registered as POST / would, and answered in its place.
        api.MapPost("/batch", BatchAsync)
            .WithSummary("Register up to 1,000 workers at once (JSON array or NDJSON); one answer per row, in order")
            .Accepts<WorkerProfile[]>(WorkerImport.Json, WorkerImport.NdJson)
            .Bulk();
        api.MapPost("/import", ImportAsync)
            .WithSummary("Register up to 1,000 workers from a CSV file (English or Chinese headers); one answer per row, in order")
            .Accepts<string>(WorkerImport.Csv)
            .Bulk();
        api.MapGet("/import/template", Template)
            .WithSummary("A CSV template with the Chinese headers and one example row")
            .Produces<string>(StatusCodes.Status200OK, WorkerImport.Csv)
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Created<WorkerView>> CreateAsync(WorkerProfile body, IGrainFactory grains)
    {
        var view = await RegisterAsync(grains, body);
        return TypedResults.Created($"/api/workers/{view.Id}", view);
    }

    /// <summary>One registration: the single route's and every row's of the bulk routes, so they cannot drift apart.</summary>
    private static async Task<WorkerView> RegisterAsync(IGrainFactory grains, WorkerProfile body)
    {
        var id = Listing.ResolveId(body.Id);
        if (PersonalData.LooksLikePersonalData(id))
        {
            throw ValidationFailedException.For("id", "must not be a phone or ID number: ids appear in addresses and logs.");
        }

        return await grains.GetGrain<IWorkerGrain>(id).CreateAsync(body);
    }

    private static async Task<Ok<WorkerBatchAnswer>> BatchAsync(
        HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, ILoggerFactory loggers) =>
        TypedResults.Ok(await RegisterAllAsync(await WorkerImport.ReadJsonAsync(request, json.Value.SerializerOptions), request, grains, json, loggers));

    private static async Task<Ok<WorkerBatchAnswer>> ImportAsync(
        HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, ILoggerFactory loggers) =>
        TypedResults.Ok(await RegisterAllAsync(await WorkerImport.ReadCsvAsync(request), request, grains, json, loggers));

    private static Task<WorkerBatchAnswer> RegisterAllAsync(
        IReadOnlyList<WorkerImport.Row> rows, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, ILoggerFactory loggers) =>
        WorkerImport.RegisterAsync(
            rows,
            body => RegisterAsync(grains, body),
            json.Value.SerializerOptions,
            loggers.CreateLogger(typeof(WorkerImport)),
            request.HttpContext.RequestAborted);

    /// <summary>Dated by the domain's clock, so the example row's availability is always within the rules' window.</summary>
    private static FileContentHttpResult Template([FromKeyedServices(MatchingClock.Key)] TimeProvider clock) =>
        TypedResults.File(
            WorkerImport.Template(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)),
            $"{WorkerImport.Csv}; charset=utf-8",
            "workers-template.csv");

    /// <summary>What both bulk routes share: staff only, the larger body limit, and the ways the whole body can be refused.</summary>
    private static RouteHandlerBuilder Bulk(this RouteHandlerBuilder route) =>
        route.RequireAuthorization(Policies.Staff)
            .AllowBulkBody()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

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
        [AsParameters] WorkerListQuery query)
    {
        var page = await Listing.PageAsync(
            grains,
            StorageNames.Worker,
            ("status", query.Status),
            Statuses.Worker.Codes,
            [("origin", query.Origin), ("trade", query.Trade), ("category", query.Category)],
            query,
            id => grains.GetGrain<IWorkerGrain>(id).GetAsync());
        await grains.RecordReadsAsync(user, page.Items.Select(w => w.Id!), "GET /api/workers", clock.GetUtcNow());
        return TypedResults.Ok(page);
    }

    /// <summary>
    /// The query of <c>GET /api/workers</c>: filters by origin (a province or a prefecture), trade, category and
    /// status, and the page.
    /// </summary>
    public sealed record WorkerListQuery(
        [FromQuery(Name = "origin")] string? Origin,
        [FromQuery(Name = "trade")] string? Trade,
        [FromQuery(Name = "category")] string? Category,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "skip")] int? Skip,
        [FromQuery(Name = "take")] int? Take) : IPageQuery;
}
