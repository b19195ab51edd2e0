using Matching.Holds;
using Matching.Idempotency;
using Matching.Index;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Matching.Hosting;

/// <summary>
/// The services grains and API endpoints share, so a process that is only a client of the cluster has them too.
/// Scoring is not among them: it runs in the silos only (the API asks <c>IMatchExplainerGrain</c>).
/// </summary>
public static class MatchingServices
{
    /// <summary>
    /// Options, reference data, the domain clock keyed <see cref="MatchingClock.Key"/> and the
    /// <see cref="ShardRouter"/> (over whichever <see cref="IGrainFactory"/> the process has).
    /// </summary>
    public static IServiceCollection AddMatchingServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MatchingOptions>().Bind(configuration.GetSection(MatchingOptions.Section));
        services.AddHoldTtlOptions<HoldOptions>(configuration, HoldOptions.Section);
        services.AddOptions<IndexOptions>().Bind(configuration.GetSection(IndexOptions.Section));
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section));
        services.TryAddSingleton<ShardRouter>();
        services.TryAddKeyedSingleton(MatchingClock.Key, TimeProvider.System);

        // A factory, not the type: ReferenceData has a second constructor for callers without options,
        // and the container refuses a type with two constructors it could call.
        services.TryAddSingleton(sp => new ReferenceData(sp.GetRequiredService<IOptions<MatchingOptions>>()));
        services.AddLodging(configuration);
        return services;
    }
}
