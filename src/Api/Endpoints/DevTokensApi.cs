using Matching.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Matching.Api.Endpoints;

/// <summary>
/// <c>POST /api/dev/tokens</c>: a token for any role, for development and the demo. Mapped only when
/// <c>Matching:Auth:DevTokens</c> is on; otherwise the route does not exist.
/// </summary>
public static class DevTokensApi
{
    public static IEndpointRouteBuilder MapDevTokensApi(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DevTokensApi));
        var signing = services.GetRequiredService<SigningKeyChoice>();
        if (signing.NobodyCanSignIn)
        {
            logger.LogWarning(
                "No {Section}:SigningKey or Authority is configured and development tokens are off: every /api and /hubs request answers 401",
                AuthOptions.Section);
        }

        if (!services.GetRequiredService<IOptions<AuthOptions>>().Value.DevTokens)
        {
            return app;
        }

        logger.LogWarning("Development tokens are on: POST /api/dev/tokens gives anyone a token for any role");
        app.MapPost("/api/dev/tokens", Issue)
            .AllowAnonymous()
            .WithTags("Development")
            .WithSummary("A bearer token for a role (development only): {role, employerId?, siteIds?, fairId?, name?}");
        return app;
    }

    private static Ok<DevToken> Issue(DevTokenRequest body, DevTokenIssuer issuer) => TypedResults.Ok(issuer.Issue(body));
}
