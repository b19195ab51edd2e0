using Matching.Cluster.Tests.Support;
using Matching.Errors;
using Matching.Storage;
using Matching.Storage.PostgreSql;
using Npgsql;

namespace Matching.Cluster.Tests;

/// <summary>How the store uses its connections, and what a caller in another process hears when the database fails.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConnectionTests(PostgreSqlServer server)
{
    [Theory]
    [InlineData("Host=db;Database=matching", AdoNetStateStore.DefaultMaxPoolSize)]
    [InlineData("Host=db;Database=matching;Maximum Pool Size=7", 7)]
    [InlineData("Host=db;Database=matching;maximum pool size=50", 50)]
    public void A_silo_keeps_a_bounded_pool_unless_the_connection_string_sizes_it(string connectionString, int poolSize)
    {
        var used = new NpgsqlConnectionStringBuilder(AdoNetStateStore.WithPoolLimit(connectionString));

        Assert.Equal(poolSize, used.MaxPoolSize);
        Assert.Equal("db", used.Host);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_with_an_exception_orleans_can_carry()
    {
        // Nothing listens on a port just found free.
        // The provider reads its queries at start, so the store opens over a live database; then the database goes.
        var database = await server.CreateDatabaseAsync();
        await PostgreSqlSchema.EnsureAsync(database);
        await using var store = await AdoNetStateStore.OpenAsync(database + ";Timeout=3", "matching");
        await server.DropDatabaseAsync(database);

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.ReadStateAsync("worker", GrainId.Create("worker", "w-1"), new GrainState<object>()));

        Assert.Contains("worker/w-1", error.Message, StringComparison.Ordinal);
    }
}
