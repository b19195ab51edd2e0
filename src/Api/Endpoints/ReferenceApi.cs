using Matching.Reference;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Api.Endpoints;

/// <summary>
/// <c>/api/reference</c>: the vocabularies' codes with their Chinese labels, so the pages label what the API
/// sends from the one list the rules check against (configured extra trades included).
/// </summary>
public static class ReferenceApi
{
    /// <summary>Yunnan's prefectures and the labelled ones of other provinces; the codes do not overlap.</summary>
    private static readonly IReadOnlyDictionary<string, string> _prefectures =
        ReferenceData.YunnanPrefectures.Concat(ReferenceData.OtherPrefectureLabels).ToDictionary();

    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reference", Get).WithTags("Reference").WithSummary("Codes and Chinese labels of trades, levels, districts, origins, worker categories and score reasons");
        return app;
    }

    private static Ok<ReferenceLabels> Get(ReferenceData refs) => TypedResults.Ok(new ReferenceLabels(
        refs.Trades,
        ReferenceData.LevelLabels,
        ReferenceData.Districts,
        ReferenceData.Provinces,
        _prefectures,
        ReferenceData.WorkerCategoryLabels,
        ReferenceData.ReasonLabels));

    /// <summary>Each vocabulary as code → label.</summary>
    public sealed record ReferenceLabels(
        IReadOnlyDictionary<string, string> Trades,
        IReadOnlyDictionary<string, string> Levels,
        IReadOnlyDictionary<string, string> Districts,
        IReadOnlyDictionary<string, string> Provinces,
        IReadOnlyDictionary<string, string> Prefectures,
        IReadOnlyDictionary<string, string> Categories,
        IReadOnlyDictionary<string, string> Reasons);
}
