using Matching.Api.Errors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Api.Security;

/// <summary>Bearer tokens in, callers with roles out; 401 and 403 answered as ProblemDetails.</summary>
public static class AuthHosting
{
    public static WebApplicationBuilder AddMatchingAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        if (auth.DevTokens)
        {
            EnsureDevTokensMayRun(auth, builder.Environment);
        }

        var dataPath = builder.Configuration[$"{MatchingOptions.Section}:{nameof(MatchingOptions.DataPath)}"] ?? new MatchingOptions().DataPath;
        var signing = SigningKeys.Choose(auth, dataPath);
        services.AddOptions<AuthOptions>().Bind(section);
        services.AddSingleton(signing);
        services.AddSingleton<DevTokenIssuer>();
        services.TryAddKeyedSingleton(MatchingClock.Key, TimeProvider.System);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            // Claim names stay as the token spells them (role, employer_id, ...), not mapped to long URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.Audience,
                IssuerSigningKey = signing.Key,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidAlgorithms = signing.Key is null ? null : [SecurityAlgorithms.HmacSha256],
                NameClaimType = ClaimNames.Subject,
                RoleClaimType = auth.RoleClaim,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            if (!string.IsNullOrWhiteSpace(auth.Authority))
            {
                o.Authority = auth.Authority;
                o.Audience = auth.Audience;
                o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                o.TokenValidationParameters.ValidIssuer = null;
            }

            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = ReadHubToken,
                OnTokenValidated = RequireSubject,
                OnChallenge = ChallengeAsync,
                OnForbidden = ForbiddenAsync,
            };
        });
        services.AddAuthorization(Policies.Add);
        return builder;
    }

    /// <summary>
    /// Development tokens hand anyone any role, so they exist on a developer's machine only: never outside the
    /// Development environment, never signed with a configured key (which real tokens are signed with, so a
    /// development token would be a real one), never beside an authority, and never for long.
    /// </summary>
    private static void EnsureDevTokensMayRun(AuthOptions auth, IHostEnvironment environment)
    {
        var problem =
            !environment.IsDevelopment() ? $"only run in the Development environment (this is {environment.EnvironmentName})"
            : !string.IsNullOrWhiteSpace(auth.Authority) ? "not be combined with an Authority, which signs every token"
            : !string.IsNullOrWhiteSpace(auth.SigningKey) ? "not be combined with a configured SigningKey: they would be signed with the real key"
            : auth.DevTokenMinutes is < 1 or > AuthOptions.MaxDevTokenMinutes ? $"live between 1 and {AuthOptions.MaxDevTokenMinutes} minutes (DevTokenMinutes)"
            : null;
        if (problem is not null)
        {
            throw new InvalidOperationException($"{AuthOptions.Section}:DevTokens is on, but development tokens must {problem}.");
        }
    }

    /// <summary>
    /// The subject scopes a caller's idempotency keys and rate limits; tokens without one would all share a
    /// single scope and allowance, so they are refused.
    /// </summary>
    private static Task RequireSubject(TokenValidatedContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(ClaimNames.Subject)?.Value))
        {
            context.Fail("The token has no subject (sub).");
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Browsers cannot set headers on a WebSocket or an EventSource, so the SignalR clients send the token as
    /// <c>access_token</c> in the query. Accepted on the hubs only, which need it; a query string is logged by
    /// request logging, which is why <c>Microsoft.AspNetCore</c> logs at Warning and above.
    /// </summary>
    private static Task ReadHubToken(MessageReceivedContext context)
    {
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"] is [{ Length: > 0 } token])
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized.",
            context.AuthenticateFailure is SecurityTokenExpiredException
                ? "The bearer token has expired."
                : "A valid bearer token is required (Authorization: Bearer <token>).");
    }

    private static Task ForbiddenAsync(ForbiddenContext context) =>
        Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden.", "The caller's role may not use this route.");
}
