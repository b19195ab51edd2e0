using Matching.Cluster.Tests.Support;
using Matching.Storage.PostgreSql;
using Matching.Tests.Storage;
using Npgsql;

namespace Matching.Cluster.Tests;

/// <summary>
/// Orleans' ADO.NET grain storage over the project's schema keeps the same contract as the embedded store,
/// over a database of each test's own; and what is particular to it: keys the provider would take for numbers,
/// services sharing one database, and the copy from schema version 1.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class AdoNetStateStoreTests(PostgreSqlServer server) : GrainStorageContract<AdoNetStateStore>
{
    private const string ServiceId = "matching";

    private string? _database;

    protected override async Task<AdoNetStateStore> OpenAsync()
    {
        _database ??= await server.CreateDatabaseAsync();
        await PostgreSqlSchema.EnsureAsync(_database);
        return await AdoNetStateStore.OpenAsync(_database, ServiceId);
    }

    protected override async Task DeleteDataAsync()
    {
        if (_database is not null)
        {
            await server.DropDatabaseAsync(_database);
        }
    }

    [Fact]
    public async Task Any_text_the_api_accepts_is_stored_as_written()
    {
        // The json column keeps text as written; jsonb would refuse the NUL escape and rewrite the rest.
        var grainId = GrainId.Create("test", "odd-text");
        var text = "名字\u0000\t\"引号\" \\ 😀";
        var state = new GrainState<StorageTestState>(new StorageTestState { Name = text });

        await Store.WriteStateAsync("storageTest", grainId, state);
        var read = new GrainState<StorageTestState>();
        await Store.ReadStateAsync("storageTest", grainId, read);

        Assert.Equal(text, read.State?.Name);
    }

    [Fact]
    public async Task Ids_the_provider_would_read_as_numbers_or_guids_stay_distinct_and_scan_back_as_written()
    {
        // Orleans' provider stores "cafe", "CAFE" and "0cafe" all as the number 0xCAFE unless the store says otherwise.
        string[] keys = ["cafe", "CAFE", "0cafe", "12", "012", $"{Guid.NewGuid():N}", "~tilde", "plain-id"];
        foreach (var key in keys)
        {
            await Store.WriteStateAsync("storageTest", GrainId.Create("test", key), new GrainState<StorageTestState>(new StorageTestState { Name = key }));
        }

        foreach (var key in keys)
        {
            var read = new GrainState<StorageTestState>();
            await Store.ReadStateAsync("storageTest", GrainId.Create("test", key), read);
            Assert.Equal(key, read.State!.Name);
        }

        var scanned = new List<(string Key, StorageTestState State)>();
        await foreach (var row in Store.ScanAsync<StorageTestState>("storageTest"))
        {
            scanned.Add(row);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), scanned.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(scanned, s => Assert.Equal(s.Key, s.State.Name));
    }

    [Fact]
    public async Task Rows_are_the_providers_own_by_service_id_state_name_and_key_with_the_json_payload()
    {
        await Store.WriteStateAsync("storageTest", GrainId.Create("test", "w-1"), new GrainState<StorageTestState>(new StorageTestState { Name = "付明" }));
        await using var other = await AdoNetStateStore.OpenAsync(_database!, "another-service");
        await other.WriteStateAsync("storageTest", GrainId.Create("test", "w-2"), new GrainState<StorageTestState>(new StorageTestState { Name = "杨华" }));

        var rows = await Sql.QueryAsync(_database!,
            "SELECT service_id || '/' || state_name || '/' || grain_key || '/' || (payload->>'name') || '/' || version FROM orleans_storage ORDER BY 1");
        Assert.Equal(["another-service/storageTest/w-2/杨华/1", "matching/storageTest/w-1/付明/1"], rows);

        // Each service scans its own rows only.
        var ours = new List<string>();
        await foreach (var (key, _) in Store.ScanAsync<StorageTestState>("storageTest"))
        {
            ours.Add(key);
        }

        Assert.Equal(["w-1"], ours);
    }

    [Fact]
    public async Task The_copy_from_schema_version_1_moves_every_row_once_and_the_scans_read_them()
    {
        await Sql.ExecuteAsync(_database!,
            """
            CREATE TABLE grain_state (state_name text NOT NULL, grain_key text NOT NULL, etag bigint NOT NULL,
                payload json NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (state_name, grain_key));
            INSERT INTO grain_state (state_name, grain_key, etag, payload) VALUES
                ('storageTest', 'old-1', 4, '{"name":"旧","count":3,"tags":["a"],"at":"2025-03-03T08:30:15+08:00","day":"2025-03-03"}'),
                ('storageTest', 'cafe', 1, '{"name":"cafe","count":0,"tags":[],"at":"0001-01-01T00:00:00+00:00","day":"0001-01-01"}'),
                ('storageTestOther', 'old-2', 2, '{"name":"其他","count":0,"tags":[],"at":"0001-01-01T00:00:00+00:00","day":"0001-01-01"}');
            """);

        var first = await GrainStateCopy.RunAsync(_database!, Store);
        var again = await GrainStateCopy.RunAsync(_database!, Store);

        Assert.Equal(new GrainStateCopy.Result(3, 0), first);
        Assert.Equal(new GrainStateCopy.Result(0, 3), again);
        var read = new GrainState<StorageTestState>();
        await Store.ReadStateAsync("storageTest", GrainId.Create("test", "old-1"), read);
        Assert.Equal(("旧", 3, new DateOnly(2025, 3, 3)), (read.State!.Name, read.State!.Count, read.State!.Day));
        var scanned = new List<string>();
        await foreach (var (key, _) in Store.ScanAsync<StorageTestState>("storageTest"))
        {
            scanned.Add(key);
        }

        Assert.Equal(["cafe", "old-1"], scanned.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ping_fails_when_the_providers_table_is_gone()
    {
        await Store.PingAsync();
        await Sql.ExecuteAsync(_database!, "DROP TABLE orleans_storage");

        // So a silo over a database without the schema is not ready, though the server answers.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Store.PingAsync());
        Assert.Equal(PostgresErrorCodes.UndefinedTable, refused.SqlState);
    }

    [Fact]
    public async Task A_database_without_the_old_table_has_nothing_to_copy()
    {
        Assert.Equal(new GrainStateCopy.Result(0, 0), await GrainStateCopy.RunAsync(_database!, Store));
    }
}
