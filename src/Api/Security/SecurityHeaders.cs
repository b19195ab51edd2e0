namespace Matching.Api.Security;

/// <summary>
/// Headers every answer carries, so a browser neither sniffs types, nor frames the pages, nor leaks the
/// address to other sites, and runs only the product's own scripts.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>
    /// The pages load their scripts and styles from this origin and talk to the API and hubs on it ('self'
    /// covers ws: and wss: to the same host). Inline styles are allowed because the pages set element styles.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The interactive API page is one HTML file with inline script and styles.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // Set as the answer starts, not now: the exception handler clears the headers of a failed request, and
        // answers written by authentication, the rate limiter or routing (401, 429, 405) would miss them otherwise.
        context.Response.OnStarting(Add, context);
        return next(context);
    }

    private static Task Add(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : PagePolicy;
        return Task.CompletedTask;
    }
}
