using Matching.Cluster.Tests.Support;
using Matching.Storage.PostgreSql;
using Matching.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matching.Cluster.Tests;

/// <summary>The PostgreSQL store keeps the same contract as the embedded one, over a database of each test's own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlGrainStorageTests(PostgreSqlServer server) : GrainStorageContract<PostgreSqlGrainStorage>
{
    private string? _database;

    protected override async Task<PostgreSqlGrainStorage> OpenAsync()
    {
        _database ??= await server.CreateDatabaseAsync();
        await PostgreSqlSchema.EnsureAsync(_database);
        return new PostgreSqlGrainStorage(_database, NullLogger<PostgreSqlGrainStorage>.Instance);
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
}
