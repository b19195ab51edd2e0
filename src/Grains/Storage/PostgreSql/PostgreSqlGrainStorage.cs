using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// The cluster profile's store: the same rows as the embedded SQLite store (one JSON payload per grain state,
/// keyed by state name and grain key, an integer ETag), in the <c>grain_state</c> table of schema.sql.
/// </summary>
/// <remarks>
/// A table of its own rather than Orleans' ADO.NET persistence: that provider keys rows by hashes of the grain
/// id and type, so "every state named <c>worker</c>" — what catalogs and index shards rebuild from — is not a
/// query it supports. Here it is one range of the primary key, returned in key order.
/// Concurrency is the database's: a conditional insert or update decides a race between two activations
/// of one grain (possible for a moment while a dead silo's grains move), so a stale writer is refused.
/// </remarks>
public sealed class PostgreSqlGrainStorage : IGrainStorage, IStateStore, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Connections one store (one silo) opens at most unless the connection string sets a pool size.
    /// Npgsql's own default, 100 per process, lets two loaded silos exhaust PostgreSQL's default
    /// <c>max_connections</c> of 100; past a few commits per core in flight the database writes no faster,
    /// so further writes wait for a pooled connection instead.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgreSqlGrainStorage> _logger;

    public PostgreSqlGrainStorage(IOptions<PostgreSqlOptions> options, ILogger<PostgreSqlGrainStorage> logger)
        : this(options.Value.ConnectionString, logger)
    {
    }

    public PostgreSqlGrainStorage(string connectionString, ILogger<PostgreSqlGrainStorage> logger)
    {
        _dataSource = NpgsqlDataSource.Create(WithPoolLimit(connectionString));
        _logger = logger;
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredRows.KeyOf(grainId);
        await using var command = Command(
            "SELECT etag, payload::text FROM grain_state WHERE state_name = $1 AND grain_key = $2", stateName, key);
        await Guarded("reading", stateName, key, () => StoredRows.ReadAsync(command, grainState));
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredRows.KeyOf(grainId);
        var payload = new NpgsqlParameter { Value = StateJson.Serialize(grainState.State), NpgsqlDbType = NpgsqlDbType.Json };
        var expected = StoredRows.ParseETag(grainState.ETag);

        // First write: the row must not exist yet, else another activation wrote it first.
        await using var command = expected is null
            ? Command(
                """
                INSERT INTO grain_state (state_name, grain_key, etag, payload)
                VALUES ($1, $2, 1, $3)
                ON CONFLICT (state_name, grain_key) DO NOTHING
                RETURNING etag
                """,
                stateName, key, payload)
            : Command(
                """
                UPDATE grain_state SET etag = etag + 1, payload = $3, updated_at = now()
                WHERE state_name = $1 AND grain_key = $2 AND etag = $4
                RETURNING etag
                """,
                stateName, key, payload, expected.Value);
        if (await Guarded("writing", stateName, key, () => command.ExecuteScalarAsync()) is not long etag)
        {
            throw StoredRows.StaleWrite(stateName, key, grainState.ETag);
        }

        StoredRows.Written(grainState, etag);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredRows.KeyOf(grainId);
        var expected = StoredRows.ParseETag(grainState.ETag);

        // Without an ETag the caller believes there is no row: it is stale if one exists.
        await using var command = expected is null
            ? Command("SELECT count(*) = 0 FROM grain_state WHERE state_name = $1 AND grain_key = $2", stateName, key)
            : Command(
                """
                WITH deleted AS (
                    DELETE FROM grain_state WHERE state_name = $1 AND grain_key = $2 AND etag = $3 RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM deleted)
                """,
                stateName, key, expected.Value);
        if (await Guarded("clearing", stateName, key, () => command.ExecuteScalarAsync()) is not true)
        {
            throw StoredRows.StaleClear(stateName, key, grainState.ETag);
        }

        StoredRows.Missing(grainState);
    }

    public async IAsyncEnumerable<(string Key, T State)> ScanAsync<T>(
        string stateName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            "SELECT grain_key, payload::text FROM grain_state WHERE state_name = $1 ORDER BY grain_key", stateName);
        await foreach (var row in StoredRows.ScanAsync<T>(command, stateName, _logger, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Answers when the database serves the grain state table (so a missing schema fails readiness too).</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT 1 FROM grain_state LIMIT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    /// <summary>Caps the pool at <see cref="DefaultMaxPoolSize"/> unless the connection string names a pool size.</summary>
    internal static string WithPoolLimit(string connectionString)
    {
        // Npgsql's own builder answers for every keyword, set or not; the plain one knows what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var setsPool = written.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .Any(k => k == "maximumpoolsize");
        return setsPool
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    private async Task<TResult> Guarded<TResult>(string doing, string stateName, string key, Func<Task<TResult>> operation)
    {
        try
        {
            return await operation();
        }
        catch (NpgsqlException ex)
        {
            _logger.LogError(ex, "PostgreSQL failed {Doing} {StateName}/{Key}", doing, stateName, key);
            throw new StoreException($"PostgreSQL failed {doing} {stateName}/{key}: {ex.Message}");
        }
    }

    private Task Guarded(string doing, string stateName, string key, Func<Task> operation) =>
        Guarded(doing, stateName, key, async () =>
        {
            await operation();
            return true;
        });

    /// <summary>A command on a pooled connection that returns to the pool when the command is disposed.</summary>
    private NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = _dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
