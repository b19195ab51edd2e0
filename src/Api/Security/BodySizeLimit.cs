using System.Globalization;
using Matching.Api.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Matching.Api.Security;

/// <summary>
/// Caps every request body at <see cref="RequestLimitOptions.MaxBodyBytes"/>, or at
/// <see cref="RequestLimitOptions.MaxBulkBodyBytes"/> on routes marked <see cref="BulkBody"/>: a declared length
/// over it is answered 413 before anything reads the body; a chunked body that grows past it fails its read with
/// a 413 that the exception handler (or the idempotency guard, which reads first) answers as ProblemDetails.
/// </summary>
/// <remarks>It runs after routing (which the host puts first), so the route's mark is known here.</remarks>
public sealed class BodySizeLimit(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var max = context.GetEndpoint()?.Metadata.GetMetadata<BulkBody>() is null
            ? options.Value.MaxBodyBytes
            : options.Value.MaxBulkBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                $"A request body may have at most {max.ToString(CultureInfo.InvariantCulture)} bytes.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max;
        }

        await next(context);
    }
}

/// <summary>Marks a route that takes many entities in one body, and so the larger body limit.</summary>
public sealed class BulkBody
{
    public static readonly BulkBody Instance = new();

    private BulkBody()
    {
    }
}

public static class BulkBodyExtensions
{
    /// <summary>Lets the route's body grow to <see cref="RequestLimitOptions.MaxBulkBodyBytes"/>.</summary>
    public static RouteHandlerBuilder AllowBulkBody(this RouteHandlerBuilder route) => route.WithMetadata(BulkBody.Instance);
}
