using Microsoft.AspNetCore.Mvc;

namespace Matching.Api.Errors;

/// <summary>
/// Writes a ProblemDetails answer from places that end a request before any endpoint runs (authentication,
/// rate limits, body limits), in the same shape the exception handler gives.
/// </summary>
public static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
