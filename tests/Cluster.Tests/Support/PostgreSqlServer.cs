using Npgsql;

namespace Matching.Cluster.Tests.Support;

/// <summary>
/// A PostgreSQL server for the tests: the one <see cref="Variable"/> names, or else a throwaway server
/// (<see cref="LocalPostgreSql"/>: initdb and pg_ctl on 127.0.0.1 and a free port, in a folder of its own, stopped
/// and deleted at the end).
/// Each test asks for a database of its own.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>A connection string (with rights to create databases) to use instead of a throwaway server.</summary>
    public const string Variable = "Matching__Tests__PostgreSql";

    private readonly List<string> _databases = [];
    private LocalPostgreSql? _server;
    private string _admin = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            _admin = given;
            return;
        }

        try
        {
            _server = await LocalPostgreSql.StartAsync();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message} Or set {Variable} to a connection string.", ex);
        }

        _admin = _server.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            // The whole server goes, with every database in it.
            await _server.DisposeAsync();
            return;
        }

        foreach (var database in _databases)
        {
            await DropAsync(database);
        }
    }

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"matching_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync($"CREATE DATABASE {name}");
        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what is still connected to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await DropAsync(name);
        lock (_databases)
        {
            _databases.Remove(name);
        }
    }

    private Task DropAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>One server for every test that needs PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "postgres";
}
