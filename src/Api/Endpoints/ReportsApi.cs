using System.Security.Claims;
using Matching.Api.Security;
using Matching.Fairs;
using Matching.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary>
/// <c>/api/reports</c>: the figures officials report — placements, the intern pipeline, lodging, fair days — over
/// a date range and grouped as asked, as JSON or as a CSV or XLSX file (<c>?format=csv|xlsx</c>). Staff and admins
/// see everything; a recruiter sees its own employer's rows only.
/// </summary>
public static class ReportsApi
{
    /// <summary>
    /// Each report reads every stored entity of its kinds; a few at once per API node keep a room full of people
    /// pressing "查询" from crowding out the writes. Others wait their turn rather than being refused.
    /// </summary>
    private const int ConcurrentReports = 2;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var gate = new SemaphoreSlim(ConcurrentReports, ConcurrentReports);
        var api = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Recruiting);
        api.MapGet("/placements", (HttpContext http, string? from, string? to, string? groupBy, string? format) =>
                ReportAsync(http, gate, ReportKinds.Placements, from, to, groupBy, null, format))
            .WithSummary("Hires within the range by origin (province, prefecture, county), worker category, trade, employer district or key enterprise");
        api.MapGet("/interns", (HttpContext http, string? from, string? to, string? groupBy, string? format) =>
                ReportAsync(http, gate, ReportKinds.Interns, from, to, groupBy, null, format))
            .WithSummary("Internships begun within the range per partner programme or employer: placed, interning, converted to employment, left");
        api.MapGet("/lodging", (HttpContext http, string? from, string? to, string? groupBy, string? format) =>
                ReportAsync(http, gate, ReportKinds.Lodging, from, to, groupBy, null, format))
            .WithSummary("Beds and bed-nights offered, held and used per site or town; new hires lodged, key enterprises served, average nights");
        api.MapGet("/fairs", (HttpContext http, string? from, string? to, string? groupBy, string? fairId, string? format) =>
                ReportAsync(http, gate, ReportKinds.Fairs, from, to, groupBy, fairId, format))
            .WithSummary("Fair days: check-ins, matched, held, hired per fair, or for one fair (fairId) by hour or origin");
        return app;
    }

    private static async Task<Results<Ok<ReportTable>, FileContentHttpResult>> ReportAsync(
        HttpContext http, SemaphoreSlim gate, string report, string? from, string? to, string? groupBy, string? fairId, string? format)
    {
        var time = http.RequestServices.GetRequiredKeyedService<TimeProvider>(MatchingClock.Key);
        var file = ReportFiles.Parse(format);
        var query = ReportRules.Normalize(report, from, to, groupBy, fairId, ShanghaiTime.Today(time), e => ReportFiles.Check(e, format));
        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        var user = http.User;
        if (!user.IsStaff())
        {
            query = query with { EmployerId = user.EmployerOf() ?? throw new ForbiddenException("The token names no employer.") };
        }

        if (query.FairId is { } id)
        {
            await EnsureFairAsync(user, grains, id);
        }

        ReportTable table;
        await gate.WaitAsync(http.RequestAborted);
        try
        {
            // The scan runs in a silo: in cluster mode this process has no store, only a client of the cluster.
            table = await grains.GetGrain<IReportGrain>(0).BuildAsync(report, query);
        }
        finally
        {
            gate.Release();
        }

        return file is null ? TypedResults.Ok(table) : ReportFiles.Write(table, file.Value);
    }

    /// <summary>The fair must exist (404) and, for a recruiter, have its employer among the participants (403).</summary>
    private static async Task EnsureFairAsync(ClaimsPrincipal user, IGrainFactory grains, string fairId)
    {
        var fair = await grains.GetGrain<IFairGrain>(fairId).GetAsync();
        if (!user.IsStaff() && !fair.EmployerIds.Contains(user.EmployerOf() ?? "", StringComparer.Ordinal))
        {
            throw new ForbiddenException("Your employer does not take part in this fair.");
        }
    }
}
