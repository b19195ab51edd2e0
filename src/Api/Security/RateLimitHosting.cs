using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Matching.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace Matching.Api.Security;

/// <summary>
/// Fixed-window limits on every request under <c>/api</c> and <c>/hubs</c>: a signed-in caller against the
/// allowance of its role for the kind of request, an anonymous one against its address. An answer over the
/// limit is 429 with <c>Retry-After</c>; a hub call over it fails with a <c>HubException</c> saying the same.
/// </summary>
public static class RateLimitHosting
{
    public static IServiceCollection AddMatchingRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton(new HubCallLimiter(limits));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            if (limits.Enabled)
            {
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, limits));
            }
        });
        return services;
    }

    /// <summary>The window of one caller for one kind of request, sized by its role.</summary>
    internal static RateLimitPartition<string> CallerPartition(RateLimitOptions limits, string kind, ClaimsPrincipal user, Func<RoleLimits, int> permits)
    {
        var role = Roles.Of(user);
        var subject = user.FindFirst(ClaimNames.Subject)?.Value ?? "";
        return RateLimitPartition.GetFixedWindowLimiter($"{kind}|{role}|{subject}", _ => Window(limits, permits(limits.For(role))));
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var kind = KindOf(context.Request);
        if (kind is null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        if (context.User.Identity is not { IsAuthenticated: true })
        {
            // Only the development token route answers anonymous callers under /api; the rest is 401 anyway.
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
            return RateLimitPartition.GetFixedWindowLimiter($"anonymous|{address}", _ => Window(limits, limits.AnonymousPerAddress));
        }

        return CallerPartition(limits, kind, context.User, kind switch
        {
            "writes" => l => l.Writes,
            "reads" => l => l.Reads,
            _ => l => l.HubConnections,
        });
    }

    private static FixedWindowRateLimiterOptions Window(RateLimitOptions limits, int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
        QueueLimit = 0,
    };

    /// <summary>
    /// Writes and reads under <c>/api</c>; a hub connection starts with a negotiate, or with a WebSocket request
    /// that skipped it (no connection <c>id</c> in the query). The pages, health and the API description are free.
    /// </summary>
    private static string? KindOf(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/hubs"))
        {
            var negotiate = request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal);
            return negotiate || (HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("id")) ? "hubs" : null;
        }

        if (!request.Path.StartsWithSegments("/api"))
        {
            return null;
        }

        var method = request.Method;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? "reads" : "writes";
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = RetryAfterSeconds(context.Lease);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
            $"The rate limit for this caller is reached; retry after {seconds} s.");
    }

    internal static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
}

/// <summary>Hub calls per caller and window: SignalR calls never pass the HTTP rate limiter, which sees only the connection.</summary>
public sealed class HubCallLimiter(RateLimitOptions limits)
{
    private readonly PartitionedRateLimiter<ClaimsPrincipal> _limiter = limits.Enabled
        ? PartitionedRateLimiter.Create<ClaimsPrincipal, string>(u => RateLimitHosting.CallerPartition(limits, "hubCalls", u, l => l.HubCalls))
        : PartitionedRateLimiter.Create<ClaimsPrincipal, string>(_ => RateLimitPartition.GetNoLimiter(""));

    public RateLimitLease Acquire(ClaimsPrincipal? user) => _limiter.AttemptAcquire(user ?? new ClaimsPrincipal());

    public string Refusal(RateLimitLease lease) =>
        $"Too many hub calls from this caller; retry after {RateLimitHosting.RetryAfterSeconds(lease)} s.";
}
