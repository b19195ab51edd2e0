using System.Globalization;
using System.Threading.RateLimiting;
using Matching.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace Matching.Api.Security;

/// <summary>
/// Fixed-window limits per user and per client address on writes and hub connections, chained so that
/// either one stops a request; an answer over the limit is 429 with <c>Retry-After</c>.
/// </summary>
public static class RateLimitHosting
{
    private const string Anonymous = "";

    public static IServiceCollection AddMatchingRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            if (limits.Enabled)
            {
                o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                    PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, limits, byUser: true)),
                    PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, limits, byUser: false)));
            }
        });
        return services;
    }

    /// <summary>What a request counts against: writes or hub connections, of its user or of its address; else nothing.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits, bool byUser)
    {
        var kind = KindOf(context.Request);
        var who = byUser
            ? context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : Anonymous
            : context.Connection.RemoteIpAddress?.ToString() ?? Anonymous;
        if (kind is null || (byUser && who == Anonymous))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var permits = (kind, byUser) switch
        {
            ("writes", true) => limits.WritesPerUser,
            ("writes", false) => limits.WritesPerAddress,
            (_, true) => limits.HubConnectionsPerUser,
            _ => limits.HubConnectionsPerAddress,
        };
        return RateLimitPartition.GetFixedWindowLimiter($"{kind}|{(byUser ? "user" : "address")}|{who}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// Writes are mutating methods under <c>/api</c>; a hub connection starts with a negotiate, or with a
    /// WebSocket request that skipped it (no connection <c>id</c> in the query).
    /// </summary>
    private static string? KindOf(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/hubs"))
        {
            var negotiate = request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal);
            return negotiate || (HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("id")) ? "hubs" : null;
        }

        var method = request.Method;
        var writes = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        return writes && request.Path.StartsWithSegments("/api") ? "writes" : null;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
            $"The rate limit for this caller is reached; retry after {seconds} s.");
    }
}
