using Matching.Scoring;
using Matching.Storage;
using Matching.Storage.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;

namespace Matching.Hosting;

/// <summary>What every silo of the product needs, whichever process hosts it.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Registers the grains' services and the storage chosen by <c>Matching:Mode</c>: the embedded SQLite store
    /// under <c>Matching:DataPath</c> by default; in cluster mode Orleans' ADO.NET grain storage and reminders
    /// on PostgreSQL, with the schema applied at start.
    /// </summary>
    public static ISiloBuilder AddMatching(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddMatchingServices(configuration);
        services.AddScoring(configuration);

        // Grain calls continue the caller's trace (an HTTP request's, another grain's), across processes too.
        silo.AddActivityPropagation();
        if (configuration.GetMatchingOptions().IsCluster())
        {
            AddPostgreSql(silo, configuration);
        }
        else
        {
            services.TryAddSingleton<SqliteGrainStorage>();
            services.TryAddSingleton<IStateStore>(sp => sp.GetRequiredService<SqliteGrainStorage>());
            services.AddGrainStorage(StorageNames.Main, (sp, _) => sp.GetRequiredService<SqliteGrainStorage>());
        }

        services.AddSingleton<Idempotency.IdempotencySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Idempotency.IdempotencySweeper>());
        return silo;
    }

    private static void AddPostgreSql(ISiloBuilder silo, IConfiguration configuration)
    {
        var database = PostgreSqlOptions.From(configuration);
        var services = silo.Services;
        services.AddOptions<PostgreSqlOptions>().Bind(configuration.GetSection(PostgreSqlOptions.Section));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaOnSiloStart>();
        services.TryAddSingleton(AdoNetStateStore.Create);
        services.TryAddSingleton<IStateStore>(sp => sp.GetRequiredService<AdoNetStateStore>());
        services.AddGrainStorage(StorageNames.Main, (sp, _) => sp.GetRequiredService<AdoNetStateStore>());
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = ClusteringExtensions.NpgsqlInvariant;
            o.ConnectionString = database.ConnectionString;
        });
    }
}
