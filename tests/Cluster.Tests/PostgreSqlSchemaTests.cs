using System.Reflection;
using Matching.Cluster.Tests.Support;
using Matching.Storage.PostgreSql;
using Npgsql;

namespace Matching.Cluster.Tests;

/// <summary>schema.sql: what the Orleans providers need, applied any number of times, at start or by command.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSchemaTests(PostgreSqlServer server) : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public Task DisposeAsync() => server.DropDatabaseAsync(_database);

    [Fact]
    public async Task Every_query_the_installed_clustering_and_reminder_providers_ask_for_is_defined()
    {
        await PostgreSqlSchema.EnsureAsync(_database);

        // The providers check their queries by the properties of an internal class; read the same list from them.
        var required = new[] { typeof(Orleans.Configuration.AdoNetClusteringSiloOptions), typeof(Orleans.Configuration.AdoNetReminderTableOptions) }
            .Select(t => t.Assembly.GetTypes().Single(type => type.Name == "DbStoredQueries"))
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name))
            .Order(StringComparer.Ordinal)
            .ToList();

        var defined = await QueryAsync("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"");

        Assert.Equal(16, required.Count);
        Assert.Equal(required, defined);
    }

    [Fact]
    public async Task Applying_again_skips_an_up_to_date_schema_and_never_loses_data()
    {
        Assert.True(await PostgreSqlSchema.EnsureAsync(_database));
        await ExecuteAsync("INSERT INTO grain_state (state_name, grain_key, etag, payload) VALUES ('worker', 'w-1', 3, '{}')");

        Assert.False(await PostgreSqlSchema.EnsureAsync(_database));
        await PostgreSqlSchema.ApplyAsync(_database);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgreSqlSchema.ApplyAsync(_database)));

        Assert.Equal(["w-1:3"], await QueryAsync("SELECT grain_key || ':' || etag FROM grain_state"));
        Assert.Equal([PostgreSqlSchema.Fingerprint], await QueryAsync("SELECT script_sha256 FROM matching_schema"));
    }

    [Fact]
    public async Task The_silo_applies_the_schema_by_command_and_exits()
    {
        var (exitCode, output) = await SiloProcess.RunToEndAsync(
            new Dictionary<string, string> { ["Matching:Mode"] = "cluster", ["Matching:PostgreSql:ConnectionString"] = _database },
            "--apply-schema");

        Assert.True(exitCode == 0, output);
        Assert.Equal([PostgreSqlSchema.Fingerprint], await QueryAsync("SELECT script_sha256 FROM matching_schema"));
        Assert.False(await PostgreSqlSchema.EnsureAsync(_database));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
