using Matching.Reference;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary>
/// <c>/api/reference</c>: the vocabularies' codes with their Chinese labels, so the pages label what the API
/// sends from the one list the rules check against (configured extra trades included).
/// </summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reference", Get).WithTags("Reference").WithSummary("Codes and Chinese labels of trades, levels, districts, origins and worker categories");
        return app;
    }

    private static Ok<ReferenceLabels> Get(ReferenceData refs) => TypedResults.Ok(new ReferenceLabels(
        refs.Trades,
        ReferenceData.LevelLabels,
        ReferenceData.Districts,
        ReferenceData.Provinces,
        ReferenceData.YunnanPrefectures,
        ReferenceData.WorkerCategoryLabels));

    /// <summary>Each vocabulary as code → label.</summary>
    public sealed record ReferenceLabels(
        IReadOnlyDictionary<string, string> Trades,
        IReadOnlyDictionary<string, string> Levels,
        IReadOnlyDictionary<string, string> Districts,
        IReadOnlyDictionary<string, string> Provinces,
        IReadOnlyDictionary<string, string> Prefectures,
        IReadOnlyDictionary<string, string> Categories);
}
