using System.Globalization;
using Matching.Api.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Matching.Api.Security;

/// <summary>
/// Caps every request body at <see cref="RequestLimitOptions.MaxBodyBytes"/>: a declared length over it is
/// answered 413 before anything reads the body; a chunked body that grows past it fails its read with a 413
/// that the exception handler (or the idempotency guard, which reads first) answers as ProblemDetails.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var max = options.Value.MaxBodyBytes;
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
