using Matching.Idempotency;
using Matching.Index;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Reference;
using Matching.Scoring;
using Matching.Storage;
using Matching.Workload;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;

namespace Matching.Hosting;

/// <summary>What every silo of the product needs, whichever process hosts it.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Registers the grains' services and the storage chosen by <c>Matching:Mode</c>:
    /// the embedded SQLite store under <c>Matching:DataPath</c> by default.
    /// </summary>
    public static ISiloBuilder AddMatching(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<MatchingOptions>().Bind(configuration.GetSection(MatchingOptions.Section));
        services.AddOptions<HoldOptions>().Bind(configuration.GetSection(HoldOptions.Section));
        services.AddOptions<IndexOptions>().Bind(configuration.GetSection(IndexOptions.Section));
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section));
        services.AddScoring(configuration);
        services.TryAddSingleton<MatchIndex>();
        services.TryAddKeyedSingleton(MatchingClock.Key, TimeProvider.System);

        // A factory, not the type: ReferenceData has a second constructor for callers without options,
        // and the container refuses a type with two constructors it could call.
        services.TryAddSingleton(sp => new ReferenceData(sp.GetRequiredService<IOptions<MatchingOptions>>()));
        services.AddLodging(configuration);

        services.TryAddSingleton<SqliteGrainStorage>();
        services.TryAddSingleton<IStateStore>(sp => sp.GetRequiredService<SqliteGrainStorage>());
        services.AddGrainStorage(StorageNames.Main, (sp, _) => sp.GetRequiredService<SqliteGrainStorage>());

        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        if (configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"))
        {
            services.AddSingleton<DemoDataLoader>();
            services.AddHostedService(sp => sp.GetRequiredService<DemoDataLoader>());
        }

        return silo;
    }
}
