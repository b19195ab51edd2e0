using System.Reflection;
using System.Text.RegularExpressions;
using Matching.Cluster.Tests.Support;
using Matching.Storage.PostgreSql;

namespace Matching.Cluster.Tests;

/// <summary>schema.sql: what the Orleans providers need, applied any number of times, at start or by command.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSchemaTests(PostgreSqlServer server) : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public Task DisposeAsync() => server.DropDatabaseAsync(_database);

    [Fact]
    public async Task Every_query_the_installed_providers_ask_for_is_defined()
    {
        await PostgreSqlSchema.EnsureAsync(_database);

        // Clustering and reminders check their queries by the properties of an internal class; read the same list
        // from them. The grain storage provider names its keys in the query it starts with.
        var clusteringAndReminders = new[] { typeof(Orleans.Configuration.AdoNetClusteringSiloOptions), typeof(Orleans.Configuration.AdoNetReminderTableOptions) }
            .Select(t => t.Assembly.GetTypes().Single(type => type.Name == "DbStoredQueries"))
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name));
        var storage = Regex.Matches(Orleans.Storage.AdoNetGrainStorage.DefaultInitializationQuery, "'(\\w+Key)'").Select(m => m.Groups[1].Value);
        var required = clusteringAndReminders.Concat(storage).Order(StringComparer.Ordinal).ToList();

        var defined = await Sql.QueryAsync(_database, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"");

        Assert.Equal(20, required.Count);
        Assert.Equal(required, defined);
    }

    [Fact]
    public async Task Applying_again_skips_an_up_to_date_schema_and_never_loses_data()
    {
        Assert.True(await PostgreSqlSchema.EnsureAsync(_database));
        await Sql.ExecuteAsync(_database,
            """
            INSERT INTO orleans_storage (service_id, state_name, grain_key, grain_n0, grain_n1, grain_hash, state_hash, payload, version)
            VALUES ('matching', 'worker', 'w-1', 0, 0, 0, 0, '{}', 3)
            """);

        Assert.False(await PostgreSqlSchema.EnsureAsync(_database));
        await PostgreSqlSchema.ApplyAsync(_database);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgreSqlSchema.ApplyAsync(_database)));

        Assert.Equal(["w-1:3"], await Sql.QueryAsync(_database, "SELECT grain_key || ':' || version FROM orleans_storage"));
        Assert.Equal([PostgreSqlSchema.Fingerprint], await Sql.QueryAsync(_database, "SELECT script_sha256 FROM matching_schema"));
    }

    [Fact]
    public async Task The_silo_applies_the_schema_by_command_and_exits()
    {
        var (exitCode, output) = await SiloProcess.RunToEndAsync(
            new Dictionary<string, string> { ["Matching:Mode"] = "cluster", ["Matching:PostgreSql:ConnectionString"] = _database },
            "--apply-schema");

        Assert.True(exitCode == 0, output);
        Assert.Equal([PostgreSqlSchema.Fingerprint], await Sql.QueryAsync(_database, "SELECT script_sha256 FROM matching_schema"));
        Assert.False(await PostgreSqlSchema.EnsureAsync(_database));
    }
}
