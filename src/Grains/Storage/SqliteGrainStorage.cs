using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Matching.Storage;

/// <summary>
/// The embedded default's durable store: one SQLite file under <see cref="MatchingOptions.DataPath"/>,
/// one row per grain state, optimistic concurrency through an integer ETag.
/// </summary>
/// <remarks>
/// WAL journal with <c>synchronous=NORMAL</c>: a commit survives a crash of the process (the case a restart
/// test covers) without an fsync per write, which would cap writes near the disk's flush rate.
/// All writes go through one connection in turn; reads and scans use pooled connections beside it,
/// which WAL allows while a write is in progress.
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage, IStateStore, IDisposable
{
    public const string FileName = "matching.db";

    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _connectionString;
    private readonly ILogger<SqliteGrainStorage> _logger;

    public SqliteGrainStorage(IOptions<MatchingOptions> options, ILogger<SqliteGrainStorage> logger)
        : this(options.Value.DataPath, logger)
    {
    }

    public SqliteGrainStorage(string dataPath, ILogger<SqliteGrainStorage> logger)
    {
        _logger = logger;
        Directory.CreateDirectory(dataPath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, FileName),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT    NOT NULL,
                grain_key  TEXT    NOT NULL,
                etag       INTEGER NOT NULL,
                payload    TEXT    NOT NULL,
                updated_at TEXT    NOT NULL,
                PRIMARY KEY (state_name, grain_key)
            ) WITHOUT ROWID;
            """);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenReaderAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, payload FROM grain_state WHERE state_name = $name AND grain_key = $key";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$key", StoredRows.KeyOf(grainId));
        await StoredRows.ReadAsync(command, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredRows.KeyOf(grainId);
        var payload = StateJson.Serialize(grainState.State);
        var expected = StoredRows.ParseETag(grainState.ETag);
        await _writeLock.WaitAsync();
        try
        {
            await using var command = _writer.CreateCommand();
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
            if (expected is null)
            {
                // First write: the row must not exist yet, else another activation wrote it first.
                command.CommandText = """
                    INSERT INTO grain_state (state_name, grain_key, etag, payload, updated_at)
                    VALUES ($name, $key, 1, $payload, $now)
                    ON CONFLICT (state_name, grain_key) DO NOTHING
                    RETURNING etag
                    """;
            }
            else
            {
                command.CommandText = """
                    UPDATE grain_state SET etag = etag + 1, payload = $payload, updated_at = $now
                    WHERE state_name = $name AND grain_key = $key AND etag = $etag
                    RETURNING etag
                    """;
                command.Parameters.AddWithValue("$etag", expected.Value);
            }

            var result = await command.ExecuteScalarAsync();
            if (result is not long etag)
            {
                throw StoredRows.StaleWrite(stateName, key, grainState.ETag);
            }

            StoredRows.Written(grainState, etag);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredRows.KeyOf(grainId);
        var expected = StoredRows.ParseETag(grainState.ETag);
        await _writeLock.WaitAsync();
        try
        {
            await using var command = _writer.CreateCommand();
            command.CommandText = expected is null
                ? "SELECT count(*) FROM grain_state WHERE state_name = $name AND grain_key = $key"
                : "DELETE FROM grain_state WHERE state_name = $name AND grain_key = $key AND etag = $etag RETURNING 1";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$key", key);
            if (expected is not null)
            {
                command.Parameters.AddWithValue("$etag", expected.Value);
            }

            var result = await command.ExecuteScalarAsync();
            var stale = expected is null ? result is long n && n > 0 : result is null;
            if (stale)
            {
                throw StoredRows.StaleClear(stateName, key, grainState.ETag);
            }

            StoredRows.Missing(grainState);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async IAsyncEnumerable<(string Key, T State)> ScanAsync<T>(
        string stateName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key, payload FROM grain_state WHERE state_name = $name ORDER BY grain_key";
        command.Parameters.AddWithValue("$name", stateName);
        await foreach (var row in StoredRows.ScanAsync<T>(command, stateName, _logger, cancellationToken))
        {
            yield return row;
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _writeLock.Dispose();
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
