using System.Security.Claims;
using Matching.Api.Security;
using Matching.Fairs;
using Matching.Workers;
using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;

namespace Matching.Api.Endpoints;

/// <summary>
/// <c>/api/workers/{id}/check-in-*</c>: the code a worker shows at a fair's door, as text, as a QR image and on a
/// printable card. Staff only: the code checks the worker in, and a recruiter at a booth learns from it only what the
/// booth may see.
/// </summary>
public static class CheckInCodesApi
{
    /// <summary>Pixels per QR module of the PNG: about 290 px for a code, sharp when printed at 3 cm.</summary>
    private const int PngModulePixels = 10;

    public static IEndpointRouteBuilder MapCheckInCodesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workers/{id:entityId}").WithTags("Fairs").RequireAuthorization(Policies.Staff);
        api.MapGet("/check-in-card", CardAsync).WithSummary("The worker's check-in card: name, origin and check-in code, to print");
        api.MapGet("/check-in-code.png", PngAsync).WithSummary("The worker's check-in code as a QR image (PNG)").Produces<byte[]>(StatusCodes.Status200OK, "image/png");
        api.MapGet("/check-in-code.svg", SvgAsync).WithSummary("The worker's check-in code as a QR image (SVG)").Produces<string>(StatusCodes.Status200OK, "image/svg+xml");
        return app;
    }

    /// <summary>The card shows the name in full, to the staff who print it for the worker: a read of personal data, recorded.</summary>
    private static async Task<Ok<CheckInCard>> CardAsync(
        string id, IGrainFactory grains, ClaimsPrincipal user, [FromKeyedServices(MatchingClock.Key)] TimeProvider clock)
    {
        var code = await grains.GetGrain<IWorkerCheckInCodeGrain>(id).GetCodeAsync();
        var worker = await grains.GetGrain<IWorkerGrain>(id).GetAsync();
        await grains.RecordReadsAsync(user, [id], "GET /api/workers/{id}/check-in-card", clock.GetUtcNow());
        return TypedResults.Ok(new CheckInCard(
            id,
            CheckInCodes.Display(code),
            worker.Name,
            PersonalData.MaskPhone(worker.Phone),
            worker.OriginProvince,
            worker.OriginPrefecture,
            worker.OriginCounty,
            [.. worker.Skills.Select(s => s.Trade)]));
    }

    private static async Task<FileContentHttpResult> PngAsync(string id, IGrainFactory grains)
    {
        using var data = await QrDataAsync(grains, id);
        return TypedResults.File(new PngByteQRCode(data).GetGraphic(PngModulePixels), "image/png");
    }

    private static async Task<ContentHttpResult> SvgAsync(string id, IGrainFactory grains)
    {
        using var data = await QrDataAsync(grains, id);
        return TypedResults.Content(new SvgQRCode(data).GetGraphic(8), "image/svg+xml");
    }

    /// <summary>The code as printed (<c>K7Q2M-9XA4R</c>): a scanner types it, and the desk reads it with or without the dash.</summary>
    private static async Task<QRCodeData> QrDataAsync(IGrainFactory grains, string workerId)
    {
        var code = await grains.GetGrain<IWorkerCheckInCodeGrain>(workerId).GetCodeAsync();
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(CheckInCodes.Display(code), QRCodeGenerator.ECCLevel.M);
    }

    /// <summary>What the printable card shows: the name in full (the worker's own card), the phone masked, the code.</summary>
    public sealed record CheckInCard(
        string WorkerId, string Code, string Name, string Phone, string OriginProvince, string OriginPrefecture, string OriginCounty, string[] Trades);
}
