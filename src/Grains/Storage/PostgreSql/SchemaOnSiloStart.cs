using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// Applies the schema as the very first step of a silo's start, before the clustering provider reads its
/// queries or the first grain its state; off when <see cref="PostgreSqlOptions.ApplySchema"/> is false.
/// </summary>
public sealed class SchemaOnSiloStart(IOptions<PostgreSqlOptions> options, ILogger<SchemaOnSiloStart> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    // A database that starts beside the silos (a compose file, a test) may refuse connections for a while.
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _retryDelay = TimeSpan.FromSeconds(2);

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (options.Value.ApplySchema)
        {
            lifecycle.Subscribe(nameof(SchemaOnSiloStart), ServiceLifecycleStage.First, ApplyAsync);
        }
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _patience;
        while (true)
        {
            try
            {
                var applied = await PostgreSqlSchema.EnsureAsync(options.Value.ConnectionString, cancellationToken);
                logger.LogInformation(
                    applied ? "Database schema {Fingerprint} applied" : "Database schema {Fingerprint} is up to date",
                    PostgreSqlSchema.Fingerprint[..12]);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Database not reachable yet ({Message}); trying again", ex.Message);
                await Task.Delay(_retryDelay, cancellationToken);
            }
        }
    }
}
