using Matching.Idempotency;

namespace Matching.Api.Idempotency;

/// <summary>Wiring of the idempotency guard into the API's services and pipeline.</summary>
public static class IdempotencyHosting
{
    /// <summary>Binds <c>Matching:Idempotency</c>: the API needs the answer size bound, the silo the rest.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section));
        return services;
    }

    /// <summary>
    /// Guards mutating <c>/api</c> routes by their <c>Idempotency-Key</c>. Register it before the exception
    /// handler and status-code pages, so it sees and keeps the answers they produce.
    /// </summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) =>
        app.UseMiddleware<IdempotencyMiddleware>();
}
