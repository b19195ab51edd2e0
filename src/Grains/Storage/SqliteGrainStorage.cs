using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
/// A write is answered only once it is on the disk: WAL journal with <c>synchronous=FULL</c>, so an answered
/// hire or stay survives a power loss, not only a crash of the process. An fsync per write would cap writes
/// near the disk's flush rate, so writes are committed in groups: one writer thread takes every write queued
/// while the previous commit was flushing, runs them in one transaction (each keeps its own ETag check and
/// its own answer) and answers them all after the one fsync. Reads and scans use pooled connections beside
/// it, which WAL allows while a write is in progress.
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage, IStateStore, IDisposable
{
    public const string FileName = "matching.db";

    /// <summary>At most this many writes share one commit, so one slow group never holds a great many callers.</summary>
    private const int MaxGroup = 512;

    private readonly SqliteConnection _writer;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writerThread;
    private readonly string _connectionString;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private volatile bool _disposed;

    public SqliteGrainStorage(IOptions<MatchingOptions> options, ILogger<SqliteGrainStorage> logger)
        : this(options.Value.DataPath, logger, options.Value.FlushEachCommit)
    {
    }

    public SqliteGrainStorage(string dataPath, ILogger<SqliteGrainStorage> logger, bool flushEachCommit = true)
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
        Execute(_writer, $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {(flushEachCommit ? "FULL" : "NORMAL")};
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT    NOT NULL,
                grain_key  TEXT    NOT NULL,
                etag       INTEGER NOT NULL,
                payload    TEXT    NOT NULL,
                updated_at TEXT    NOT NULL,
                PRIMARY KEY (state_name, grain_key)
            ) WITHOUT ROWID;
            """);
        _writerThread = new Thread(WriteGroups) { IsBackground = true, Name = "sqlite-writer" };
        _writerThread.Start();
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
        var result = await EnqueueAsync(command =>
        {
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
        });

        if (result is not long etag)
        {
            throw StoredRows.StaleWrite(stateName, key, grainState.ETag);
        }

        StoredRows.Written(grainState, etag);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredRows.KeyOf(grainId);
        var expected = StoredRows.ParseETag(grainState.ETag);
        var result = await EnqueueAsync(command =>
        {
            command.CommandText = expected is null
                ? "SELECT count(*) FROM grain_state WHERE state_name = $name AND grain_key = $key"
                : "DELETE FROM grain_state WHERE state_name = $name AND grain_key = $key AND etag = $etag RETURNING 1";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$key", key);
            if (expected is not null)
            {
                command.Parameters.AddWithValue("$etag", expected.Value);
            }
        });

        var stale = expected is null ? result is long n && n > 0 : result is null;
        if (stale)
        {
            throw StoredRows.StaleClear(stateName, key, grainState.ETag);
        }

        StoredRows.Missing(grainState);
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
        _disposed = true;

        // Writes already queued are still committed and answered before the connection closes.
        _queue.Writer.TryComplete();
        _writerThread.Join();
        _writer.Dispose();
    }

    /// <summary>Queues one statement for the next group commit; answers its scalar result once it is durable.</summary>
    private Task<object?> EnqueueAsync(Action<SqliteCommand> prepare)
    {
        var write = new QueuedWrite(prepare);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteGrainStorage));
        }

        return write.Answer.Task;
    }

    private void WriteGroups()
    {
        var group = new List<QueuedWrite>(MaxGroup);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var write))
            {
                group.Add(write);
            }

            Commit(group);
        }
    }

    private void Commit(List<QueuedWrite> group)
    {
        var results = new object?[group.Count];
        var failures = new Exception?[group.Count];
        try
        {
            using var transaction = _writer.BeginTransaction();
            for (var i = 0; i < group.Count; i++)
            {
                // One statement failing (a constraint, a bad payload) fails its own caller, not the group.
                using var command = _writer.CreateCommand();
                command.Transaction = transaction;
                try
                {
                    group[i].Prepare(command);
                    results[i] = command.ExecuteScalar();
                }
                catch (SqliteException ex)
                {
                    failures[i] = ex;
                }
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            // Nothing of the group is durable: every caller hears so, and each grain keeps its old ETag.
            _logger.LogError(ex, "A group of {Count} writes could not be committed", group.Count);
            group.ForEach(w => w.Answer.TrySetException(ex));
            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                group[i].Answer.TrySetException(failure);
            }
            else
            {
                group[i].Answer.TrySetResult(results[i]);
            }
        }
    }

    /// <summary>A statement waiting for the next commit, and its caller's answer.</summary>
    private sealed class QueuedWrite(Action<SqliteCommand> prepare)
    {
        public Action<SqliteCommand> Prepare { get; } = prepare;

        // Continuations leave the writer thread at once: it only ever writes.
        public TaskCompletionSource<object?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        // The pool would still open the file: a closed store reads and pings no more than it writes.
        ObjectDisposedException.ThrowIf(_disposed, this);
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
