using Matching.Cluster.Tests.Support;
using Matching.Storage;
using Matching.Storage.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Matching.Cluster.Tests;

/// <summary>How the store uses its connections, and what a caller in another process hears when the database fails.</summary>
public sealed class PostgreSqlConnectionTests
{
    [Theory]
    [InlineData("Host=db;Database=matching", PostgreSqlGrainStorage.DefaultMaxPoolSize)]
    [InlineData("Host=db;Database=matching;Maximum Pool Size=7", 7)]
    [InlineData("Host=db;Database=matching;maximum pool size=50", 50)]
    public void A_silo_keeps_a_bounded_pool_unless_the_connection_string_sizes_it(string connectionString, int poolSize)
    {
        var used = new NpgsqlConnectionStringBuilder(PostgreSqlGrainStorage.WithPoolLimit(connectionString));

        Assert.Equal(poolSize, used.MaxPoolSize);
        Assert.Equal("db", used.Host);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_with_an_exception_orleans_can_carry()
    {
        // Nothing listens on a port just found free.
        await using var store = new PostgreSqlGrainStorage(
            $"Host=127.0.0.1;Port={FreePorts.Next()};Username=postgres;Timeout=3", NullLogger<PostgreSqlGrainStorage>.Instance);

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.ReadStateAsync("worker", GrainId.Create("worker", "w-1"), new GrainState<object>()));

        Assert.Contains("worker/w-1", error.Message, StringComparison.Ordinal);
    }
}
