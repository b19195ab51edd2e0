using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Matching.Api.Security;

/// <summary>Registration and pipeline steps of the product's security: auth, limits, headers, CORS.</summary>
public static class SecurityHosting
{
    public const string CorsSection = "Matching:Cors:Origins";

    public static WebApplicationBuilder AddMatchingSecurity(this WebApplicationBuilder builder)
    {
        builder.AddMatchingAuth();
        var services = builder.Services;
        services.AddMatchingRateLimits(builder.Configuration);
        services.AddOptions<RequestLimitOptions>().Bind(builder.Configuration.GetSection(RequestLimitOptions.Section));

        // Cross-origin callers only from the configured origins (none by default: the pages are same-origin).
        var origins = builder.Configuration.GetSection(CorsSection).Get<string[]>() ?? [];
        services.AddCors(o => o.AddDefaultPolicy(p => Allow(p, origins)));
        return builder;
    }

    /// <summary>Headers and body limits first, so every answer has them, even a 401 or 429.</summary>
    public static WebApplication UseSecurityHeadersAndLimits(this WebApplication app)
    {
        // HSTS goes only on HTTPS answers; a developer's http://localhost is left alone.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<BodySizeLimit>();
        return app;
    }

    private static void Allow(CorsPolicyBuilder policy, string[] origins)
    {
        if (origins.Length == 0)
        {
            return;
        }

        // Credentials for the SignalR browser client, which sends them on negotiate; never with a wildcard origin.
        policy.WithOrigins(origins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .AllowCredentials()
            .WithExposedHeaders("Location", "Retry-After", "Idempotent-Replayed", "WWW-Authenticate");
    }
}
