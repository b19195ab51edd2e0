using System.Security.Claims;
using Matching.Api.Security;
using Matching.Errors;
using Matching.Index;
using Matching.JobOrders;
using Matching.Scoring;
using Matching.Validation;
using Matching.Workers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary>Live matches: a job order's ranked candidates, a worker's ranked job orders, and why a pair matches.</summary>
public static class MatchesApi
{
    public static IEndpointRouteBuilder MapMatchesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Matching").RequireAuthorization(Policies.Recruiting);
        api.MapGet("/job-orders/{id:entityId}/candidates", CandidatesAsync)
            .WithSummary("The job order's ranked candidates with reasons (personal data masked unless the order's employer holds the worker)");
        api.MapGet("/workers/{id:entityId}/matches", MatchesAsync).WithSummary("The worker's ranked job orders with reasons").RequireAuthorization(Policies.Staff);
        api.MapGet("/matches/explain", ExplainAsync)
            .WithSummary("Why a worker and a job order match, or which filters fail")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<Page<CandidateItem>>> CandidatesAsync(
        string id,
        [AsParameters] PageQuery query,
        IGrainFactory grains,
        ShardRouter shards,
        ClaimsPrincipal user,
        [FromKeyedServices(MatchingClock.Key)] TimeProvider clock)
    {
        var (from, count) = Listing.Paging(query);
        var order = await grains.GetGrain<IJobOrderGrain>(id).GetAsync();
        user.EnsureEmployer(order.EmployerId);
        var ranked = await shards.CandidatesAsync(order);
        var page = ranked.Select((c, i) => CandidateItem.From(c, i + 1)).Skip(from).Take(count);
        var now = clock.GetUtcNow();
        var items = await Task.WhenAll(page.Select(c => UnmaskIfEngagedAsync(c, order.EmployerId, grains, now)));
        await grains.RecordReadsAsync(user, items.Where(c => c.Unmasked).Select(c => c.Item.WorkerId), "GET /api/job-orders/{id}/candidates", now);
        return TypedResults.Ok(new Page<CandidateItem>([.. items.Select(c => c.Item)], ranked.Length, from, count));
    }

    /// <summary>
    /// The index only knows masked cards; a worker the order's employer holds (or hired) is that employer's
    /// to contact, so its row shows the name and phone it has on record.
    /// </summary>
    private static async Task<(CandidateItem Item, bool Unmasked)> UnmaskIfEngagedAsync(CandidateItem item, string employerId, IGrainFactory grains, DateTimeOffset now)
    {
        var worker = await grains.GetGrain<IWorkerGrain>(item.WorkerId).GetAsync();
        return Tenancy.EngagedBy(worker, employerId, now) ? (item with { Name = worker.Name, Phone = worker.Phone }, true) : (item, false);
    }

    private static async Task<Ok<Page<RankedJob>>> MatchesAsync(string id, [AsParameters] PageQuery query, IGrainFactory grains, ShardRouter shards)
    {
        var (from, count) = Listing.Paging(query);
        var worker = await grains.GetGrain<IWorkerGrain>(id).GetAsync();
        var ranked = await shards.MatchesAsync(worker);
        return TypedResults.Ok(new Page<RankedJob>([.. ranked.Skip(from).Take(count)], ranked.Length, from, count));
    }

    private static async Task<Ok<ExplainAnswer>> ExplainAsync(
        string? workerId,
        string? jobOrderId,
        IGrainFactory grains,
        ShardRouter shards,
        ClaimsPrincipal user,
        [FromKeyedServices(MatchingClock.Key)] TimeProvider clock)
    {
        var errors = new FieldErrors();
        errors.Text("workerId", workerId, 64);
        errors.Text("jobOrderId", jobOrderId, 64);
        errors.ThrowIfAny();
        await user.EnsureJobOrderAsync(grains, jobOrderId!);
        var workerTask = grains.GetGrain<IWorkerGrain>(workerId!).GetAsync();
        var orderTask = grains.GetGrain<IJobOrderGrain>(jobOrderId!).GetAsync();
        var (worker, order) = (await workerTask, await orderTask);

        // The reasons tell facts about the person (脱贫劳动力, the programme, the origin): a recruiter hears them
        // for its order's candidates and the workers its employer holds or hired; anyone else is unknown to it.
        if (!user.IsStaff()
            && !Tenancy.EngagedBy(worker, order.EmployerId, clock.GetUtcNow())
            && !(await shards.CandidatesAsync(order)).Any(c => c.WorkerId == worker.Id))
        {
            throw new NotFoundException("Worker", workerId!);
        }

        var explanation = (await grains.GetGrain<IMatchExplainerGrain>(0).ExplainAsync(worker, [order]))[0];
        return TypedResults.Ok(new ExplainAnswer(
            explanation.Eligible && ShardRouter.InSearch(worker.Status) && order.Status == JobOrderStatus.Open,
            explanation.Score,
            [.. explanation.Reasons],
            [.. explanation.FailedFilters],
            worker.Status,
            order.Status));
    }

    /// <summary>
    /// A candidate as a recruiter sees it before holding: score, rank and reasons, with name and phone masked.
    /// </summary>
    public sealed record CandidateItem(
        string WorkerId,
        int Rank,
        int Score,
        bool Partner,
        ScoreReason[] Reasons,
        string Name,
        string Phone,
        string OriginProvince,
        string OriginPrefecture,
        string[] Categories,
        string[] Skills,
        bool NeedsLodging)
    {
        public static CandidateItem From(RankedCandidate c, int rank) => new(
            c.WorkerId, rank, c.Score, c.Partner, c.Reasons, c.Worker.MaskedName, c.Worker.MaskedPhone,
            c.Worker.OriginProvince, c.Worker.OriginPrefecture, c.Worker.Categories, c.Worker.Trades, c.Worker.NeedsLodging);
    }

    /// <summary>
    /// The answer of <c>/api/matches/explain</c>. <c>eligible</c> also needs the worker in the search and the
    /// order open; the filters and score say how the two profiles fit either way.
    /// </summary>
    public sealed record ExplainAnswer(
        bool Eligible,
        int Score,
        ScoreReason[] Reasons,
        FailedFilter[] FailedFilters,
        WorkerStatus WorkerStatus,
        JobOrderStatus JobOrderStatus);
}
