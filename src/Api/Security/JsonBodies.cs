using Matching.Api.Errors;
using Microsoft.Net.Http.Headers;

namespace Matching.Api.Security;

/// <summary>
/// JSON bodies are UTF-8 (RFC 8259 §8.1): a <c>charset</c> naming anything else — unknown, empty, UTF-7, 2,000
/// characters long — is answered 415 before anything reads the body, where the framework would fail on it with
/// a 500. The legal quoted form <c>charset="utf-8"</c>, which the framework does not unquote, is accepted.
/// </summary>
/// <remarks>
/// It runs after authorization, so a caller who may not use the route hears 401 or 403 whatever it sends; and
/// it keeps JSON bodies (at most the body limit) readable again, so that a body which does not bind can be
/// read field by field for all its errors (<see cref="BodyFieldErrors"/>).
/// </remarks>
public sealed class JsonBodies(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is { } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            if (media.Charset.HasValue)
            {
                var charset = HeaderUtilities.RemoveQuotes(media.Charset).Value?.Trim() ?? "";
                if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                {
                    await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported charset.",
                        "A JSON body must be UTF-8: send Content-Type: application/json or application/json; charset=utf-8.");
                    return;
                }

                request.ContentType = media.MediaType.Value;
            }

            request.EnableBuffering();
            BodyFieldErrors.RememberBodyType(context);
        }

        await next(context);
    }
}
