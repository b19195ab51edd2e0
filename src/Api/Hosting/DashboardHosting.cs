using System.Globalization;
using Matching.Api.Errors;
using Matching.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;

namespace Matching.Api.Hosting;

/// <summary>
/// The Orleans Dashboard (grains, silos, calls, reminders) at <see cref="Path"/>, for staff and admins, in both
/// modes: in embedded mode beside the silo of this process; in cluster mode the silos collect and this client
/// serves the pages. <c>Matching:Dashboard:Enabled=false</c> leaves it out (its call filter times every grain call).
/// </summary>
/// <remarks>
/// The dashboard's own pages fetch their data without a bearer header, so a browser signs in once by
/// <c>POST /api/dashboard/session</c> with its token: the answer sets an HttpOnly cookie, scoped to
/// <see cref="Path"/> and ending with the token, that stands for the header on the dashboard's paths only.
/// </remarks>
public static class DashboardHosting
{
    public const string Path = "/dashboard";
    public const string SessionRoute = "/api/dashboard/session";
    public const string CookieName = "matching.dashboard";

    private const string Bearer = "Bearer ";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Matching:Dashboard:Enabled", true);

    public static ISiloBuilder AddMatchingDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        IsEnabled(configuration) ? silo.AddDashboard() : silo;

    public static IClientBuilder AddMatchingDashboard(this IClientBuilder client, IConfiguration configuration) =>
        IsEnabled(configuration) ? client.AddDashboard() : client;

    /// <summary>
    /// The pages' security policy, but with fonts from <c>data:</c> URLs too: the dashboard's stylesheet embeds its
    /// icon font that way. Scripts stay the product's policy (the dashboard's are files of this origin).
    /// </summary>
    public static readonly string ContentPolicy = SecurityHeaders.PagePolicy.Replace("font-src 'self'", "font-src 'self' data:", StringComparison.Ordinal);

    /// <summary>
    /// First in the pipeline, so its callback runs after the security headers' (callbacks run last-registered
    /// first): on the dashboard's paths, <see cref="ContentPolicy"/> replaces the pages' policy.
    /// </summary>
    public static IApplicationBuilder UseDashboardContentPolicy(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(Path))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentPolicy;
                return Task.CompletedTask;
            });
        }

        return next(context);
    });

    /// <summary>Ahead of authentication: on the dashboard's paths the session cookie is read as the bearer token.</summary>
    public static IApplicationBuilder UseDashboardSession(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(Path) && request.Headers.Authorization.Count == 0
            && request.Cookies[CookieName] is { Length: > 0 } token)
        {
            request.Headers.Authorization = Bearer + token;
        }

        return next(context);
    });

    public static IEndpointRouteBuilder MapMatchingDashboard(this IEndpointRouteBuilder app)
    {
        if (!IsEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            return app;
        }

        app.MapOrleansDashboard(Path).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapPost(SessionRoute, StartSession)
            .RequireAuthorization(Policies.Staff)
            .WithTags("Dashboard")
            .WithSummary("Opens a dashboard session in this browser")
            .WithDescription($"Sets an HttpOnly cookie holding the caller's bearer token for {Path}/ until the token expires; staff and admins only.")
            .WithProblemAnswers();
        return app;
    }

    private static Results<NoContent, ProblemHttpResult> StartSession(HttpContext context)
    {
        // The caller was signed in by this very header (the query token is read on the hubs only).
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("A bearer token in the Authorization header is needed.", statusCode: StatusCodes.Status400BadRequest);
        }

        var token = header[Bearer.Length..].Trim();
        var expires = long.TryParse(context.User.FindFirst("exp")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : (DateTimeOffset?)null;
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            Expires = expires,
        });
        return TypedResults.NoContent();
    }
}
